"""The wants-a-human guard: sends the conversation to a person when the patient wants or needs one.

A patient may ask for a person outright ("operatore", "un humain svp", "real
person"), or show it: anger or insults, a complaint, fear or distress, or
telling the bot it keeps failing ("non capisci niente", "ya te lo dije"). Any
of these gives a verdict with ``allowed=False`` (the conversation goes to the
handoff queue) and ``reason="wants human: <kind>"``, with kind one of
``asked``, ``complaint``, ``anger``, ``distress``, ``repeated_failure``.

Mentioning people is not asking for one: "can I bring a person with me?", "is
the doctor a woman?", "human papillomavirus test", "price per person", "are you
a bot? what time do you open?" all pass.

How it decides. ``guardrails/lexicons/wants_human.yaml`` (compiled by
:mod:`guardrails.wants_human_lexicon`) lists phrases per kind in four
languages, matched on folded text (no accents, lower case; apostrophes and
hyphens count as spaces). Besides phrases, a kind may list ``pairs``: a
phrase of one list followed, within a few words, by a phrase of another list
of the same language ("can the doctor's secretary" … "ring me back",
"passez-moi" … "la secrétaire"). A request is built from such halves, and
listing the halves catches the many ways of combining them that no phrase list
could spell out. Phrases under ``alone`` count only when they are the whole
message, after any greetings of the list ``alone_after`` and before any
words of the list ``alone_then`` ("please", "xfa", "asap"): "hay alguien??",
"hello?? anyone??" or "umano pls" ask whether a person is there; "anyone" inside
a sentence does not. A phrase covered by one of the kind's ``overlaps`` lists does
not count ("human" inside "human papilloma virus"), though what follows the covering
phrase is read on ("someone who speaks spanish" … "spanish call me"), and a kind whose
``unless`` lists match anywhere in the message is ignored ("no rush" after
"still waiting"). Patients abbreviate ("nn", "qqn", "some1", "xfa"): the
lexicon's ``spellings`` give each word its usual short forms, and every phrase
is also matched with them, so "nn capisci" and "kiero hablar cn alguien" need no
phrases of their own. When several kinds match, the one the handoff queue should
see first wins: distress, anger, complaint, asked, repeated failure. All four
languages are matched whatever ``context.language`` says; a kind found only
through phrases of other languages gets a slightly lower risk.

If anything unexpected fails while checking (or ``text`` is not a string),
the guard fails closed: not allowed, risk 1, reason "wants human: could not
decide", which also hands the conversation to a person. A missing or malformed
lexicon raises :class:`~guardrails.lexicons.LexiconError` when the guard is
built.
"""

from __future__ import annotations

import re

from guardrails.base import Finding, GuardContext, Verdict
from guardrails.lexicons import normalise
from guardrails.wants_human_lexicon import (
    KINDS,
    LANGUAGES,
    MAX_GAP,
    MAX_SPELLINGS,
    Kind,
    LazyPatterns,
    LazyVetoes,
    all_languages,
    checked,
    clean,
    compile_alone,
    compile_kind,
    compile_lexicon,
    compile_pairs,
    pair_sources,
    per_language,
    phrase_source,
    sources,
    with_spellings,
)

__all__ = [
    "FOREIGN_PENALTY",
    "KINDS",
    "LANGUAGES",
    "MAX_GAP",
    "MAX_SPELLINGS",
    "Kind",
    "LazyPatterns",
    "LazyVetoes",
    "WantsHumanGuard",
    "all_languages",
    "checked",
    "clean",
    "compile_alone",
    "compile_kind",
    "compile_lexicon",
    "compile_pairs",
    "every_match",
    "kept",
    "kind_risk",
    "pair_sources",
    "per_language",
    "phrase_source",
    "scan",
    "sources",
    "with_spellings",
]

FOREIGN_PENALTY = 0.1
"""Risk taken off a kind found only through phrases of languages other than the context's."""


