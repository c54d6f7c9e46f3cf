"""The clinic's own words that are never patient identifiers.

Staff names ("la dott.ssa Bianchi"), the clinic's addresses, phone numbers and
e-mail addresses look exactly like patient identifiers. They are not typed by
hand: the PHI analyzer itself runs over the approved documents and every value
it finds there is clinic vocabulary, together with the clinic profile's name
and contacts. The list follows the approved documents: it is rebuilt, on the
next use, whenever the set of approved documents changes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Protocol

from agent.clinic import ClinicProfile
from agent.observability import event
from guardrails.base import Verdict

log = logging.getLogger("frontdesk.allow_list")

FindValues = Callable[[str], Iterable[tuple[str, str]]]
"""Returns ``(entity type, value)`` for every identifier the analyzer finds in a text."""


class Redactor(Protocol):
    """The PHI redaction guard, as far as the allow-list needs it."""

    def redact_document(self, text: str, language: str) -> tuple[Verdict, list[str]]:
        """Return the verdict for a document's text, and the names after a clinician's title."""
        ...


def analyzer_values(redactor: Redactor, detect: Callable[[str], str]) -> FindValues:
    """Return a ``find`` that runs ``redactor`` on a text in the language ``detect`` tells.

    Staff named after their title ("Dr.ssa Elena Marchetti") are found too: a
    patient may name them without it.
    """

    def find(text: str) -> list[tuple[str, str]]:
        verdict, clinicians = redactor.redact_document(text, detect(text))
        found = [(f.type, text[f.start : f.end]) for f in verdict.findings]
        return found + [("PERSON", name) for name in clinicians]

    return find


def profile_vocabulary(clinic: ClinicProfile) -> frozenset[str]:
    """Return the clinic profile's own name and contacts."""
    words = {clinic.name, clinic.contact_phone, clinic.contact_email, clinic.portal_url}
    return frozenset(w for w in words if w)


class ClinicAllowList:
    """Callable returning the current allow-list: profile words plus document findings.

    ``texts`` yields the approved documents' text; ``version`` changes whenever
    the approved set changes (any object compared by identity); ``find`` is
    the PHI analyzer.
    """

    def __init__(
        self,
        *,
        clinic: ClinicProfile,
        texts: Callable[[], Iterable[str]],
        version: Callable[[], object],
        find: FindValues,
    ) -> None:
        self._profile = profile_vocabulary(clinic)
        self._texts = texts
        self._version = version
        self._find = find
        self._lock = threading.Lock()
        self._built_for: object | None = None
        self._current = self._profile

    def __call__(self) -> frozenset[str]:
        """Return the allow-list for the documents approved now."""
        version = self._version()
        if version is self._built_for:
            return self._current
        with self._lock:
            if version is not self._built_for:
                self._current = self._profile | self._from_documents()
                self._built_for = version
                event(log, "allow_list_built", values=len(self._current))
        return self._current

    def _from_documents(self) -> frozenset[str]:
        values: set[str] = set()
        for text in self._texts():
            for entity_type, value in self._find(text):
                values.add(value)
                names = value.split()
                if entity_type == "PERSON" and len(names) > 1 and len(names[-1]) >= 3:
                    # "Dr. Laura Bianchi" in a document also allows "la dott.ssa Bianchi";
                    # a first name alone stays a patient's ("sono Laura").
                    values.add(names[-1])
        return frozenset(values)
