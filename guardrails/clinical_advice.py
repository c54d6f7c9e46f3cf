"""The clinical-advice guard: catches requests for medical advice, and drafts that give it.

The front desk answers administrative questions from the clinic's documents; it
never diagnoses, doses, interprets results or tells anyone to change a
medication. In ``input`` mode the guard reads the (already redacted) patient
message and blocks a *request* for such advice; in ``output`` mode it reads a
draft reply and blocks one that *gives* it. A block is a verdict with
``allowed=False`` and ``reason="clinical advice: <kind>"``, where kind is one of
``diagnosis``, ``dosage``, ``interaction``, ``results``, ``medication_change``
or ``treatment``.

How it decides. ``guardrails/lexicons/clinical_advice.yaml`` holds phrase lists
in four languages (a drug, a symptom, "can I take", "what could it be"...) and
rules that combine them: a rule fires when each of its lists has a phrase near
the others (input: within :data:`INPUT_WINDOW` characters; output: in the same
sentence) and none of its ``unless`` combinations is present. All four
languages are matched whatever ``context.language`` says (patients mix
them); the language only lowers the risk a little when every phrase that made a
rule fire belongs to another language. Patients abbreviate ("x quanti gg",
"me tengo q preocupar"): the lexicon's ``shorthand`` map spells every phrase
the short way too when it is compiled, and built-in patterns read the short
forms of numbers (a schedule "x3", "ogni 8h", "tds"; a lab value "126 mg/dl";
a blood pressure "150/95").

Preparing for an exam is not clinical advice. The clinic's preparation sheets
say whether to fast, what to drink, which usual medicines to take or pause
before a blood test or a colonoscopy, so "can I take my usual medication the
morning of the blood test?" and "do I stop aspirin before the colonoscopy?"
pass, and so do drafts that quote those sheets ("take your usual medicines with
a little water before the blood draw"). The exemption covers taking, stopping
or mixing medicines *around an exam*; it never covers a question about what a
symptom or a result means, and never a question that asks for an amount
("how many tachipirina can I take before the MRI?" is still dosage).

Asking the front desk for what it does is not clinical advice either, even
when the message names a symptom, a medicine, a result or a specialty: "I have
back pain, which doctor do I book?", "my child has a cough, can we walk in?",
"do you treat toothache on saturdays?", "my metformin ran out, can the doctor
send the prescription?". The lexicon's ``administrative`` section lists the
phrases of such a request (``admin``: booking, which doctor, prices, hours,
walking in, getting results, reimbursement, paperwork, a renewal) and the
combinations that *also* ask what to do medically (``asks``: "should I take",
"is it normal", "what could it be", a dose, a value, "is it high?"). A message
with the first and none of the second passes (:meth:`ClinicalAdviceGuard.is_administrative`);
"I have chest pain, should I take an aspirin and which doctor do I book?" is
still refused (and the emergency guard, which runs first, has already answered
it). An entry may also be a combination, written like a rule. The section's
``preparation`` entries are such combinations, what preparation sheets say: an
everyday activity asked about with a device on or after an exam ("can I shower
with the Holter?", "can I drive after the dilating drops?") or a vaccine before
a trip ("is three weeks before leaving too late for the yellow fever vaccine?"),
each disqualified when the message tells a symptom or a condition. With none of
the asks, they make a message administrative and also count as preparation
(:meth:`ClinicalAdviceGuard.is_preparation`, which excuses the advice
classifier). A medicine changed on the patient's own ("nobody told me, but
should I skip my tablets before the stress test?") is refused even around an
exam, and a vaccination is not an exam: a medicine given around it is not
preparation.

In ``output`` mode a sentence copied whole from ``context.sources`` (the approved
passages given for the turn and the clinic profile) is the clinic's own text, not
advice the draft gives: "Pose de stérilet : prenez rendez-vous pendant les règles"
quoted from the clinic's page passes, while a sentence the draft wrote itself, or
changed, or cut out of a longer one, is checked as usual. Both are compared folded,
word for word: spacing, punctuation and list markers do not count (:func:`is_quoted`).

A phrase inside a longer phrase of another list can be set not to count
(``masked_by``): the "pressione" of "misuratore della pressione" names a
device, not a result, and the "fever" of "yellow fever" a vaccine.

If anything unexpected fails while checking (or ``text`` is not a string),
the guard fails closed: the verdict is not allowed, with risk 1 and reason
"clinical advice: could not decide", for the pipeline to hand the conversation
to a person. A lexicon that is missing or malformed raises
:class:`~guardrails.lexicons.LexiconError` when the guard is built, not while
checking.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal

from guardrails.base import Finding, GuardContext, Verdict
from guardrails.lexicons import JOINERS, LexiconError, load_lexicon, normalise, phrase_pattern
from guardrails.recognizers.lexicon import fold

Mode = Literal["input", "output"]

KINDS: tuple[str, ...] = (
    "interaction",
    "dosage",
    "medication_change",
    "results",
    "diagnosis",
    "treatment",
)
"""Advice kinds, most specific first: when several rules fire with equal risk, the first wins."""

LANGUAGES: tuple[str, ...] = ("it", "fr", "en", "es", "any")
"""Keys of a phrase list: one per language, ``any`` for brand names and abbreviations."""

ADMINISTRATIVE = "administrative"
"""The kind of an ``admin`` or ``preparation`` entry: what makes a request administrative."""

INPUT_WINDOW = 240
"""In input mode, the phrases of one rule must start within this many characters of each other."""

FOREIGN_PENALTY = 0.1
"""Risk taken off a rule that fired only on phrases of languages other than the context's."""

