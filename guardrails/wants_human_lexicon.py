"""How the wants-a-human guard's lexicon becomes patterns: phrase lists, pairs, spellings.

``guardrails/lexicons/wants_human.yaml`` lists, per kind of reason to hand
over, phrases in four languages; ``pairs`` join two named lists ("could you"
… "call me"); ``alone`` phrases count only as the whole message; ``spellings``
give each word the short forms patients type. This module checks that shape
(a malformed lexicon raises :class:`~guardrails.lexicons.LexiconError` when
the guard is built) and compiles one :class:`Kind` per kind, once per lexicon.
:mod:`guardrails.wants_human` scans a message with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from guardrails.lexicons import (
    JOINERS,
    LexiconError,
    load_lexicon,
    phrase_pattern,
    phrase_regex,
)

KINDS: tuple[str, ...] = ("distress", "anger", "complaint", "asked", "repeated_failure")
"""Kinds of reasons to hand over, in the order the handoff queue should see them."""

LANGUAGES: tuple[str, ...] = ("it", "fr", "en", "es", "any")
"""Keys of a phrase list: one per language, ``any`` for emoji and shared words."""

MAX_GAP = 6
"""Most words a pair's ``gap`` may allow between its two halves."""

MAX_SPELLINGS = 4
"""Most spellings of a phrase made by combining short forms, which multiply and lengthen it."""


@dataclass(frozen=True)
class Kind:
    """One reason to hand over: its phrases (all languages and per language), vetoes and risk.

    ``unless`` patterns veto the kind for the whole message ("nessuna fretta"
    takes the edge off "aspetto da ieri"); ``overlaps`` patterns only discard
    the phrases they overlap ("human" inside "human papilloma virus").
    """

    name: str
    pattern: re.Pattern[str]
    pairs: re.Pattern[str] | None
    by_language: Mapping[str, re.Pattern[str]]
    unless: tuple[re.Pattern[str], ...]
    overlaps: tuple[re.Pattern[str], ...]
    risk: float
    alone: re.Pattern[str] | None = None
    alone_phrase: re.Pattern[str] | None = None


@cache
def compile_lexicon(name: str) -> tuple[Kind, ...]:
    """Load ``guardrails/lexicons/<name>.yaml`` and compile one :class:`Kind` per kind (once)."""
    data = with_spellings(name, load_lexicon(name))
    kinds = data.get("kinds")
    if not isinstance(kinds, dict) or set(kinds) != set(KINDS):
        raise LexiconError(f"lexicon {name!r} needs 'kinds' with exactly {KINDS}")
    lists = data.get("lists") or {}
    if not isinstance(lists, dict):
        raise LexiconError(f"lexicon {name!r}: 'lists' must map names to phrase lists")
    # Every list is checked now; only those read as vetoes or greetings are compiled (most
    # lists are halves of pairs, which only lend their source to the pairs' patterns).
    vetoes = LazyVetoes(
        {key: checked(f"{name}.lists.{key}", value) for key, value in lists.items()}
    )
    return tuple(
        compile_kind(f"{name}.kinds.{kind}", kind, kinds[kind], vetoes, lists) for kind in KINDS
    )


