"""Recognizer for an e-mail address dictated to a phone: "rosa78 chiocciola libero punto it".

A patient who dictates a message to their phone's voice typing gets the
address's symbols as words: "@" comes out as "chiocciola" (it), "arobase"
(fr), "arroba" (es) or "at" (en), "." as "punto", "point" or "dot", "_" as
"trattino basso", "tiret bas" (or "tiret du 8", the key it is on), "guion
bajo" or "underscore", "-" as "trattino", "tiret", "guion", "dash" or
"hyphen". Dictation also puts spaces inside the local part ("moustapha diop
77 arobase yahoo point fr"), and some phones write the "@" and spell the dot
("mario@gmail punto com"): that "@" was typed, and only a spoken symbol
joins the words before it.

The whole phrase is one address: a local part of one to three words or
numbers right before the at-word, joined by spoken symbols or else by spaces; then
a domain, at least one dot-word, and a top-level domain from
:data:`TOP_LEVEL_DOMAINS`. The local part stops at the words that introduce
it ("mail", "correo", "è", "est", "is", "mi", "mon", ":") and at function
words. English "at" is an everyday word: after it the domain must be a word
that is not one ("meet at the clinic", "at 5 dot" are no addresses). An
address written with its symbols ("mario.rossi@gmail.com") is left to
:class:`~guardrails.recognizers.email_offline.OfflineEmailRecognizer`.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import fold

# A name finding over part of the phrase ("gavino punto piras") must not win the
# overlap and leave the rest of the address in the text: the address scores highest.
SCORE = 1.0
MAX_LOCAL_WORDS = 3
MAX_DOMAIN_LABELS = 4
LOCAL_WORD_REACH = 64
"""How far back (in characters) one word of the local part is looked for."""

TOP_LEVEL_DOMAINS = frozenset(
    """com net org info biz edu gov io eu
    it fr es de at be ch nl lu pt uk ie sm va mc cat eus gal
    ca us mx ar co cl pe ve ec uy py bo br cr gt hn sv ni pa do cu pr
    ma sn dz tn ci cm re""".split()
)
"""Top-level domains a spoken address may end with: generic ones, and the countries of
the clinics' patients (Europe, the Americas, French-speaking Africa, La Réunion)."""

_AT_WORDS = r"chiocciolina|chiocciola|arrobase|arobase|arroba|at[ \t-]sign|at"
_DOT_WORDS = r"punto|point|punt|ponto|dot"
_UNDERSCORE_WORDS = (
    r"trattino[ \t]basso|tiret[ \t]bas|tiret[ \t]du[ \t]bas|tiret(?:[ \t]du)?[ \t](?:8|huit)"
    r"|gui[oó]n[ \t]bajo|barra[ \t]baja|under[ \t]?score"
)
_HYPHEN_WORDS = r"trattino(?:[ \t]alto)?|tiret(?:[ \t]du)?[ \t](?:6|six)|tiret|gui[oó]n|dash|hyphen"

_SPOKEN_DOT = rf"[ \t]+(?:{_DOT_WORDS})[ \t]+"
_DOT = rf"(?:{_SPOKEN_DOT}|\.)"
_LABEL = rf"[^\W_]+(?:(?:-|[ \t]+(?:{_HYPHEN_WORDS})[ \t]+)[^\W_]+)*"
_TLD = "|".join(sorted(TOP_LEVEL_DOMAINS, key=len, reverse=True))
# The address ends at the top-level domain: not inside a word ("dot it's"), not
# before more of a written domain ("gmail.com.mx" is matched whole).
_END = r"(?![\w'’@\-]|\.[^\W_])"

_AT = re.compile(rf"[ \t]+(?P<word>{_AT_WORDS})[ \t]+|[ \t]*@[ \t]*", re.IGNORECASE)
_DOMAIN = re.compile(
    rf"(?P<first>{_LABEL})(?:{_DOT}{_LABEL}){{0,{MAX_DOMAIN_LABELS - 2}}}{_DOT}(?:{_TLD}){_END}",
    re.IGNORECASE,
)
# One word of the local part: letters and digits, maybe joined by written symbols
# ("rosa78", "mario.rossi", "pl_garnier"); never the end of a longer word or of "c'est".
_WORD_START = r"(?<![\w.@+\-'’])"
_WORD = r"[^\W_](?:[\w.+\-]*[^\W_])?"
_LAST_WORD = re.compile(rf"{_WORD_START}(?P<word>{_WORD})\Z")
_SPOKEN_JOIN = re.compile(
    rf"{_WORD_START}(?P<word>{_WORD})"
    rf"[ \t]+(?:{_DOT_WORDS}|{_UNDERSCORE_WORDS}|{_HYPHEN_WORDS})[ \t]+\Z",
    re.IGNORECASE,
)
_SPACE_JOIN = re.compile(rf"{_WORD_START}(?P<word>{_WORD})[ \t]+\Z")
_BARE_WORD = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[^\W\d_]")