class WantsHumanGuard:
    """Block (hand over) messages where the patient asks for a person or shows they need one.

    LLM-free and CPU-only: precompiled patterns per kind (phrases, pairs) over folded text.
    See the module docstring for the kinds, their order and the fail-closed
    behaviour.
    """

    name = "wants_human"

    def __init__(self, *, lexicon: str = "wants_human") -> None:
        self._kinds = compile_lexicon(lexicon)

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Return a blocking verdict if the patient wants or needs a person."""
        try:
            if not isinstance(text, str):
                raise TypeError(f"text must be str, not {type(text).__name__}")
            return self._check(text, context)
        except Exception:  # fail closed: when unsure, a person takes the conversation
            return Verdict(
                guard=self.name,
                allowed=False,
                text=text if isinstance(text, str) else "",
                risk=1.0,
                reason="wants human: could not decide",
            )

    def _check(self, text: str, context: GuardContext) -> Verdict:
        folded, offset = normalise(text)
        findings: list[Finding] = []
        chosen: tuple[str, float] | None = None
        for kind in self._kinds:
            matches = kept(kind, folded)
            if not matches or any(veto.search(folded) for veto in kind.unless):
                continue
            risk = kind_risk(kind, [m.group() for m in matches], context.language)
            findings.extend(
                Finding(type=kind.name, start=offset(m.start()), end=offset(m.end()), score=risk)
                for m in matches
            )
            if chosen is None:
                chosen = (kind.name, risk)
        if chosen is None:
            return Verdict(
                guard=self.name, allowed=True, text=text, reason="no request for a human"
            )
        name, risk = chosen
        return Verdict(
            guard=self.name,
            allowed=False,
            text=text,
            risk=risk,
            reason=f"wants human: {name}",
            findings=tuple(sorted(findings, key=lambda f: f.start)),
        )


def kept(kind: Kind, folded: str) -> list[re.Match[str]]:
    """Return the kind's phrases in ``folded``, minus those an ``overlaps`` phrase covers.

    The message is read on after a covering phrase: in "can someone who speaks
    spanish call me?" the pair "someone" … "call me" is covered by "someone who
    speaks", but "spanish" … "call me", which starts after it, still counts.
    """
    matches = scan(kind, folded)
    whole = kind.alone.match(folded) if kind.alone is not None else None
    if whole is not None and kind.alone_phrase is not None:
        phrase = kind.alone_phrase.match(folded, whole.start("alone"))
        if phrase is not None:
            matches.append(phrase)
    if not matches or not kind.overlaps:
        return matches
    covered = [span for veto in kind.overlaps for span in every_match(veto, folded)]

    def free(m: re.Match[str]) -> bool:
        return not any(s < m.end() and m.start() < e for s, e in covered)

    found = [m for m in matches if free(m)]
    if len(found) < len(matches):
        seen = {m.span() for m in found}
        for end in sorted({e for s, e in covered}):
            for m in scan(kind, folded, end):
                if m.span() not in seen and free(m):
                    seen.add(m.span())
                    found.append(m)
    return found


def scan(kind: Kind, folded: str, start: int = 0) -> list[re.Match[str]]:
    """Return the kind's phrase and pair matches from ``start``, as ``phrases|pairs`` would.

    Phrases and pairs stay two patterns because compiling the two together
    again, as one, would cost a third of the time it takes to build the
    guard. At each point, as in an alternation, a phrase is preferred to a pair.
    """
    if kind.pairs is None:
        return list(kind.pattern.finditer(folded, start))
    matches: list[re.Match[str]] = []
    position = start
    phrase = kind.pattern.search(folded, start)
    pair = kind.pairs.search(folded, start)
    while phrase is not None or pair is not None:
        first = pair is None or (phrase is not None and phrase.start() <= pair.start())
        found = phrase if first else pair
        if found is None:  # never: the loop runs while one of the two is found
            break
        matches.append(found)
        position = max(found.end(), found.start() + 1)
        if phrase is not None and phrase.start() < position:
            phrase = kind.pattern.search(folded, position)
        if pair is not None and pair.start() < position:
            pair = kind.pairs.search(folded, position)
    return matches


def every_match(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Spans of ``pattern`` in ``text``, overlapping ones included (one per starting point).

    ``finditer`` skips a match that starts inside the previous one, so "rispondi
    tu o" would hide "tu o qualcuno"; here both count.
    """
    spans: list[tuple[int, int]] = []
    found = pattern.search(text)
    while found is not None:
        spans.append(found.span())
        found = pattern.search(text, found.start() + 1)
    return spans


def kind_risk(kind: Kind, phrases: list[str], language: str) -> float:
    """Return the kind's risk, a little lower when no phrase is in ``language``'s list."""
    for phrase in phrases:
        for lang in (language, "any"):
            pattern = kind.by_language.get(lang)
            if pattern is not None and pattern.fullmatch(phrase):
                return kind.risk
    return max(0.0, kind.risk - FOREIGN_PENALTY)