def with_spellings(name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Return the lexicon with every phrase list also holding its phrases' short spellings.

    ``spellings`` maps a word or words to their short forms ("non": ["nn"],
    "quelqu un": ["qqn"]); a phrase gets each short form of each of its words,
    and combinations of several words' short forms up to :data:`MAX_SPELLINGS`.
    """
    raw = data.get("spellings") or {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise LexiconError(f"lexicon {name!r}: 'spellings' must map words to lists of short forms")
    if not raw:
        return dict(data)
    rules = [
        (word, re.compile(rf"(?<!\S){re.escape(word)}(?!\S)"), short)
        for word, shorts in ((str(w).translate(JOINERS), s) for w, s in raw.items())
        for short in (str(s).translate(JOINERS) for s in shorts)
    ]

    def spelt(phrases: Any) -> Any:
        if not isinstance(phrases, list):
            return phrases
        out: list[Any] = []
        for phrase in phrases:
            variants = [str(phrase).translate(JOINERS)]
            for word, rule, short in rules:
                if word not in variants[0]:  # cheap test first: most rules miss most phrases
                    continue
                # Every short form of a word, on its own, always counts ("quarcuno" is the
                # fifth spelling of "qualcuno"); only combinations of several words' short
                # forms stop at MAX_SPELLINGS, as they multiply.
                alone = rule.sub(short, variants[0])
                mixed = [rule.sub(short, v) for v in variants[1:]]
                room = max(0, MAX_SPELLINGS - len(variants) - 1)
                for v2 in [alone, *[m for m in mixed if m != alone][:room]]:
                    if v2 not in variants:
                        variants.append(v2)
            out.extend(variants)
        return out

    def per_language_spelt(by_language: Any) -> Any:
        if not isinstance(by_language, dict):
            return by_language
        return {language: spelt(phrases) for language, phrases in by_language.items()}

    def kind_spelt(raw_kind: Any) -> Any:
        if not isinstance(raw_kind, dict):
            return raw_kind
        spelt_lists = {
            key: per_language_spelt(raw_kind[key])
            for key in ("phrases", "alone")
            if key in raw_kind
        }
        return {**raw_kind, **spelt_lists}

    result = dict(data)
    if isinstance(kinds := data.get("kinds"), dict):
        result["kinds"] = {kind: kind_spelt(raw_kind) for kind, raw_kind in kinds.items()}
    if isinstance(lists := data.get("lists"), dict):
        result["lists"] = {key: per_language_spelt(value) for key, value in lists.items()}
    return result


def compile_kind(
    where: str,
    kind: str,
    raw: Any,
    vetoes: Mapping[str, re.Pattern[str]],
    lists: Mapping[str, Any] | None = None,
) -> Kind:
    """Build a :class:`Kind` from ``{risk, unless, overlaps, pairs, phrases, alone, ...}``.

    ``phrases`` and ``alone`` map languages to phrase lists; ``pairs`` name
    halves in ``lists``, ``alone_after`` names the list of greetings that may
    come before an ``alone`` phrase and ``alone_then`` the list of words
    ("please", "asap") that may follow it.
    """
    if not isinstance(raw, dict):
        raise LexiconError(f"{where} must be a mapping with 'phrases'")
    unknown = [v for key in ("unless", "overlaps") for v in raw.get(key) or [] if v not in vetoes]
    if unknown:
        raise LexiconError(f"{where}: unknown list(s) {unknown} under 'unless' or 'overlaps'")
    risk = float(raw.get("risk", 0.9))
    if not 0 <= risk <= 1:
        raise LexiconError(f"{where}: risk must be between 0 and 1")
    phrases = raw.get("phrases")
    pairs = pair_sources(f"{where}.pairs", raw.get("pairs") or [], lists or {})
    alone, alone_phrase = compile_alone(where, raw, vetoes)
    # Per language, in the order the alternatives are tried: own phrases, pairs, alone phrases.
    parts: dict[str, list[Callable[[], str]]] = {}
    for language, own in checked(where, phrases).items():
        parts.setdefault(language, []).append(partial(phrase_source, own))
    for language, source in pairs.items():
        parts.setdefault(language, []).append(partial(str, source))
    if alone_phrase is not None:
        for language, own in checked(f"{where}.alone", raw["alone"]).items():
            parts.setdefault(language, []).append(partial(phrase_source, own))
    # Every alternative starts at a word boundary; saying so once up front lets the
    # scan skip the middle of words instead of trying each alternative there.
    paired = re.compile(rf"(?<!\w)(?:{'|'.join(pairs.values())})") if pairs else None
    return Kind(
        name=kind,
        pattern=all_languages(where, phrases),
        pairs=paired,
        by_language=LazyPatterns(parts),
        unless=tuple(vetoes[v] for v in raw.get("unless") or []),
        overlaps=tuple(vetoes[v] for v in raw.get("overlaps") or []),
        risk=risk,
        alone=alone,
        alone_phrase=alone_phrase,
    )


def compile_alone(
    where: str, raw: Mapping[str, Any], vetoes: Mapping[str, re.Pattern[str]]
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Return the whole-message pattern of a kind's ``alone`` phrases and the phrases' own one.

    The whole-message pattern allows punctuation, emoji, greetings of the
    ``alone_after`` list before the phrase and words of the ``alone_then`` list
    after it ("please", "asap"); it captures the phrase as ``alone``.
    """
    if raw.get("alone") is None:
        for key in ("alone_after", "alone_then"):
            if raw.get(key) is not None:
                raise LexiconError(f"{where}: '{key}' without 'alone'")
        return None, None
    phrase = all_languages(f"{where}.alone", raw["alone"])
    after = raw.get("alone_after")
    if after is not None and after not in vetoes:
        raise LexiconError(f"{where}: unknown list {after!r} under 'alone_after'")
    # Atomic: a greeting two phrases match ("hello", "hello*") must not double the ways to
    # read a run of greetings, or a long run would take exponential time to reject.
    greeting = rf"(?>(?:{vetoes[after].pattern})\W+)*" if after is not None else ""
    then = raw.get("alone_then")
    if then is not None and then not in vetoes:
        raise LexiconError(f"{where}: unknown list {then!r} under 'alone_then'")
    # Atomic for the same reason as the greetings: "please please please" reads one way only.
    polite = rf"(?>\W+(?:{vetoes[then].pattern}))*" if then is not None else ""
    return re.compile(rf"\W*{greeting}(?P<alone>{phrase.pattern}){polite}\W*\Z"), phrase


def compile_pairs(where: str, raw: Any, lists: Mapping[str, Any]) -> dict[str, re.Pattern[str]]:
    """One pattern per language for a kind's ``pairs``: ``[{first, then, gap}, ...]``.

    See :func:`pair_sources`, which gives the same patterns uncompiled.
    """
    return {lang: re.compile(source) for lang, source in pair_sources(where, raw, lists).items()}


def pair_sources(where: str, raw: Any, lists: Mapping[str, Any]) -> dict[str, str]:
    """One regular expression per language for a kind's ``pairs``: ``[{first, then, gap}, ...]``.

    ``first`` and ``then`` name lists of ``lists``; a pair matches a phrase of
    ``first`` followed, after at most ``gap`` words (default 2), by a phrase of
    ``then`` of the same language. The shared ``any`` phrases pair with every
    language.
    """
    if not isinstance(raw, list):
        raise LexiconError(f"{where} must be a list of {{first, then, gap}}")
    alternatives: dict[str, list[str]] = {}
    for index, pair in enumerate(raw):
        here = f"{where}[{index}]"
        if not isinstance(pair, dict) or set(pair) - {"first", "then", "gap"}:
            raise LexiconError(f"{here} must be a mapping with 'first', 'then' and 'gap'")
        halves = [str(pair.get("first")), str(pair.get("then"))]
        missing = [half for half in halves if half not in lists]
        if missing:
            raise LexiconError(f"{here}: unknown list(s) {missing}")
        gap = pair.get("gap", 2)
        if isinstance(gap, bool) or not isinstance(gap, int) or not 0 <= gap <= MAX_GAP:
            raise LexiconError(f"{here}: gap must be a whole number from 0 to {MAX_GAP}")
        first, then = (sources(f"{here}.{half}", lists[half]) for half in halves)
        for language in LANGUAGES[:-1]:
            left = [p for p in (first.get(language), first.get("any")) if p is not None]
            right = [p for p in (then.get(language), then.get("any")) if p is not None]
            if left and right:
                alternatives.setdefault(language, []).append(
                    f"(?:{'|'.join(left)})"
                    rf"(?:\W+\w+){{0,{gap}}}?\W+"
                    f"(?:{'|'.join(right)})"
                )
    return {language: "|".join(parts) for language, parts in alternatives.items()}


class LazyPatterns(Mapping[str, re.Pattern[str]]):
    """Per-language patterns, each compiled the first time it is read.

    Only the risk of a handoff reads them (was a phrase of the patient's
    language among the matches?), so compiling them all up front would only
    slow down building the guard. A race compiles a pattern twice, harmlessly.
    """

    def __init__(self, parts: Mapping[str, list[Callable[[], str]]]) -> None:
        self._parts = parts
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __getitem__(self, language: str) -> re.Pattern[str]:
        pattern = self._compiled.get(language)
        if pattern is None:
            pattern = re.compile("|".join(part() for part in self._parts[language]))
            self._compiled[language] = pattern
        return pattern

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)