# Built-in lists the YAML rules may name: a bare number ("2 tachipirina"), an
# amount with a unit written next to it ("500mg", "1 g", "10 ml", a child's
# "15 kg"), a question mark, a dosing schedule written the short way, a lab
# value with its unit and a blood pressure reading.
_NUMBER = r"(?<![\w.,])\d+(?:[.,]\d+)?"
_BUILTIN: dict[str, re.Pattern[str]] = {
    "number": re.compile(_NUMBER),
    "amount": re.compile(
        _NUMBER + r"\s*(?:mg|mcg|μg|ug|g|gr|ml|cc|ui|iu|gtt|kg|kgs|kilos?|chili)(?!\w)"
    ),
    "qmark": re.compile(r"\?"),
    # "x3", "3x", "2/die", "3 x/j", "/8h", "ogni 8h", "cada 8 horas", "every 6 hrs",
    # "toutes les 4h", "q8h", a course ("x 5gg", "for 7 days") and the prescriber's
    # "bd", "tds", "qds".
    "posology": re.compile(
        r"(?<![\w/])(?:x\d{1,2}(?:\s?/\s?(?:die|d|j|jour|day|dia|g|gg))?"
        r"|x\s\d{1,2}\s?/\s?(?:die|d|j|jour|day|dia|g|gg)"
        r"|\d{1,2}x(?:\s?/\s?(?:die|d|j|jour|day|dia|g|gg))?"
        r"|\d{1,2}\s?x(?:\s?/\s?(?:die|d|j|jour|day|dia|g|gg)|\s?(?:al|a|per|par)\s"
        r"(?:die|di|giorno|day|jour|dia)|\s?(?:daily|day|die|jour|j|dia))"
        r"|\d{1,2}\s?/\s?(?:die|d|j|jour|day|dia|24\s?h)|/\s?die"
        r"|/\s?\d{1,2}\s?h"
        r"|(?:x|per|for|pdt|pendant|durante|por)\s?\d{1,2}\s?(?:gg|giorni|days|jours|j|dias|d)"
        r"|(?:ogni|every|cada|each|toutes\s+les|tous\s+les)\s+\d{1,2}(?:[.,]\d)?\s?"
        r"(?:h|hr|hrs|hours?|horas?|ore|heures?)"
        r"|q\s?\d{1,2}\s?h|bd|bid|tds|tid|qds|qid)(?!\w)"
    ),
    # "126 mg/dl", "2,6 g/l", "18 ng/ml", "5.8 mmol/l", "48 mmol/mol", "110 x10^9/l".
    "lab_value": re.compile(
        _NUMBER + r"\s?(?:mg|g|ng|pg|[µμ]g|ug|mcg|mmol|[µμ]mol|umol|nmol|pmol|mu|mui|miu|ui|iu"
        r"|u|[µμ]ui|uui|ueq|meq)\s?/\s?(?:dl|l|ml|mol|24\s?h)(?!\w)"
        r"|" + _NUMBER + r"\s?(?:x\s?10\s?\^?\s?\d+\s?/\s?l|/\s?mm3|/\s?[uµμ]l|mmhg|bpm)(?!\w)"
    ),
    # "150/95", "160 / 100": a blood pressure, never a date (no month or day above 31).
    "bp_value": re.compile(
        r"(?<![\w/.,])(?:[89]\d|1\d\d|2[0-4]\d)\s?/\s?(?:[4-9]\d|1[0-4]\d)(?![\w/])"
    ),
}
_WORD = re.compile(r"\w+")
_STEM_MAX = 24  # longer "stem*" first words are not looked up before scanning
# Apostrophes and hyphens become spaces (JOINERS), in the text and in the phrases,
# so "qu'est-ce que", "qu est ce que" and "l'antibiotico" all match as words.
# A clause ends at . ! ? ; a line break (but not the point of "1.5 g"), or a
# comma before "but": "it could be an infection, but I cannot be sure" hedges a
# diagnosis, and the "cannot" of its second half must not excuse the first.
_SENTENCE_END = re.compile(
    r"(?<!\d)[.!?;]+|[.!?;]+(?!\d)|\n+|,(?=\s*(?:ma|pero|but|mais|però|however)\b)"
)
_CLOSERS = tuple(".!?;,")  # what ends a sentence of a source, other than a line break


