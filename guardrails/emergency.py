"""The emergency guard: finds current, acute danger in a patient's message before anything else.

It runs first, on the raw text, in every conversation state, and looks for
chest pain, stroke signs, breathing failure, heavy bleeding, self-harm,
overdose or poisoning, anaphylaxis, an unconscious person, a seizure, a baby
not breathing, bleeding in pregnancy and violence happening now, in Italian,
French, English and Spanish (phrases in ``guardrails/lexicons/emergency.yaml``).

A message is read in five steps, on folded text (lower case, no accents):

1. **Normalise.** Curly apostrophes become straight, runs of three or more
   equal letters shrink to one ("aiutooo"), chat spellings are expanded
   ("nn" -> "non", "cant" -> "can't").
2. **Tolerate typos.** A word that is no known word is read as the rule word
   one edit away with the same first letter ("respirrar", "peto", "dolre",
   "siezure"; limits in :class:`_Speller`). Listing misspellings by hand cannot
   keep up with WhatsApp typing, and a looser fuzzy match floods the guard
   with real-word collisions ("colore"/"dolore", "stayed"/"stabbed"); the
   lexicon's ``not_typos`` holds the ones the limits let through. Findings
   through a corrected word score 0.7 instead of 0.9.
3. **Blank look-alikes** ("analisi del sangue", "je meurs de faim", "me muero
   de ganas", "nearly had a heart attack").
4. **Match rules** per category: phrases, and pairs of words near each other
   in either order ("dolore ... petto", "incinta ... sangue").
5. **Defuse by scope.** Text is cut into *sentences* (. ! ? ; : new line),
   sentences into *parts* where a new time frame starts ("but", "now",
   "also", "..., oggi"), parts into *clauses* at commas and emoji. A finding is
   dropped when

   - a negation stands in the three words before it in its clause ("no chest
     pain", "non ho dolore al petto") and the finding holds none itself;
   - its part speaks of the distant past ("in 2019", "l'anno scorso", "la
     semaine dernière", "hace dos años"), or is in the past tense ("had", "ho
     avuto") while the message asks for something administrative - unless a
     *recent* marker ("again", "appena", "vient de", "hoy") is in its clause.
     "He had a stroke last year and now his face is drooping" is an
     emergency: "now" starts a new part;
   - anything but self-harm, when earlier in its clause the message asks
     what to do *if* it happens ("what do I do if my son has a seizure?",
     "se dovessi avere un dolore al petto", "si jamais il refait une crise"),
     unless the clause tells of something done or recent ("what if I took 30
     pills an hour ago" is an overdose; a bare "if" or "se" never defuses),
     or tells what it read or saw ("I watched a documentary about heart
     attacks", "vi en las noticias que un chico se desmayó"). Uncertainty
     about the present ("no sé si se ha tomado...", "not sure if she's
     breathing") is masked first as the one word "unsure", so it never reads
     as a hypothesis, and a rule may pair it ("unsure ... breathing": not
     knowing whether someone breathes is an emergency);
   - for physical symptoms only, with no severity marker in its clause: its
     clause names an exam or information topic ("prep for the stress test"),
     or, with no recent marker either, its part describes a long-standing
     condition ("da 3 mesi", "sometimes") or a joke ("lol", "😂").

   Self-harm, overdose, infant and pregnancy findings are never defused by
   chronic, topic or joke context, violence and "I'm dying" only by a joke:
   in doubt, this guard says emergency.

A message with findings is blocked with reason ``"emergency: <category>"``,
the first of :data:`CATEGORIES` found, so self-harm (which needs crisis lines
too) always shows. If anything inside fails, the guard fails closed: an
emergency of category ``"unknown"`` with risk 0.5, never a message let through
unread.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from guardrails.base import Finding, GuardContext, Verdict
from guardrails.lexicons import LexiconError, load_lexicon, phrase_pattern
from guardrails.recognizers.lexicon import MONTH_NUMBERS, WEEKDAYS, fold, longest_first

CATEGORIES: tuple[str, ...] = tuple(
    "self_harm infant pregnancy_bleeding cardiac stroke seizure anaphylaxis overdose breathing"
    " unconscious bleeding violence general unknown".split()
)
"""Every category a verdict can name; when several are found, the first (most specific) wins."""

SELF_HARM = "self_harm"
UNKNOWN = "unknown"

# Physical symptoms that a long-standing condition or an exam topic can defuse.
_DEFUSABLE = frozenset(
    {"cardiac", "stroke", "breathing", "anaphylaxis", "unconscious", "seizure", "bleeding"}
)
# ... and those a joke can ("heart attack at the bill 😂", "this appointment will kill me lol").
_JOKABLE = _DEFUSABLE | {"general", "violence"}
_SCORE = 0.9
_FUZZY_SCORE = 0.7
_UNKNOWN_RISK = 0.5
_NEGATION_WINDOW = 3
_LONGEST_PHRASE = 8  # words; bounds the search for the partner of a `near` pair
UNSURE = "unsure"
_MATCHED = ("phrases", "near")  # the rule lists whose words the speller corrects towards
_RULE_KEYS = ("phrases", "near", "window", "across_sentences", "unless", "with", "min_count")
_CONTEXT_LISTS = (
    "past",
    "past_tense",
    "booking",
    "topic",
    "chronic",
    "joking",
    "intensity",
    "hypothetical",
    "reported",
)

_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018`\u00b4\u02bc", "'"))
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+(?:'\w+)*")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_SENTENCE_END = re.compile(r"[.!?;:\n\u2026]+")
_CLAUSE_END = re.compile(r"[,()\[\]/|]|\s[-\u2013\u2014]+\s|[^\w\s\x00-\x7f]")
_JOINER = r"(?:,\s*|(?<!\w)(?:and|e|ed|et|y)\s+)"
_COUNT = re.compile(
    r"(?<!\w)(\d{1,4})(?!\w|\s*(?:mg|ml|g|gr|mcg|ug|gocce|drops|gouttes|gotas|%|min\w*|or[ae]"
    r"|hours?|heures?|horas?|anni|years?|ans|anos|kg)(?!\w))"
)
_PAST_YEAR = re.compile(
    r"(?<!\w)(?:in|nel|del|dal|en|since|desde|depuis|durante|during)\s+((?:19|20)\d\d)(?!\w)"
)
_MONTHS = "|".join(sorted((m for m in MONTH_NUMBERS if len(m) > 3), key=len, reverse=True))
_DAYS = "|".join(sorted(WEEKDAYS, key=longest_first))
# "a gennaio", "en janvier", "last March", "lunedì scorso", "mardi dernier", "el lunes pasado".
_PAST_DATE = re.compile(
    rf"(?<!\w)(?:(?:a|in|nel|en|el|last|lo scorso|au mois de|le mois de)\s+(?:{_MONTHS})"
    rf"|last\s+(?:{_DAYS})|(?:{_DAYS})\s+(?:scorso|dernier|pasado))(?!\w)"
)


@dataclass(frozen=True)
class Emergency:
    """An acute danger found in one message: its main category, all categories, and where."""

    category: str
    categories: tuple[str, ...]
    findings: tuple[Finding, ...]
    risk: float

    @property
    def self_harm(self) -> bool:
        """Whether the message speaks of suicide or self-harm (the reply adds crisis lines)."""
        return SELF_HARM in self.categories


class _Phrases:
    """One phrase list as one pattern, not even scanned when no phrase's first word occurs."""

    def __init__(self, phrases: Sequence[str]) -> None:
        self.pattern = phrase_pattern(phrases)
        words: set[str] = set()
        stems: set[str] = set()
        self._always = False
        for phrase in phrases:
            first = fold(phrase).split()[0] if phrase.split() else ""
            lead = _WORD.match(first)
            if lead is None:
                self._always = True  # an emoji: nothing cheaper than the pattern itself
            elif first[lead.end() :].startswith("*"):
                stems.add(lead.group())
            else:
                words.add(lead.group())
        self._words = frozenset(words)
        self._stems = tuple(sorted(stems))

    def spans(self, value: str, words: frozenset[str]) -> list[tuple[int, int]]:
        """Every match in ``value``, whose words are ``words``."""
        if not (
            self._always
            or not self._words.isdisjoint(words)
            or (self._stems and any(word.startswith(self._stems) for word in words))
        ):
            return []
        return [m.span() for m in self.pattern.finditer(value)]


