"""The PHI leak guard: a draft reply must not carry a patient identifier.

The model only ever sees redacted text, but it can still write an identifier
(a name it made up, a number it half-remembers). A draft is blocked when it
contains a name, phone number, e-mail address, ID number or other identifier
that is none of:

- a placeholder (``<PERSON_1>``: the patient's own data, which the model only
  ever sees as a placeholder);
- the clinic's own vocabulary (``GuardContext.allow_list``: staff names, the
  clinic's phones and addresses);
- words of the turn's sources (``GuardContext.sources``: approved passages and
  the clinic profile), which hold no patient data: a reply may repeat them.
  This also absorbs the name recognizer's false alarms on document wording
  ("Sede Lambrate", "Routine").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from guardrails.base import Finding, GuardContext, Verdict
from guardrails.recognizers.lexicon import fold

if TYPE_CHECKING:
    from guardrails.phi_redaction import PhiRedactionGuard

Detect = Callable[[str, str, frozenset[str]], Sequence[Finding]]
"""``(text, language, allow_list) -> findings``: every identifier in ``text`` not allow-listed."""

_PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*_[0-9]+>")
_NOT_ALNUM = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")
_MIN_PHONE_DIGITS = 8


class PhiLeakGuard:
    """Block a draft reply that contains a patient identifier.

    ``detect`` finds identifiers (see :data:`Detect`); build it from the PHI
    redaction guard with :meth:`from_redactor`. Placeholders are blanked out
    before detection (same length, so offsets hold). Findings that are only
    placeholder, that match the allow-list (even if the detector let them
    through) or whose words appear in a source are dropped.

    Fails closed: if detection raises, the verdict is "not allowed" with a
    reason saying the guard could not decide; a reply that cannot be checked
    for leaks is not sent.
    """

    name = "phi_leak"

    def __init__(self, *, detect: Detect) -> None:
        self._detect = detect

    @classmethod
    def from_redactor(cls, redactor: PhiRedactionGuard) -> PhiLeakGuard:
        """Build the guard on a :class:`~guardrails.phi_redaction.PhiRedactionGuard`.

        The redactor runs on a throw-away context, so checking a draft never
        numbers new placeholders in the conversation.
        """

        def detect(text: str, language: str, allow_list: frozenset[str]) -> Sequence[Finding]:
            context = GuardContext(language=language, allow_list=allow_list)
            return redactor.redact(text, language, context).findings

        return cls(detect=detect)

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Return ``allowed=False`` when ``text`` holds an identifier that is not the clinic's."""
        try:
            return self._check(text, context)
        except Exception as error:  # fail closed: an unchecked reply is not sent
            return Verdict(
                guard=self.name,
                allowed=False,
                text=text if isinstance(text, str) else "",
                risk=1.0,
                reason=f"could not decide ({type(error).__name__}): reply not checked",
            )

    def _check(self, text: str, context: GuardContext) -> Verdict:
        if not isinstance(text, str):
            raise TypeError("the draft is not a string")
        if not text.strip():
            return Verdict(guard=self.name, allowed=True, text=text, reason="empty reply")
        blanked = _PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)
        allow_list = frozenset(context.allow_list)
        sources = tuple(s for s in getattr(context, "sources", None) or () if isinstance(s, str))
        findings = tuple(
            finding
            for finding in self._detect(blanked, context.language, allow_list)
            if _is_leak(text, blanked, finding, allow_list)
            and not _in_sources(text[finding.start : finding.end], sources)
        )
        if not findings:
            return Verdict(
                guard=self.name, allowed=True, text=text, reason="no patient identifiers"
            )
        types = sorted({finding.type for finding in findings})
        return Verdict(
            guard=self.name,
            allowed=False,
            text=text,
            risk=max(finding.score for finding in findings),
            reason=f"phi leak: {', '.join(types)}",
            findings=findings,
        )


def _is_leak(text: str, blanked: str, finding: Finding, allow_list: frozenset[str]) -> bool:
    """Tell whether a finding is an identifier: not a placeholder, not the clinic's."""
    if not 0 <= finding.start < finding.end <= len(text):
        raise ValueError("the detector returned a span outside the draft")
    if not _NOT_ALNUM.sub("", blanked[finding.start : finding.end]):
        return False  # only a placeholder under the finding
    return not _allowed(text[finding.start : finding.end], allow_list)


@lru_cache(maxsize=1024)
def _source_words(source: str) -> str:
    return _words(source)


def _words(text: str) -> str:
    """Return ``text`` as folded words between single spaces: " sede lambrate "."""
    return f" {' '.join(_WORD.findall(fold(text)))} "


def _in_sources(span: str, sources: tuple[str, ...]) -> bool:
    """Tell whether the span's words occur, in a row, in one of the sources."""
    wanted = _words(span)
    return wanted.strip() != "" and any(wanted in _source_words(s) for s in sources)


def _compact(value: str) -> str:
    return _NOT_ALNUM.sub("", fold(value))


def _phone_digits(value: str) -> str:
    """Return a phone-shaped value's digits without an international prefix, else ""."""
    if re.search(r"[^\d\s+().\-/]", value):
        return ""
    digits = re.sub(r"\D", "", value).removeprefix("00")
    return digits if len(digits) >= _MIN_PHONE_DIGITS else ""


@lru_cache(maxsize=16)
def _allow_index(allow_list: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the allow-list compacted, and its phone numbers as digits (built once per list)."""
    phones = tuple(d for d in map(_phone_digits, allow_list) if d)
    return frozenset(_compact(item) for item in allow_list), phones


def _allowed(span: str, allow_list: frozenset[str]) -> bool:
    """Tell whether ``span`` is allow-listed, ignoring case, accents, spaces and punctuation.

    A phone number also matches the allow-listed number written with or
    without its country code ("02 5550 1234" is "+39 02 5550 1234").
    """
    if not allow_list:
        return False
    compact, phones = _allow_index(allow_list)
    if _compact(span) in compact:
        return True
    digits = _phone_digits(span)
    return bool(digits) and any(_same_phone(digits, phone) for phone in phones)


def _same_phone(a: str, b: str) -> bool:
    """Tell whether two digit strings differ only by a country code (and the trunk 0)."""
    short, long = sorted((a, b), key=len)
    if long.endswith(short) and len(long) - len(short) <= 3:
        return True
    return short.startswith("0") and long.endswith(short[1:]) and len(long) - len(short) <= 2
