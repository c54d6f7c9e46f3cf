"""Whether the words at a place in a message read as a person's name (shared by name recognizers).

The catch-all name recognizers (a name after a cue, a name alone on its line)
find places where a name often stands; this module decides whether the words
there are one. A word is never part of a name when it is a stop word, an
everyday or calendar word, a closing ("grazie", "cordialement"), a street or
institution word, a courtesy or clinician's title, or a unit. A name needs
evidence: a known first name (Faker's lists, not an ambiguous one like
"Rosa"), a known last name, or a word wordfreq finds in the text of several
of the four languages, or of none (:func:`word_frequency.looks_like_name`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from guardrails.recognizers.base import RuleRecognizer
from guardrails.recognizers.lexicon import (
    CALENDAR_WORDS,
    CLOSINGS,
    DEPARTMENT_WORDS,
    UNITS,
    fold,
    is_department,
)
from guardrails.recognizers.person_lexicon import (
    PARTICLES,
    PLACE_WORDS,
    TITLE_WORDS,
    NameLexicon,
    name_lexicon,
)
from guardrails.recognizers.word_frequency import looks_like_name, top_zipf

CLINICIAN_TITLES = frozenset(
    """dr dott dottor dottore dottoressa doctor doctora docteur docteure dra dre drssa prof
    professor professore professoressa professeur profesor profesora pr nurse infermiera infermiere
    infirmiere infirmier enfermera enfermero""".split()
)
"""A name after these is a clinician's, kept for the patient's question ("for Dr Shaw")."""

PARTICLE_SURNAME_MAX_ZIPF = 2.5
"""A word after a particle that is no known surname must be rarer than this to be one."""

AMBIGUOUS_FIRST_MAX_ZIPF = 4.5
"""A first name that is also a word ("bruno", "alba", "remedios") is read as a name, where a
name is likely, only when rarer than this; "rosa", "luz", "sole", "marco" are too common."""

SIGN_OFF_WORDS = frozenset(
    """atte att fam famiglia famille familia family firmato signe firmado cordialement
    cordiali distinti saluti besos baci bisous abrazos""".split()
)
"""Words that come before a signature, never part of it ("Atte. Leocadia", "fam. Zambelli")."""

CONTRACTIONS = frozenset(
    """im ive id hes shes its youre theyre were thats whats theres dont cant wont isnt arent
    didnt doesnt wasnt werent couldnt wouldnt shouldnt hasnt havent""".split()
)
"""English contractions typed without their apostrophe ("hes got an appointment")."""

_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?")
_BETWEEN_WORDS = re.compile(r"[ \t]{1,2}|,[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
_INITIAL = re.compile(r"[A-Z]\.?|(?:[A-Z]\.){2,}")
_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w'’\-])")
_SPACED_WORD = re.compile(rf"[ \t]{{1,2}}(?P<word>{_PLAIN_WORD.pattern})")


class NameWords:
    """Reads the name, if any, that starts at a given place in a message."""

    def __init__(self, lexicon: NameLexicon) -> None:
        self._lexicon = lexicon
        self._never = (
            lexicon.not_name
            | lexicon.stop
            | CALENDAR_WORDS
            | CLOSINGS
            | PLACE_WORDS
            | TITLE_WORDS
            | UNITS
            | CLINICIAN_TITLES
            | SIGN_OFF_WORDS
            | DEPARTMENT_WORDS
            | CONTRACTIONS
        )
        self._everyday_only = lexicon.not_name - ((self._never - lexicon.not_name) | TITLE_WORDS)

    def words_at(
        self, text: str, start: int, *, lowercase_ok: bool, max_words: int
    ) -> list[re.Match[str]]:
        """Return the name-shaped words from ``start`` on (at most ``max_words``).

        Words follow each other with one or two spaces, or a comma before a
        capitalised word ("Rutherford, Clyde", two words at most then); a
        particle ("de", "van") never ends the name.
        """
        words: list[re.Match[str]] = []
        position = start
        while len(words) < max_words:
            word = _WORD.match(text, position)
            if word is None or not self.fits(word.group(), lowercase_ok, first=not words):
                break
            words.append(word)
            between = _BETWEEN_WORDS.match(text, word.end())
            if between is None or ("," in between.group() and len(words) > 1):
                break
            position = between.end()
        while words and fold(words[-1].group().rstrip(".")) in PARTICLES:
            words.pop()
        return words

    def fits(self, word: str, lowercase_ok: bool, *, first: bool) -> bool:
        """Tell whether ``word`` may be part of a name."""
        bare = word.rstrip(".")
        if _INITIAL.fullmatch(word):
            return True  # an initial: "A.", "J.R.", "M"
        key = fold(bare)
        if key in PARTICLES:
            # where a name is expected a surname may open with its particle ("de angelis")
            return not first or lowercase_ok
        if len(key) < 2:
            return False
        if key in self._never:
            # "Nombre: María del Pilar": where lower case counts, a capitalised first
            # name that is also a word ("Pilar", "Rosa") is still a name
            return lowercase_ok and word[:1].isupper() and key in self._lexicon.ambiguous_first
        if not lowercase_ok and not word[:1].isupper():
            return False
        if is_department(bare):
            return False  # "para Odontopediatría": a department by its ending
        return not (bare.isupper() and len(bare) <= 3)  # "ECG", "TAC": acronyms

    def never_name(self, key: str) -> bool:
        """Tell whether a folded word is never part of a name (stop, calendar, title words…)."""
        return key in self._never

    def everyday_only(self, key: str) -> bool:
        """Tell whether a folded word is kept from names only as an everyday word ("pace").

        Stop, calendar, place, title, unit and closing words are not.
        """
        return key in self._everyday_only

    def is_first_name(self, word: str) -> bool:
        """Tell whether ``word`` is a known first name, an ambiguous one ("Rosa", "Luz") too."""
        return fold(word) in self._lexicon.first

    def is_known_first_name(self, word: str) -> bool:
        """Tell whether ``word`` is a known first name that is no everyday word ("gonzalo")."""
        key = fold(word)
        return key in self._lexicon.first and key not in self._lexicon.ambiguous_first

    def known_or_rare(self, word: str) -> bool:
        """Tell whether ``word`` is a known first name or surname, or a word no language uses.

        Everyday words, ambiguous first names ("rosa") and frequent words that are
        in no list are refused ("il referto di ieri", "la visita di controllo").
        """
        key = fold(word)
        lex = self._lexicon
        if len(key) < 3 or key in self._never or key in lex.ambiguous_first:
            return False
        if key in lex.first or key in lex.last:
            return True
        return top_zipf(key) < PARTICLE_SURNAME_MAX_ZIPF

    def likely_first_name(self, word: str) -> bool:
        """Tell whether ``word`` is a first name where a name is likely, an ambiguous one too.

        Never a stop word ("mia"), a weekday, month or holiday, a closing, or a
        first name that is a word as common as "rosa" or "marco"
        (:data:`AMBIGUOUS_FIRST_MAX_ZIPF`).
        """
        key = fold(word)
        lex = self._lexicon
        if len(key) < 3 or key not in lex.first or key in lex.stop:
            return False
        if key in CALENDAR_WORDS or key in CLOSINGS:
            return False
        return key not in lex.ambiguous_first or top_zipf(key) < AMBIGUOUS_FIRST_MAX_ZIPF

    def first_name_end(self, text: str, start: int) -> int | None:
        """Return where a name at ``start`` ends: a likely first name, then its surnames.

        "bruno", "franco ottolenghi", "Teresa Pizzighetti": the surnames are
        known ones or words no language uses (:meth:`known_or_rare`), at most two.
        None when no likely first name (:meth:`likely_first_name`) is there.
        """
        first = _PLAIN_WORD.match(text, start)
        if first is None or not self.likely_first_name(first.group()):
            return None
        end = first.end()
        for _ in range(2):
            surname = _SPACED_WORD.match(text, end)
            word = surname.group("word") if surname else ""
            if not word or fold(word) in self._lexicon.first or not self.known_or_rare(word):
                break
            end = surname.end() if surname else end
        return end

    def particle_surname(self, word: str, *, capitalised: bool = False) -> bool:
        """Tell whether ``word`` may end a surname after its particle ("lo bianco", "de la fuente").

        Such surnames are often ordinary words (Bianco, Fuente, Rosa): only stop,
        calendar, place, title and closing words are refused. ``capitalised``
        when the particle and the word both are ("Lo Verde", "La Rosa", "Del
        Monte"): then any such word is a surname.
        """
        key = fold(word)
        if len(key) < 3 or not word.replace("'", "").replace("’", "").isalpha():
            return False  # letters only, an apostrophe inside allowed ("Le Floc'h")
        if key in self._never - self._lexicon.not_name:
            return False
        if capitalised:
            return True
        # a known surname even when it is a word; else only a rare word ("de la limpieza",
        # "di cardiologia" are a job and a department)
        return key in self._lexicon.last or top_zipf(key) < PARTICLE_SURNAME_MAX_ZIPF

    def is_name(self, words: list[str], *, expected: bool) -> bool:
        """Tell whether ``words`` (as :meth:`words_at` returned them) are a name.

        Where a name is expected (after "si chiama", a name label, a doorbell)
        any word reading like a name will do. Elsewhere the first word must be
        a known first name or read like a name in several languages ("Gino",
        "Priya"); or, when it is rarer ("Maëlys", "Oisín"), a word after it
        must be a known surname or read like one. A known last name alone is
        not enough there: many are towns too ("Roma", "Paris").
        """
        if not words or all(_INITIAL.fullmatch(word) for word in words):
            return False
        if expected:
            return any(self.evidence(word, expected=True) for word in words)
        initials = 0
        while initials < len(words) and _INITIAL.fullmatch(words[initials]):
            initials += 1
        if initials:  # "J.R. Hartley", "M. T. Caruso": a surname after initials
            return any(self.evidence(word, expected=False) for word in words[initials:])
        first, rest = words[0], words[1:]
        if self.evidence(first, expected=False, first=True):
            return True
        return self.evidence(first, expected=True, first=True) and any(
            self.evidence(word, expected=False) for word in rest
        )

    def evidence(self, word: str, *, expected: bool, first: bool = False) -> bool:
        """Tell whether ``word`` is a known name or reads like one (wordfreq)."""
        key = fold(word.rstrip("."))
        if len(key) < 3 or key in PARTICLES:
            return False
        lex = self._lexicon
        if key in lex.first and key not in lex.ambiguous_first:
            return True
        if key in lex.last and not first:
            return True
        parts = [part for part in re.split(r"['’\-]", key) if len(part) > 2]
        return bool(parts) and all(looks_like_name(part, expected=expected) for part in parts)


def name_end(text: str, words: list[re.Match[str]]) -> int:
    """Return where the name made of ``words`` ends: a sentence's full stop is left out."""
    end = words[-1].end()
    if text[end - 1] == "." and len(words[-1].group()) > 2:
        end -= 1  # "Zambelli." ends a sentence; "M." is an initial
    return end


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    """Return the process-wide reader (built on the shared name lexicon)."""
    return NameWords(name_lexicon())


class NameRecognizer(RuleRecognizer):
    """A recognizer of PERSON names whose rules read words with the shared :func:`name_words`.

    Subclasses that build more call ``super().__init__(supported_language)`` last.
    """

    ENTITIES = ("PERSON",)

    def __init__(self, supported_language: str = "en") -> None:
        self._words = name_words()
        super().__init__(supported_language)


_WORDS_BEFORE = re.compile(r"(?:[^\W\d_][\w'’\-.]*[ \t]+){0,2}[^\W\d_][\w'’\-.]*$")


def starts_before(text: str, end: int, reach: int = 60) -> Iterator[int]:
    """Yield where each of the (up to three) words right before ``end`` starts, farthest first.

    A name that a marker after it announces ("aurora, 6 anni", "lorenzo e la
    sorellina") is the longest run of name words ending at the marker.
    """
    before = _WORDS_BEFORE.search(text, max(0, end - reach), end)
    if before is None:
        return
    for word in re.finditer(r"\S+", before.group()):
        yield before.start() + word.start()
