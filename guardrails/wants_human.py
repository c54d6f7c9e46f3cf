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

How it decides. ``guardrails/lexicons/wants_human.yaml`` lists phrases per kind
in four languages, matched on folded text (no accents, lower case; apostrophes
and hyphens count as spaces). A phrase covered by one of the kind's
``overlaps`` lists does not count ("human" inside "human papilloma virus"), and
a kind whose ``unless`` lists match anywhere in the message is ignored ("no
rush" after "still waiting"). When several kinds match, the one
the handoff queue should see first wins: distress, anger, complaint, asked,
repeated failure. All four languages are matched whatever
``context.language`` says; a kind found only through phrases of other
languages gets a slightly lower risk.

If anything unexpected fails while checking (or ``text`` is not a string),
the guard fails closed: not allowed, risk 1, reason "wants human: could not
decide", which also hands the conversation to a person. A missing or malformed
lexicon raises :class:`~guardrails.lexicons.LexiconError` when the guard is
built.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from guardrails.base import Finding, GuardContext, Verdict
from guardrails.lexicons import JOINERS, LexiconError, load_lexicon, normalise, phrase_pattern

KINDS: tuple[str, ...] = ("distress", "anger", "complaint", "asked", "repeated_failure")
"""Kinds of reasons to hand over, in the order the handoff queue should see them."""

LANGUAGES: tuple[str, ...] = ("it", "fr", "en", "es", "any")
"""Keys of a phrase list: one per language, ``any`` for emoji and shared words."""

FOREIGN_PENALTY = 0.1
"""Risk taken off a kind found only through phrases of languages other than the context's."""


@dataclass(frozen=True)
class Kind:
    """One reason to hand over: its phrases (all languages and per language), vetoes and risk.

    ``unless`` patterns veto the kind for the whole message ("nessuna fretta"
    takes the edge off "aspetto da ieri"); ``overlaps`` patterns only discard
    the phrases they overlap ("human" inside "human papilloma virus").
    """

    name: str
    pattern: re.Pattern[str]
    by_language: Mapping[str, re.Pattern[str]]
    unless: tuple[re.Pattern[str], ...]
    overlaps: tuple[re.Pattern[str], ...]
    risk: float


class WantsHumanGuard:
    """Block (hand over) messages where the patient asks for a person or shows they need one.

    LLM-free and CPU-only: one precompiled pattern per kind over folded text.
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
    """Return the kind's phrases in ``folded``, minus those an ``overlaps`` phrase covers."""
    matches = list(kind.pattern.finditer(folded))
    if not matches or not kind.overlaps:
        return matches
    covered = [m.span() for veto in kind.overlaps for m in veto.finditer(folded)]
    return [m for m in matches if not any(s < m.end() and m.start() < e for s, e in covered)]


def kind_risk(kind: Kind, phrases: list[str], language: str) -> float:
    """Return the kind's risk, a little lower when no phrase is in ``language``'s list."""
    for phrase in phrases:
        for lang in (language, "any"):
            pattern = kind.by_language.get(lang)
            if pattern is not None and pattern.fullmatch(phrase):
                return kind.risk
    return max(0.0, kind.risk - FOREIGN_PENALTY)


@cache
def compile_lexicon(name: str) -> tuple[Kind, ...]:
    """Load ``guardrails/lexicons/<name>.yaml`` and compile one :class:`Kind` per kind (once)."""
    data = load_lexicon(name)
    kinds = data.get("kinds")
    if not isinstance(kinds, dict) or set(kinds) != set(KINDS):
        raise LexiconError(f"lexicon {name!r} needs 'kinds' with exactly {KINDS}")
    lists = data.get("lists") or {}
    if not isinstance(lists, dict):
        raise LexiconError(f"lexicon {name!r}: 'lists' must map names to phrase lists")
    vetoes = {key: all_languages(f"{name}.lists.{key}", value) for key, value in lists.items()}
    return tuple(compile_kind(f"{name}.kinds.{kind}", kind, kinds[kind], vetoes) for kind in KINDS)


def compile_kind(where: str, kind: str, raw: Any, vetoes: Mapping[str, re.Pattern[str]]) -> Kind:
    """Build a :class:`Kind` from ``{risk, unless, overlaps, phrases: {language: [...]}}``."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where} must be a mapping with 'phrases'")
    unknown = [v for key in ("unless", "overlaps") for v in raw.get(key) or [] if v not in vetoes]
    if unknown:
        raise LexiconError(f"{where}: unknown list(s) {unknown} under 'unless' or 'overlaps'")
    risk = float(raw.get("risk", 0.9))
    if not 0 <= risk <= 1:
        raise LexiconError(f"{where}: risk must be between 0 and 1")
    phrases = raw.get("phrases")
    return Kind(
        name=kind,
        pattern=all_languages(where, phrases),
        by_language=per_language(where, phrases),
        unless=tuple(vetoes[v] for v in raw.get("unless") or []),
        overlaps=tuple(vetoes[v] for v in raw.get("overlaps") or []),
        risk=risk,
    )


def per_language(where: str, by_language: Any) -> dict[str, re.Pattern[str]]:
    """One pattern per language of a phrase list."""
    if not isinstance(by_language, dict) or not by_language:
        raise LexiconError(f"{where} must map languages ({', '.join(LANGUAGES)}) to phrases")
    compiled: dict[str, re.Pattern[str]] = {}
    for language, phrases in by_language.items():
        if language not in LANGUAGES or not isinstance(phrases, list):
            raise LexiconError(f"{where}.{language} must be one of {LANGUAGES} with a list")
        compiled[language] = phrase_pattern(clean(phrases))
    return compiled


def all_languages(where: str, by_language: Any) -> re.Pattern[str]:
    """One pattern over every language of a phrase list, longest phrase first."""
    per_language(where, by_language)  # validates the shape
    return phrase_pattern(clean(p for group in by_language.values() for p in group))


def clean(phrases: Any) -> list[str]:
    """Phrases with apostrophes and hyphens as spaces, as the text is matched."""
    return [str(p).translate(JOINERS) for p in phrases]