STOP_WORDS = frozenset(
    fold(word)
    for word in """
    mail email e-mail emails mails indirizzo posta elettronica correo electronico electrónico
    courriel adresse address mel mél contatto contacto contact
    è e ed es est is it's its c'est cest era sarebbe sería seria será son sono soy suis am are
    was be
    mi mio miei mis mon ma mes my tu tuo tua your votre vos ton ta su sus suo sua his her our
    nostra notre nuestro
    la il lo le el los las les the a an un una uno une gli i
    à ad al alla alle au aux to at de di da dal dalla del della du des en in con with
    per por para pour sul sulla sur on for of from desde
    et y and o ou or mais but pero che que qui that which who
    ecco voici voilà voila here aqui aquí
    scrivete scrivetemi scrivimi scrivere write me send mandate mandami manda envoyez envoyer
    écrivez ecrivez escriban escribanme escríbanme escribir enviar envíen envien
    grazie merci gracias thanks thank please prego
    nuovo nuova nueva nuevo nouveau nouvelle new
    io je yo moi mí
    chiocciola chiocciolina arobase arrobase arroba sign punto point punt ponto dot
    underscore trattino basso tiret bas guión guion bajo barra baja dash hyphen
    """.split()
)
"""Words that are never part of a dictated address's local part: the words that introduce
an address, function words, and the spoken symbols themselves."""


class SpokenEmailRecognizer(RuleRecognizer):
    """Recognize an e-mail address whose "@" and "." were dictated as words."""

    ENTITIES = ("EMAIL_ADDRESS",)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one EMAIL_ADDRESS result per dictated address, local part to top-level domain."""
        results: list[RecognizerResult] = []
        for at in _AT.finditer(text):
            domain = _DOMAIN.match(text, at.end())
            if domain is None or not _LETTER.search(domain.group("first")):
                continue
            spoken_at = at.group("word")
            if (
                spoken_at is not None
                and spoken_at.lower() == "at"
                and fold(domain.group("first")) in STOP_WORDS  # "at the clinic dot com"
            ):
                continue
            # A written "@" is typed, not dictated: a space before it is no part of the address.
            start = _local_part_start(text, at.start(), spaces=spoken_at is not None)
            if start is None:
                continue
            if not any(char.isspace() for char in text[start : domain.end()]):
                continue  # written with its symbols: the e-mail recognizer's
            results.append(
                finding(
                    self,
                    "EMAIL_ADDRESS",
                    start,
                    domain.end(),
                    SCORE,
                    "an e-mail address dictated with its symbols as words",
                )
            )
        return results


def _local_part_start(text: str, end: int, *, spaces: bool) -> int | None:
    """Return where the local part ending at ``end`` starts, or None when there is none.

    Words are taken right to left, at most :data:`MAX_LOCAL_WORDS`, each joined to
    the next by a spoken symbol, or by a space (see :func:`_joined_by_space`) when
    ``spaces`` allows it; a word in :data:`STOP_WORDS` ends it.
    """
    start: int | None = None
    later = ""
    spoken = False
    for count in range(MAX_LOCAL_WORDS):
        reach = max(0, end - LOCAL_WORD_REACH)
        if count == 0:
            match = _LAST_WORD.search(text, reach, end)
        else:
            match = _SPOKEN_JOIN.search(text, reach, end)
            spoken = spoken or match is not None
            if match is None and spaces and not spoken:
                match = _SPACE_JOIN.search(text, reach, end)
                if match is not None and not _joined_by_space(match.group("word"), later):
                    match = None
        if match is None or fold(match.group("word")) in STOP_WORDS:
            break
        later = match.group("word")
        start = end = match.start("word")
    return start


def _joined_by_space(word: str, later: str) -> bool:
    """Tell whether ``word`` and the ``later`` one, a space apart, are one dictated local part.

    Both are bare letters and digits ("moustapha diop 77"). A capitalised word
    before a lower-case one is the end of a name written before the address
    ("sono Gavino Piras gavino77 chiocciola ..."): taking it would leave the
    rest of that name to a PERSON finding that the address then overrides.
    """
    if not (_BARE_WORD.fullmatch(word) and _BARE_WORD.fullmatch(later)):
        return False
    return not (word[0].isupper() and not word.isupper() and later[0].islower())
