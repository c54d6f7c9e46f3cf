"""The groundedness guard: every fact a draft reply states must be found in its sources.

A language model can invent an opening time, a price, a phone number or a
doctor. Before a draft reaches a patient, every number, time, date, price,
percentage, phone number, e-mail address, URL, street address, titled person
name ("dott.ssa Conti", "Mme Laurent") and dosage in it is looked up in
``GuardContext.sources`` (the approved passages of the turn and the clinic
profile). Facts are compared in a normal form, so a re-formatted fact passes:

- times: "8:00" = "8.00" = "08:00" = "8h00" = "8h" = "8 am"; "8 pm" = "20:00".
  A bare "8" is the hour 8:00 (or the number 8), never 20:00.
- prices: "€ 50" = "50 €" = "50 euro" = "50,00 EUR"; the currency must agree.
- numbers: "1.200" = "1200" = "1,200" (either reading of a separator counts).
- phone numbers: by digits, ignoring spaces, dots, dashes, a leading +CC/00CC
  and the trunk 0 after it.
- dates: "25/12" = "25 dicembre" = "December 25th"; a year, if given, must agree.
- names, addresses, codes ("M4"), e-mail addresses, URLs: case, accents and
  punctuation ignored.

Dosages ("500 mg", "2 compresse") pass only when a source says the same.
Placeholders (``<PERSON_1>``) stand for what the patient wrote and are not
facts; nor are list numbers ("1.", "2)"), ordinals, page references ("p. 3")
or counting words ("due", "two"). Person names are recognised after a title
only: a bare name is the PHI leak guard's business.

A number is grounded when it appears anywhere in the sources, not only in
the same context: "15 posti auto" passes if "Via delle Magnolie 15" is there.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from guardrails.base import Finding, GuardContext, Verdict
from guardrails.facts import (
    SOURCE_EXTRACTORS,
    Fact,
    extract_facts,
    words,
)


@lru_cache(maxsize=1024)
def _source_keys(source: str) -> frozenset[str]:
    """Return what one source supports; passages and the profile recur across turns."""
    return frozenset(k for fact in extract_facts(source, SOURCE_EXTRACTORS) for k in fact.supports)


@lru_cache(maxsize=1024)
def _source_words(source: str) -> str:
    return words(source)


@lru_cache(maxsize=1024)
def _source_raw(source: str) -> str:
    return source.casefold()


def _contains(text: str, value: str) -> bool:
    """Tell whether ``value`` occurs in ``text`` not glued to a longer address or name."""
    start = text.find(value)
    while start >= 0:
        before, after = text[start - 1 : start], text[start + len(value) :][:1]
        glued_before = before and (before.isalnum() or before in "_-.@")
        if not glued_before and not (after and (after.isalnum() or after in "_-@")):
            return True
        start = text.find(value, start + 1)
    return False


def same_phone(a: str, b: str) -> bool:
    """Tell whether two digit strings are one phone number, with or without country code.

    "390255501234" is "0255501234"; "33465712020" is "0465712020" (the trunk
    0 is dropped after a country code of one to three digits).
    """
    short, long = sorted((a, b), key=len)
    extra = len(long) - len(short)
    if long.endswith(short) and extra <= 3:
        return True
    return short.startswith("0") and long.endswith(short[1:]) and extra <= 2


class SourceIndex:
    """What a set of sources supports: fact keys, phone numbers, words and raw text."""

    def __init__(self, sources: Iterable[str]) -> None:
        self._sources = tuple(sources)
        self.keys: frozenset[str] = frozenset().union(*map(_source_keys, self._sources))
        self.phones = [key[6:] for key in self.keys if key.startswith("phone:")]

    def grounds(self, fact: Fact) -> bool:
        """Tell whether any of the fact's claims is supported by the sources."""
        for claim in fact.claims:
            kind, _, value = claim.partition(":")
            if claim in self.keys:
                return True
            if kind == "phone" and any(same_phone(value, phone) for phone in self.phones):
                return True
            if kind == "words" and any(value in _source_words(s) for s in self._sources):
                return True
            if kind == "raw" and any(_contains(_source_raw(s), value) for s in self._sources):
                return True
        return False


_SCORES: dict[str, float] = {"number": 0.6, "code": 0.6}
"""How surely a lone number or code is invented (it may be a count); other kinds 1.0."""


class GroundednessGuard:
    """Block a draft reply that states a fact found in none of its sources.

    The sources are ``GuardContext.sources``; with no sources at all, every
    fact in the draft is ungrounded. The verdict has one finding per
    unsupported span (``UNGROUNDED_TIME``, ``UNGROUNDED_PRICE``, ...) and a
    reason naming the kinds, never the values. The draft is never changed.

    Fails closed: if the check itself fails (unexpected input), the verdict
    is "not allowed" with a reason saying the guard could not decide, so the
    pipeline sends its safe reply instead of an unchecked one.
    """

    name = "groundedness"

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Return ``allowed=False`` when any fact in ``text`` is missing from the sources."""
        try:
            return self._check(text, context)
        except Exception as error:  # fail closed on anything unexpected
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
        facts = extract_facts(text)
        if not facts:
            return Verdict(guard=self.name, allowed=True, text=text, reason="no facts to check")
        sources = [s for s in getattr(context, "sources", None) or () if isinstance(s, str)]
        index = SourceIndex(sources)
        missing = [fact for fact in facts if not index.grounds(fact)]
        if not missing:
            reason = f"{len(facts)} fact(s) grounded"
            return Verdict(guard=self.name, allowed=True, text=text, reason=reason)
        findings = tuple(
            Finding(
                type=f"UNGROUNDED_{fact.kind.upper()}",
                start=fact.start,
                end=fact.end,
                score=_SCORES.get(fact.kind, 1.0),
            )
            for fact in missing
        )
        return Verdict(
            guard=self.name,
            allowed=False,
            text=text,
            risk=max(finding.score for finding in findings),
            reason=f"ungrounded: {', '.join(sorted({fact.kind for fact in missing}))}",
            findings=findings,
        )