@dataclass(frozen=True)
class Hit:
    """One phrase found in the folded text: where, what it said, which languages list it."""

    start: int
    end: int
    phrase: str
    languages: frozenset[str]


@dataclass(frozen=True)
class Need:
    """One requirement of a rule: any of ``lists`` matching, with ``count`` distinct phrases."""

    lists: tuple[str, ...]
    count: int = 1


@dataclass(frozen=True)
class Rule:
    """Phrase lists that together mean one kind of advice, unless another combination is present."""

    kind: str
    needs: tuple[Need, ...]
    unless: tuple[tuple[Need, ...], ...] = ()
    risk: float = 0.9
    gap: int | None = None


@dataclass(frozen=True)
class Starts:
    """The first words of a list's phrases (``stems`` were written with ``*``)."""

    words: frozenset[str]
    stems: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """A compiled phrase lexicon: one pattern per list (and per language) and the rules."""

    patterns: Mapping[str, re.Pattern[str]]
    by_language: Mapping[str, Mapping[str, re.Pattern[str]]]
    starts: Mapping[str, Starts]
    rules: Mapping[str, tuple[Rule, ...]]
    admin: tuple[Rule, ...] = ()
    asks: tuple[Rule, ...] = ()
    preparation: tuple[Rule, ...] = ()
    masked_by: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class ClinicalAdviceGuard:
    """Block patient requests for clinical advice (``input``) or drafts that give it (``output``).

    LLM-free and CPU-only: a few precompiled regular expressions over folded
    text. See the module docstring for the rules, the exam-preparation
    exemption and the fail-closed behaviour.
    """

    name = "clinical_advice"

    def __init__(self, *, mode: Mode = "input", lexicon: str = "clinical_advice") -> None:
        if mode not in ("input", "output"):
            raise ValueError(f"mode must be 'input' or 'output', not {mode!r}")
        self.mode: Mode = mode
        self._lexicon = compile_lexicon(lexicon)

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Return a blocking verdict if ``text`` asks for (or gives) clinical advice."""
        try:
            if not isinstance(text, str):
                raise TypeError(f"text must be str, not {type(text).__name__}")
            return self._check(text, context)
        except Exception:  # fail closed: a human decides when the guard cannot
            return Verdict(
                guard=self.name,
                allowed=False,
                text=text if isinstance(text, str) else "",
                risk=1.0,
                reason="clinical advice: could not decide",
            )

    def is_preparation(self, text: str) -> bool:
        """Whether ``text`` speaks of preparing for an exam, a device or a trip.

        True when it names a preparation (fasting, bowel prep, contrast), or
        when an entry of the lexicon's ``administrative.preparation`` fires (a
        shower with the Holter on, driving after the dilating drops, a vaccine
        before a trip) and none of the ``asks`` does.
        """
        folded, _ = normalise(text)
        if self._lexicon.patterns["prep_word"].search(folded) is not None:
            return True
        hits = HitCache(self._lexicon, folded)
        return self._exempt(self._lexicon.preparation, hits, len(folded))

    def is_administrative(self, text: str) -> bool:
        """Whether ``text`` asks the front desk for something it does, and nothing clinical.

        True when one entry of the lexicon's ``administrative.admin`` or
        ``administrative.preparation`` is present (a list's phrase, or a
        combination that fires) and none of its ``asks`` combinations fires.
        """
        folded, _ = normalise(text)
        return self._administrative(HitCache(self._lexicon, folded), len(folded))

    def _administrative(self, hits: HitCache, size: int) -> bool:
        return self._exempt(self._lexicon.admin + self._lexicon.preparation, hits, size)

    def _exempt(self, entries: Iterable[Rule], hits: HitCache, size: int) -> bool:
        """Whether one of ``entries`` fires and none of the lexicon's ``asks`` does."""
        if not any(fire(entry, hits, 0, size, INPUT_WINDOW) for entry in entries):
            return False
        return not any(fire(ask, hits, 0, size, INPUT_WINDOW) for ask in self._lexicon.asks)

    def _check(self, text: str, context: GuardContext) -> Verdict:
        folded, offsets = normalise(text)
        rules = self._lexicon.rules[self.mode]
        if self.mode == "input":
            scopes = [(0, len(folded))]
            window = INPUT_WINDOW
        else:
            scopes = sentences(folded)
            window = len(folded) + 1
        hits = HitCache(self._lexicon, folded)
        best: tuple[float, int, Rule, tuple[Hit, ...]] | None = None
        quoted = False
        for start, end in scopes:
            for rule in rules:
                used = fire(rule, hits, start, end, window)
                if used is None:
                    continue
                if self.mode == "output" and is_quoted(folded[start:end], context.sources):
                    quoted = True  # the clinic's own approved sentence, copied as it is
                    break
                risk = rule_risk(rule, used, context.language)
                key = (risk, -KINDS.index(rule.kind), rule, used)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is None:
            reason = "not clinical advice: quoted from the sources" if quoted else None
            return Verdict(
                guard=self.name, allowed=True, text=text, reason=reason or "no clinical advice"
            )
        if self.mode == "input" and self._administrative(hits, len(folded)):
            return Verdict(
                guard=self.name,
                allowed=True,
                text=text,
                reason="not clinical advice: administrative question",
            )
        risk, _, rule, used = best
        findings = tuple(
            Finding(type=rule.kind, start=offsets(hit.start), end=offsets(hit.end), score=risk)
            for hit in sorted(used, key=lambda h: h.start)
        )
        return Verdict(
            guard=self.name,
            allowed=False,
            text=text,
            risk=risk,
            reason=f"clinical advice: {rule.kind}",
            findings=findings,
        )


