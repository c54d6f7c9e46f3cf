"""A guard made of several guards: it blocks when any of them blocks, under one name.

The emergency lexicon and the emergency classifier are two opinions on one
question; the pipeline wants one "emergency" verdict whichever of them fired.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from guardrails.base import Guard, GuardContext, Verdict


class AnyOfGuard:
    """Run every guard on the text; block with the first blocking verdict, renamed.

    Order the guards most specific first. The first blocking verdict keeps its
    reason, text and findings, takes ``name`` as its guard and the highest risk
    of all blocking verdicts. Its reason wins even over a riskier one because
    callers read reasons: the lexicon's "emergency: self_harm" picks the crisis
    line reply, "wants human: complaint" a high-priority handoff, which a
    classifier's "(semantic 0.97)" cannot say. A guard that raises counts as
    blocking with risk 1 (fails closed). With no block, the verdict is allowed,
    carries the text unchanged and the highest risk seen.
    """

    def __init__(self, *, name: str, guards: Sequence[Guard]) -> None:
        if not guards:
            raise ValueError("AnyOfGuard needs at least one guard")
        self.name = name
        self.guards: tuple[Guard, ...] = tuple(guards)

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Return the first blocking verdict as this guard's, or an allowed one."""
        verdicts = [self._run(guard, text, context) for guard in self.guards]
        blocking = [verdict for verdict in verdicts if not verdict.allowed]
        if blocking:
            risk = max(verdict.risk for verdict in blocking)
            return blocking[0].model_copy(update={"guard": self.name, "risk": risk})
        return Verdict(
            guard=self.name,
            allowed=True,
            text=text if isinstance(text, str) else "",
            risk=max(verdict.risk for verdict in verdicts),
            reason="; ".join(verdict.reason for verdict in verdicts if verdict.reason),
        )

    @staticmethod
    def _run(guard: Guard, text: str, context: GuardContext) -> Verdict:
        try:
            return guard.check(text, context)
        except Exception as error:  # fail closed: a guard that cannot decide blocks
            return Verdict(
                guard=guard.name,
                allowed=False,
                text=text if isinstance(text, str) else "",
                risk=1.0,
                # the pipeline reads a reason starting "guard failed:" as "could not decide"
                reason=f"guard failed: {type(error).__name__} in {guard.name}",
            )


class UnlessGuard:
    """A guard whose block is dropped when ``excuse`` holds for the text.

    The advice classifier learnt lab names from questions about results, so
    "quante ore di digiuno per il colesterolo?" scored like one; the phrase
    lists know that a question about preparing for an exam is not advice, and
    their exemption applies to the classifier's opinion too. The phrase lists'
    own rules already weigh values and symptoms in such a message ("glucosa en
    ayunas a 118, soy diabética?" is still refused by them).
    """

    def __init__(self, guard: Guard, excuse: Callable[[str], bool], why: str) -> None:
        self.name = guard.name
        self._guard = guard
        self._excuse = excuse
        self._why = why

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Return the wrapped guard's verdict, allowed instead when the excuse holds."""
        verdict = self._guard.check(text, context)
        if verdict.allowed or not isinstance(text, str) or not self._excuse(text):
            return verdict
        return Verdict(
            guard=self.name, allowed=True, text=text, risk=verdict.risk, reason=self._why
        )