@dataclass(frozen=True)
class _Rule:
    category: str
    phrases: _Phrases | None
    near: tuple[_Phrases, _Phrases] | None
    window: int
    across_sentences: bool
    unless: re.Pattern[str] | None
    with_: _Phrases | None
    min_count: int


@dataclass(frozen=True)
class _Text:
    """A message ready for matching; ``origin[i]`` is where ``value[i]`` came from."""

    value: str
    origin: Sequence[int]
    fuzzy: frozenset[int]
    words: frozenset[str]
    token_starts: Sequence[int]
    token_ends: Sequence[int]
    sentences: Sequence[int]


def _squeeze(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def _osa(a: str, b: str) -> int:
    """Edit distance counting an adjacent transposition as one edit."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


class _Speller:
    """Reads a misspelt word as the rule word it most likely is (see the module docstring).

    One edit, same first letter: a doubled or undoubled letter for rule words
    of five letters or more, a letter added, dropped or swapped with its
    neighbour for six or more, a letter replaced only for nine or more, where
    a substitution rarely turns one real word into another ("pronto"/"pronte",
    "stayed"/"stabbed" stay apart).
    """

    def __init__(self, vocabulary: Iterable[str], known: Iterable[str]) -> None:
        self._known = frozenset(known)
        self._memo: dict[str, str | None] = {}
        self._index: dict[str, list[str]] = {}
        for word in sorted(w for w in vocabulary if len(w) >= 4):
            for variant in _deletes(word):
                self._index.setdefault(variant, []).append(word)

    def correct(self, token: str) -> str | None:
        """Return the rule word ``token`` stands for, or None when it is fine as it is."""
        if token in self._memo:
            return self._memo.get(token)
        if len(self._memo) > 50_000:  # bound what a flood of unique words can take
            self._memo.clear()
        fixed = self._memo[token] = self._correct(token)
        return fixed

    def _correct(self, token: str) -> str | None:
        if "'" in token:
            parts = token.split("'")
            fixed = [self.correct(part) or part for part in parts]
            return "'".join(fixed) if fixed != parts else None
        if len(token) < 4 or not token.isalpha() or token in self._known:
            return None
        candidates = {w for variant in _deletes(token) for w in self._index.get(variant, ())}
        for word in sorted(candidates):
            if word[0] == token[0] and _osa(token, word) == 1 and _allowed(token, word):
                return word
        return None


def _allowed(token: str, word: str) -> bool:
    """Whether one edit between ``token`` and rule word ``word`` is a typo we accept."""
    if len(token) != len(word):
        return len(word) >= 6 or (len(word) >= 5 and _squeeze(token) == _squeeze(word))
    return len(word) >= 9 or (len(word) >= 6 and sorted(token) == sorted(word))  # a swap


def _literal_words(phrases: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for phrase in phrases:
        for word in fold(phrase).replace("~", " ").split():
            words.update(p for p in word.split("'") if p.isalpha() and "*" not in p)
    return words


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _strings(item)


def _phrases(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise LexiconError(f"emergency lexicon: {key!r} must be a list of quoted phrases")
    return value


def _rule(category: str, spec: Mapping[str, Any]) -> _Rule:
    unknown = set(spec) - set(_RULE_KEYS) if isinstance(spec, Mapping) else {"(not a mapping)"}
    if unknown:
        raise LexiconError(f"emergency lexicon: a rule of {category!r} has unknown {unknown}")
    near = spec.get("near")
    if near is not None and (not isinstance(near, list) or len(near) != 2):
        raise LexiconError(f"emergency lexicon: a 'near' rule of {category!r} needs two lists")
    return _Rule(
        category=category,
        phrases=_Phrases(_phrases(spec, "phrases")) if "phrases" in spec else None,
        near=(_Phrases(near[0]), _Phrases(near[1])) if near else None,
        window=int(spec.get("window", 4)),
        across_sentences=bool(spec.get("across_sentences", False)),
        unless=phrase_pattern(_phrases(spec, "unless")) if "unless" in spec else None,
        with_=_Phrases(_phrases(spec, "with")) if "with" in spec else None,
        min_count=int(spec.get("min_count", 0)),
    )


def _rule_spans(rule: _Rule, t: _Text) -> list[tuple[int, int]]:
    if rule.with_ is not None and not rule.with_.spans(t.value, t.words):
        return []  # "letters to my kids" is a finding only with "tonight", "I'm ready"...
    spans = rule.phrases.spans(t.value, t.words) if rule.phrases else []
    spans += _pairs(rule.near, rule.window, rule.across_sentences, t) if rule.near else []
    if rule.min_count:  # "took 30 paracetamol", not "took 10 mg"
        spans = [s for s in spans if _counts(t.value, s) >= rule.min_count]
    return spans


def _counts(value: str, span: tuple[int, int]) -> int:
    return max((int(m[1]) for m in _COUNT.finditer(value, *span)), default=0)


def _pairs(
    near: tuple[_Phrases, _Phrases], window: int, across_sentences: bool, t: _Text
) -> list[tuple[int, int]]:
    """Spans from an A phrase to a B phrase at most ``window`` words apart, in either order."""
    first = near[0].spans(t.value, t.words)
    second = near[1].spans(t.value, t.words) if first else []
    if not second:
        return []
    spans: list[tuple[int, int]] = []
    starts = t.token_starts
    index = [bisect_right(starts, start) - 1 for start, _ in second]
    for a_start, a_end in first:
        a_first, a_last = bisect_right(starts, a_start) - 1, bisect_right(starts, a_end - 1) - 1
        lo = bisect_left(index, a_first - window - _LONGEST_PHRASE)
        hi = bisect_right(index, a_last + window + 1)
        for (b_start, b_end), b_first in zip(second[lo:hi], index[lo:hi], strict=True):
            if b_start < a_end and a_start < b_end:
                continue
            b_last = bisect_right(starts, b_end - 1) - 1
            gap = b_first - a_last - 1 if b_start >= a_end else a_first - b_last - 1
            span = (min(a_start, b_start), max(a_end, b_end))
            if gap <= window and (across_sentences or not _crosses(t.sentences, span)):
                spans.append(span)
                break
    return spans


class _Detector:
    """The compiled lexicon, and the reading steps of the module docstring."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        rules = data.get("rules")
        if not isinstance(rules, Mapping) or set(rules) - set(CATEGORIES):
            raise LexiconError(f"emergency lexicon: 'rules' must map categories of {CATEGORIES}")
        self.rules = [_rule(cat, spec) for cat, specs in rules.items() for spec in specs]
        self.masks = [_rule("mask", spec) for spec in data.get("masks", [])]
        self.unsure = _Phrases(_phrases(data, "unsure"))
        self.negations = frozenset(fold(w) for w in _phrases(data, "negations"))
        self.context = {name: _Phrases(_phrases(data, name)) for name in _CONTEXT_LISTS}
        self.recent = _Phrases(_phrases(data, "recent"))
        self.breaks = _Phrases(_phrases(data, "breaks"))
        joined = phrase_pattern(_phrases(data, "breaks_joined"))
        self.breaks_joined = re.compile(_JOINER + joined.pattern)
        self.spellings = {fold(k): fold(v) for k, v in data.get("spellings", {}).items()}
        self.speller = _Speller(
            _literal_words(
                _strings([s.get(k) for v in rules.values() for s in v for k in _MATCHED])
            ),
            _literal_words(_strings(data)) | _literal_words(self.spellings.values()),
        )

    def detect(self, text: str) -> Emergency | None:
        """Return the emergency ``text`` describes, or None (may raise on a bug)."""
        t = self._prepare(text)
        value, end = t.value, len(t.value)
        parts = sorted(
            {*t.sentences}
            | {start for start, _ in self.breaks.spans(value, t.words)}
            | {m.start() for m in self.breaks_joined.finditer(value)}
        )
        clauses = sorted({*parts} | {m.end() for m in _CLAUSE_END.finditer(value)})
        hits = {name: [s for s, _ in p.spans(value, t.words)] for name, p in self.context.items()}
        hits["recent"] = [s for s, _ in self.recent.spans(value, t.words)]
        this_year = date.today().year
        hits["past"] = sorted(
            hits["past"]
            + [m.start() for m in _PAST_YEAR.finditer(value) if int(m[1]) < this_year]
            + [m.start() for m in _PAST_DATE.finditer(value)]
        )
        booking = bool(hits["booking"] or hits["topic"])
        found: list[tuple[str, int, int]] = []
        for rule in self.rules:
            for start, stop in _rule_spans(rule, t):
                clause, part = _scope(clauses, start, end), _scope(parts, start, end)
                if rule.unless is not None and rule.unless.search(value, *clause):
                    continue
                if self._negated(t, start, stop, clause[0]):
                    continue
                if not _defused(rule.category, hits, clause, part, booking, start):
                    found.append((rule.category, start, stop))
        return _emergency(t, found) if found else None

    def _prepare(self, text: str) -> _Text:
        value, origin = _shrink_repeats(*_fold_with_origin(text))
        value, origin, fuzzy = self._respell(value, origin)
        value = self._mask(value)
        tokens = list(_TOKEN.finditer(value))
        return _Text(
            value=value,
            origin=origin,
            fuzzy=fuzzy,
            words=frozenset(_WORD.findall(value)),
            token_starts=[m.start() for m in tokens],
            token_ends=[m.end() for m in tokens],
            sentences=_sentences(value),
        )

    def _respell(
        self, value: str, origin: Sequence[int]
    ) -> tuple[str, Sequence[int], frozenset[int]]:
        out: list[str] = []
        out_origin: list[int] = []
        fuzzy: set[int] = set()
        last = 0
        for m in _TOKEN.finditer(value):
            token = m.group()
            fixed = self.spellings.get(token)
            corrected = fixed is None and (fixed := self.speller.correct(token)) is not None
            if fixed is None or fixed == token:
                continue
            out.append(value[last : m.start()])
            out_origin.extend(origin[last : m.start()])
            if corrected:
                fuzzy.update(range(len(out_origin), len(out_origin) + len(fixed)))
            out.append(fixed)
            # each new letter points at the typed letter in its place, the last at the last
            offsets = [min(i, len(token) - 1) for i in range(len(fixed) - 1)] + [len(token) - 1]
            out_origin.extend(origin[m.start() + i] for i in offsets)
            last = m.end()
        if not out:
            return value, origin, frozenset()
        out.append(value[last:])
        out_origin.extend(origin[last:])
        return "".join(out), out_origin, frozenset(fuzzy)

    def _mask(self, value: str) -> str:
        tokens = [m.start() for m in _TOKEN.finditer(value)]
        words = frozenset(_WORD.findall(value))
        t = _Text(value, (), frozenset(), words, tokens, (), _sentences(value))
        chars = list(value)
        # "not sure if", "non so se": one word, UNSURE, so that rules can read the doubt
        # ("not sure if he's breathing") and its "if" never reads as a hypothesis
        for start, stop in self.unsure.spans(value, words):
            chars[start:stop] = UNSURE.ljust(stop - start) if stop - start >= len(UNSURE) else " "
        for rule in self.masks:
            for start, stop in _rule_spans(rule, t):
                chars[start:stop] = " " * (stop - start)
        return "".join(chars)

    def _negated(self, t: _Text, start: int, stop: int, clause_start: int) -> bool:
        if any(self._negation(w) for w in _TOKEN.findall(t.value, start, stop)):
            return False  # "non respira", "can't breathe": the negation is the emergency
        last = bisect_right(t.token_ends, start)
        first = max(bisect_left(t.token_starts, clause_start), last - _NEGATION_WINDOW)
        return any(
            self._negation(t.value[t.token_starts[i] : t.token_ends[i]]) for i in range(first, last)
        )

    def _negation(self, word: str) -> bool:
        return word in self.negations or word.startswith("n'")


def _defused(
    category: str,
    hits: Mapping[str, list[int]],
    clause: tuple[int, int],
    part: tuple[int, int],
    booking: bool,
    start: int,
) -> bool:
    recent = _within(hits["recent"], clause)
    # "what do i do if he has a seizure?" asks for first aid; "what if i took 30 pills an
    # hour ago" and "se ho preso 20 pastiglie cosa succede" tell what happened.
    hypothesis = (
        _within(hits["hypothetical"], (clause[0], start))
        and not recent
        and not _within(hits["past_tense"], clause)
    )
    if category != SELF_HARM and (hypothesis or _within(hits["reported"], (clause[0], start))):
        return True
    if not recent and _within(hits["past"], part):
        return True
    if not recent and booking and _within(hits["past_tense"], part):
        return True
    if category not in _JOKABLE or _within(hits["intensity"], clause):
        return False
    if category in _DEFUSABLE and _within(hits["topic"], clause):
        return True
    return not recent and (
        _within(hits["joking"], part) or (category in _DEFUSABLE and _within(hits["chronic"], part))
    )


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return fold(char).translate(_APOSTROPHES)


def _fold_with_origin(text: str) -> tuple[str, Sequence[int]]:
    """Fold ``text``; element i of the offsets is where folded character i came from."""
    pieces = [_fold_char(char) for char in text]
    value = "".join(pieces)
    if len(value) == len(text) and all(len(piece) == 1 for piece in pieces):
        return value, range(len(text))
    return value, [i for i, piece in enumerate(pieces) for _ in piece]


def _shrink_repeats(value: str, origin: Sequence[int]) -> tuple[str, Sequence[int]]:
    """Shrink runs of three or more equal letters to one ("aiutooo" -> "aiuto")."""
    if _REPEATS.search(value) is None:
        return value, origin
    keep = [True] * len(value)
    for m in _REPEATS.finditer(value):
        keep[m.start() + 1 : m.end()] = [False] * (m.end() - m.start() - 1)
    kept = [i for i, k in enumerate(keep) if k]
    return "".join(value[i] for i in kept), [origin[i] for i in kept]


def _sentences(value: str) -> list[int]:
    return sorted({0, *(m.end() for m in _SENTENCE_END.finditer(value))})


def _crosses(bounds: Sequence[int], span: tuple[int, int]) -> bool:
    return bisect_right(bounds, span[0]) != bisect_right(bounds, span[1] - 1)


def _scope(bounds: Sequence[int], position: int, length: int) -> tuple[int, int]:
    i = bisect_right(bounds, position)
    return bounds[i - 1], bounds[i] if i < len(bounds) else length


def _within(positions: Sequence[int], scope: tuple[int, int]) -> bool:
    i = bisect_left(positions, scope[0])
    return i < len(positions) and positions[i] < scope[1]


def _emergency(t: _Text, found: Sequence[tuple[str, int, int]]) -> Emergency:
    findings = tuple(
        Finding(
            type="EMERGENCY",
            start=t.origin[start],
            end=t.origin[stop - 1] + 1,
            score=_FUZZY_SCORE if t.fuzzy.intersection(range(start, stop)) else _SCORE,
        )
        for start, stop in sorted({(start, stop) for _, start, stop in found})
    )
    categories = tuple(c for c in CATEGORIES if any(c == f[0] for f in found))
    risk = max(f.score for f in findings)
    return Emergency(categories[0], categories, findings, risk)


@cache
def _detector(lexicon: str) -> _Detector:
    return _Detector(load_lexicon(lexicon))


class EmergencyGuard:
    """Block messages that describe an acute emergency, so the caller can send help first.

    LLM-free and CPU-only: about a millisecond for a chat message. The lexicon
    is compiled once per process; a malformed lexicon raises
    :class:`LexiconError` here, at construction, never in :meth:`check`.
    """

    name = "emergency"

    def __init__(self, *, lexicon: str = "emergency") -> None:
        self._detector = _detector(lexicon)

    def detect(self, text: str) -> Emergency | None:
        """Return the emergency ``text`` describes, or None; fails closed as ``"unknown"``."""
        try:
            return self._detector.detect(text)
        except Exception:  # fail closed: an unread message counts as an emergency
            return Emergency(UNKNOWN, (UNKNOWN,), (), _UNKNOWN_RISK)

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Block ``text`` when it describes an emergency; the reason names the category.

        ``context`` is not needed: the four languages are read at once, as
        patients mix them and language detection is unsure on short texts.
        """
        found = self.detect(text)
        if found is None:
            return Verdict(guard=self.name, allowed=True, text=text, reason="no emergency")
        return Verdict(
            guard=self.name,
            allowed=False,
            text=text,
            risk=found.risk,
            reason=f"emergency: {found.category}",
            findings=found.findings,
        )