class HitCache:
    """Finds each list's phrases in one folded text, once, on first use."""

    def __init__(self, lexicon: Lexicon, folded: str) -> None:
        self._lexicon = lexicon
        self._folded = folded
        self._hits: dict[str, tuple[list[int], tuple[Hit, ...]]] = {}
        self._needs: dict[tuple[Need, int, int], list[Hit]] = {}
        # Where each word, and each beginning of a word, starts in the text.
        self._words: dict[str, list[int]] = {}
        self._stems: dict[str, list[int]] = {}
        for match in _WORD.finditer(folded):
            word = match.group()
            self._words.setdefault(word, []).append(match.start())
            for size in range(1, min(len(word), _STEM_MAX) + 1):
                self._stems.setdefault(word[:size], []).append(match.start())
        # Built once: intersecting with a dict's keys view copies the keys on every call.
        self._word_set = frozenset(self._words)
        self._stem_set = frozenset(self._stems)

    def get(self, name: str, start: int, end: int) -> list[Hit]:
        """Hits of list ``name`` that start inside ``[start, end)``."""
        if name not in self._hits:
            by_language = self._lexicon.by_language.get(name, {})
            found = tuple(
                Hit(m.start(), m.end(), m.group(), languages_of(m.group(), by_language))
                for m in self._scan(name)
            )
            covers = [
                hit
                for mask in self._lexicon.masked_by.get(name, ())
                for hit in self.everywhere(mask)
            ]
            found = tuple(
                hit
                for hit in found
                if not any(c.start <= hit.start and hit.end <= c.end for c in covers)
            )
            self._hits[name] = ([hit.start for hit in found], found)
        offsets, found = self._hits[name]
        return list(found[bisect_left(offsets, start) : bisect_left(offsets, end)])

    def everywhere(self, name: str) -> list[Hit]:
        """Hits of list ``name`` anywhere in the text."""
        return self.get(name, 0, len(self._folded))

    def _scan(self, name: str) -> Iterable[re.Match[str]]:
        """Match the list only where one of its first words starts (same result as finditer).

        Scanning a long alternation over a whole 4096-character message is slow;
        trying it only where a phrase can begin is not.
        """
        pattern = self._lexicon.patterns[name]
        starts = self._lexicon.starts.get(name)
        if starts is None:
            return pattern.finditer(self._folded)
        positions: set[int] = set()
        for stem in starts.stems & self._stem_set:
            positions.update(self._stems[stem])
        for word in starts.words & self._word_set:
            positions.update(self._words[word])
        matches: list[re.Match[str]] = []
        for position in sorted(positions):
            if matches and position < matches[-1].end():
                continue
            match = pattern.match(self._folded, position)
            if match:
                matches.append(match)
        return matches

    def need(self, need: Need, start: int, end: int) -> list[Hit]:
        """Hits of any list of ``need`` in ``[start, end)``, one per span."""
        key = (need, start, end)
        if key not in self._needs:
            spans: dict[tuple[int, int], Hit] = {}
            for name in need.lists:
                for hit in self.get(name, start, end):
                    spans.setdefault((hit.start, hit.end), hit)
            self._needs[key] = list(spans.values())
        return self._needs[key]