def phrase_source(phrases: list[str]) -> str:
    """Return the regular expression :func:`~guardrails.lexicons.phrase_pattern` makes."""
    return phrase_pattern(phrases).pattern


def checked(where: str, by_language: Any) -> dict[str, list[str]]:
    """Return the cleaned phrases of each language of a phrase list, after checking its shape."""
    if not isinstance(by_language, dict) or not by_language:
        raise LexiconError(f"{where} must map languages ({', '.join(LANGUAGES)}) to phrases")
    result: dict[str, list[str]] = {}
    for language, phrases in by_language.items():
        if language not in LANGUAGES or not isinstance(phrases, list):
            raise LexiconError(f"{where}.{language} must be one of {LANGUAGES} with a list")
        result[language] = clean(phrases)
        if not any(p.strip() for p in result[language]):
            raise LexiconError(f"{where}.{language}: a phrase list is empty")
    return result


class LazyVetoes(Mapping[str, re.Pattern[str]]):
    """The lexicon's ``lists``, each compiled into one pattern the first time it is read.

    Built from lists already checked by :func:`checked`, so a malformed list
    still fails when the guard is built, not when it is first read.
    """

    def __init__(self, lists: Mapping[str, Mapping[str, list[str]]]) -> None:
        self._lists = lists
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __getitem__(self, key: str) -> re.Pattern[str]:
        pattern = self._compiled.get(key)
        if pattern is None:
            phrases = (p for group in self._lists[key].values() for p in group)
            pattern = self._compiled[key] = phrase_pattern(phrases)
        return pattern

    def __contains__(self, key: object) -> bool:
        return key in self._lists

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)


def sources(where: str, by_language: Any) -> dict[str, str]:
    """Return the regular expression of each language of a phrase list, uncompiled."""
    return {language: phrase_regex(own) for language, own in checked(where, by_language).items()}


def per_language(where: str, by_language: Any) -> dict[str, re.Pattern[str]]:
    """One pattern per language of a phrase list."""
    return {language: phrase_pattern(own) for language, own in checked(where, by_language).items()}


def all_languages(where: str, by_language: Any) -> re.Pattern[str]:
    """One pattern over every language of a phrase list, longest phrase first."""
    return phrase_pattern(p for group in checked(where, by_language).values() for p in group)


def clean(phrases: Any) -> list[str]:
    """Phrases with apostrophes and hyphens as spaces, as the text is matched."""
    return [str(p).translate(JOINERS) for p in phrases]