def fire(rule: Rule, hits: HitCache, start: int, end: int, window: int) -> tuple[Hit, ...] | None:
    """Return the hits that make ``rule`` fire in ``[start, end)``, or None if it does not."""
    # Cheapest checks first: most rules stop at a list with no phrase in the text.
    if not all(hits.need(need, start, end) for need in rule.needs):
        return None
    for combination in rule.unless:
        if all(len(distinct(hits.need(need, start, end))) >= need.count for need in combination):
            return None
    first, *others = rule.needs
    for anchor in hits.need(first, start, end):
        used = [anchor]
        for index, need in enumerate((first, *others) if first.count > 1 else others):
            gap = rule.gap if index == 0 else None
            near = [h for h in hits.need(need, start, end) if close(anchor, h, gap, window)]
            chosen = distinct(near)
            if len(chosen) < need.count:
                break
            used.extend(chosen[: need.count])
        else:
            return tuple(dict.fromkeys(used))
    return None


def close(anchor: Hit, hit: Hit, gap: int | None, window: int) -> bool:
    """Whether ``hit`` is near enough to ``anchor``: right after it, or within the window."""
    if gap is not None:
        return anchor.end <= hit.start <= anchor.end + gap
    return abs(hit.start - anchor.start) <= window


def distinct(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per different phrase ("tachipirina" twice counts once)."""
    seen: dict[str, Hit] = {}
    for hit in hits:
        seen.setdefault(hit.phrase, hit)
    return list(seen.values())


def rule_risk(rule: Rule, used: Sequence[Hit], language: str) -> float:
    """Return the rule's risk, a little lower when no phrase that fired it is in ``language``."""
    if any(language in hit.languages or "any" in hit.languages for hit in used):
        return rule.risk
    return max(0.0, rule.risk - FOREIGN_PENALTY)


def sentences(folded: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a draft reply."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(folded):
        if match.start() > start:
            spans.append((start, match.end()))
        start = match.end()
    if start < len(folded):
        spans.append((start, len(folded)))
    return spans


def clause_text(folded: str) -> str:
    """Return a sentence of folded text as it is compared with a source's: its words."""
    return " ".join(_WORD.findall(folded))


@lru_cache(maxsize=1024)
def source_clauses(source: str) -> frozenset[str]:
    """Return the sentences of a source, as :func:`clause_text` gives them.

    A line that ends without a full stop before one that starts in lower case was
    broken by the layout in the middle of a sentence: it is joined to the next.
    """
    folded, offsets = normalise(source)
    found: set[str] = set()
    pending = ""
    for start, end in sentences(folded):
        pending = f"{pending} {clause_text(folded[start:end])}".strip()
        ended = folded[start:end].rstrip().endswith(_CLOSERS)
        if ended or not source[offsets(end) :].lstrip()[:1].islower():
            found.add(pending)
            pending = ""
    found.add(pending)
    found.discard("")
    return frozenset(found)


def is_quoted(sentence: str, sources: Iterable[str]) -> bool:
    """Whether a folded sentence of a draft is a whole sentence of one of ``sources``.

    Only whole sentences count: words cut out of a longer approved sentence ("take
    2 tablets" out of "children over 30 kg, take 2 tablets") are the draft's own.
    """
    text = clause_text(sentence)
    return bool(text) and any(text in source_clauses(source) for source in sources)


@cache
def compile_lexicon(name: str) -> Lexicon:
    """Load ``guardrails/lexicons/<name>.yaml`` and compile its lists and rules (once)."""
    data = load_lexicon(name)
    lists = data.get("lists")
    if not isinstance(lists, dict) or not lists:
        raise LexiconError(f"lexicon {name!r} needs a non-empty 'lists' mapping")
    short = shorthand(name, data.get("shorthand") or {})
    patterns: dict[str, re.Pattern[str]] = dict(_BUILTIN)
    by_language: dict[str, dict[str, re.Pattern[str]]] = {}
    starts: dict[str, Starts] = {}
    for list_name, written in lists.items():
        if not isinstance(written, dict) or not written:
            raise LexiconError(f"{name}.{list_name} must map languages to phrases")
        phrases = {
            language: with_shorthand(group, short) if isinstance(group, list) else group
            for language, group in written.items()
        }
        by_language[list_name] = language_patterns(f"{name}.{list_name}", phrases)
        first = starts_of(p for group in phrases.values() for p in group)
        if first is not None:
            starts[list_name] = first
        # One pattern over every language, longest phrase first.
        patterns[list_name] = phrase_pattern(
            str(p).translate(JOINERS) for group in phrases.values() for p in group
        )
    rules = {
        mode: tuple(parse_rule(f"{name}.{mode}", raw, patterns) for raw in data.get(mode) or [])
        for mode in ("input", "output")
    }
    admin, asks = parse_administrative(f"{name}.administrative", data, patterns)
    preparation = parse_preparation(f"{name}.administrative.preparation", data, patterns)
    return Lexicon(
        patterns=patterns,
        by_language=by_language,
        starts=starts,
        rules=rules,
        admin=admin,
        asks=asks,
        preparation=preparation,
        masked_by=parse_masks(f"{name}.masked_by", data.get("masked_by") or {}, lists),
    )


def parse_masks(where: str, raw: Any, lists: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Read ``{list: [lists whose longer phrases hide it]}``; a hiding list is never hidden."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where} must map a list to the lists that hide its phrases")
    masks: dict[str, tuple[str, ...]] = {}
    for name, hiding in raw.items():
        if not isinstance(hiding, list) or not hiding:
            raise LexiconError(f"{where}.{name} must be a non-empty list of lists")
        masks[str(name)] = tuple(str(item) for item in hiding)
    named = set(masks) | {h for hs in masks.values() for h in hs}
    unknown = sorted(named - set(lists))
    if unknown:
        raise LexiconError(f"{where}: unknown list(s) {unknown}")
    nested = sorted({h for hs in masks.values() for h in hs} & set(masks))
    if nested:
        raise LexiconError(f"{where}: list(s) {nested} both hide and are hidden")
    return masks


def parse_administrative(
    where: str, data: Mapping[str, Any], patterns: Mapping[str, re.Pattern[str]]
) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """Read ``administrative: {admin: [entries], asks: [rules]}``; absent means no exemption.

    An admin entry is a list name (``cost``, or ``a|b``) or a rule without a kind
    (``{all: [...], unless: [...]}``): its phrases near each other.
    """
    raw = data.get("administrative")
    if raw is None:
        return (), ()
    if not isinstance(raw, dict) or not isinstance(raw.get("admin"), list) or not raw["admin"]:
        raise LexiconError(f"{where} needs a non-empty 'admin' list of phrase lists")
    if not isinstance(raw.get("asks"), list) or not raw["asks"]:
        raise LexiconError(f"{where} needs a non-empty 'asks' list of rules")
    admin = admin_entries(f"{where}.admin", raw["admin"], patterns)
    asks = tuple(parse_rule(f"{where}.asks", item, patterns) for item in raw["asks"])
    return admin, asks


def parse_preparation(
    where: str, data: Mapping[str, Any], patterns: Mapping[str, re.Pattern[str]]
) -> tuple[Rule, ...]:
    """Read ``administrative.preparation``: admin entries that also speak of preparing."""
    raw = data.get("administrative")
    items = raw.get("preparation") if isinstance(raw, dict) else None
    if items is None:
        return ()
    if not isinstance(items, list):
        raise LexiconError(f"{where} must be a list of admin entries")
    return admin_entries(where, items, patterns)


def admin_entries(
    where: str, items: Iterable[Any], patterns: Mapping[str, re.Pattern[str]]
) -> tuple[Rule, ...]:
    """Admin entries: a list name (``cost``, ``a|b``) or ``{all: [...], unless: [...]}``."""
    return tuple(
        build_rule(
            where,
            item if isinstance(item, dict) else {"all": [item]},
            patterns,
            kind=ADMINISTRATIVE,
        )
        for item in items
    )


Shorthand = tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
"""Per abbreviated word: a pattern finding it in a folded phrase, and its short spellings."""


def shorthand(where: str, raw: Any) -> Shorthand:
    """Read ``{word: [abbreviations]}``: how patients shorten a word of the phrases."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}.shorthand must map words to lists of abbreviations")
    short: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
    for word, forms in raw.items():
        if not isinstance(forms, list) or not forms:
            raise LexiconError(f"{where}.shorthand.{word} must be a non-empty list")
        key = " ".join(fold(str(word)).translate(JOINERS).split())
        pattern = re.compile(rf"(?<![\w*~]){re.escape(key)}(?![\w*])")
        short.append((pattern, tuple(" ".join(fold(str(f)).split()) for f in forms)))
    return tuple(short)


SHORTHAND_VARIANTS = 12
"""At most this many spellings of one phrase (the written one included)."""


def with_shorthand(phrases: Iterable[Any], short: Shorthand) -> list[str]:
    """Return ``phrases`` followed by their abbreviated spellings ("che" -> "ke", "que" -> "q").

    A patient who types "me tengo q preocupar" or "x quanti gg" means the
    written phrase; spelling each phrase the short way too, when the lexicon is
    compiled, matches them without touching the text (so offsets stay exact).
    """
    out: list[str] = []
    for phrase in phrases:
        written = " ".join(fold(str(phrase)).translate(JOINERS).split())
        variants = [written]
        for pattern, forms in short:
            if len(variants) >= SHORTHAND_VARIANTS or not pattern.search(written):
                continue
            variants += [pattern.sub(form, variant) for variant in variants for form in forms]
        out.extend(dict.fromkeys(variants[:SHORTHAND_VARIANTS]))
    return out


def language_patterns(where: str, by_language: Any) -> dict[str, re.Pattern[str]]:
    """One pattern per language of a list (phrases with apostrophes and hyphens as spaces)."""
    if not isinstance(by_language, dict) or not by_language:
        raise LexiconError(f"{where} must map languages ({', '.join(LANGUAGES)}) to phrases")
    compiled: dict[str, re.Pattern[str]] = {}
    for language, phrases in by_language.items():
        if language not in LANGUAGES or not isinstance(phrases, list):
            raise LexiconError(f"{where}.{language} must be one of {LANGUAGES} with a list")
        compiled[language] = phrase_pattern(str(p).translate(JOINERS) for p in phrases)
    return compiled


def starts_of(phrases: Iterable[Any]) -> Starts | None:
    """Collect the first words of ``phrases``; None if one does not start with a word."""
    words: set[str] = set()
    stems: set[str] = set()
    for phrase in phrases:
        first = fold(str(phrase)).translate(JOINERS).split()[0]
        stem = first.removesuffix("*")
        if not _WORD.fullmatch(stem) or len(stem) >= _STEM_MAX:
            return None  # an emoji or a sign: always scan
        (stems if first.endswith("*") else words).add(stem)
    return Starts(words=frozenset(words), stems=frozenset(stems))


def languages_of(phrase: str, by_language: Mapping[str, re.Pattern[str]]) -> frozenset[str]:
    """Return the languages whose list has ``phrase`` ("any" for the built-in lists)."""
    if not by_language:
        return frozenset({"any"})
    return frozenset(lang for lang, pattern in by_language.items() if pattern.fullmatch(phrase))


def parse_rule(where: str, raw: Any, patterns: Mapping[str, re.Pattern[str]]) -> Rule:
    """Build a :class:`Rule` from ``{kind, all, unless, risk, gap}``; names must be known lists."""
    if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
        raise LexiconError(f"{where}: each rule needs a kind from {KINDS} and an 'all' list")
    return build_rule(where, raw, patterns, kind=raw["kind"])


def build_rule(
    where: str, raw: Mapping[str, Any], patterns: Mapping[str, re.Pattern[str]], *, kind: str
) -> Rule:
    """Build a :class:`Rule` of ``kind`` from ``{all, unless, risk, gap}``."""
    if not isinstance(raw, dict) or not raw.get("all") or not isinstance(raw["all"], list):
        raise LexiconError(f"{where}: each rule needs an 'all' list")
    needs = tuple(parse_need(where, item, patterns) for item in raw["all"])
    unless = tuple(
        tuple(parse_need(where, item, patterns) for item in combination)
        for combination in raw.get("unless") or []
    )
    risk = float(raw.get("risk", 0.9))
    if not 0 <= risk <= 1:
        raise LexiconError(f"{where}: risk must be between 0 and 1")
    gap = raw.get("gap")
    return Rule(
        kind=kind,
        needs=needs,
        unless=unless,
        risk=risk,
        gap=None if gap is None else int(gap),
    )


def parse_need(where: str, item: Any, patterns: Mapping[str, re.Pattern[str]]) -> Need:
    """Parse ``"drug|med x2"``: any of the lists, at least two different phrases."""
    names, _, count = str(item).partition(" x")
    lists = tuple(n.strip() for n in names.split("|"))
    unknown = [n for n in lists if n not in patterns]
    if unknown:
        raise LexiconError(f"{where}: unknown list(s) {unknown} in {item!r}")
    return Need(lists=lists, count=int(count) if count else 1)
