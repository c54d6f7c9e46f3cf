"""Recognizer for a name after a cue that often comes before a person's name.

The introductions of :mod:`person_context` ("mi chiamo", "je m'appelle")
are the phrases patients use most, but names also come after words that are
not introductions at all: who a booking is for ("la visita è per Gino
Ravasi", "c'est pour Maëlys Garnier-Leclerc", "for Oisín Mulcahy", "es para
Ximena Huamán"), a greeting ("Hi, Priya here", "aquí Gorka"), "io"/"moi"/
"yo", what someone is called ("elle s'appelle Nour", "se llama gladys
quispe", "the name on it is A. K. Zhou"), the name on a doorbell
("campanello Tessari"), a form label that names a name ("Nom d'usage :
VIDAL"), or a family signature ("fam. Zambelli").

A cue is only a hint, so the words after it must look like a name: known
first or last names, or words that wordfreq finds in several languages'
text or in none (see :func:`word_frequency.looks_like_name`), never stop
words, everyday words, weekdays, places or closings. After the weak cues
(a preposition, a greeting, a pronoun) the words must be capitalised; after
the strong ones ("si chiama", "campanello", a name label) lower case counts too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import CALENDAR_WORDS, fold
from guardrails.recognizers.name_words import NameRecognizer, name_end
from guardrails.recognizers.person_lexicon import PARTICLES
from guardrails.recognizers.word_frequency import top_zipf

SCORE = 0.75
MAX_WORDS = 4
EVERYDAY_MIN_ZIPF = 4.5
"""A lower-case word this common in some language, and in no name list, opens no name."""


_NAME_LABEL = r"nome|cognome|nombre|apellidos?|nom|pr[ée]nom|name|surname"
_NEXT_LABEL = (
    rf"{_NAME_LABEL}|data|fecha|date|dob|nat[oa]|nacid[oa]|n[ée]e?|born|cf|codice|dni|nie|tel"
    r"|cell|telefono|tel[ée]fono|email|mail|indirizzo|direcci[óo]n|adresse|address"
)
"""A form's labels: a name label, then one to three words, then the next label."""


@dataclass(frozen=True)
class Cue:
    """A phrase after which a name often comes; ``strong`` if lower case still counts."""

    phrase: str
    strong: bool
    greets: bool = False
    """A greeting or a pronoun: a capitalised first name that is also a word ("aquí
    Dolores,", "ciao Rosa!") counts after it when the phrase ends with it."""
    lower: Literal["", "first name", "known or rare"] = ""
    """After a weak cue, what lower-case words still count: a known first name that is
    no everyday word ("vine con fermin"), or known first and last names and words no
    language uses ("el informe de martinez lopez", "il referto di brambati")."""


CUES: tuple[Cue, ...] = (
    # who a booking or a message is for (the cue word ends the phrase: "è per", "for")
    Cue(r"per|x|for|pour|para", strong=False),
    # greetings, then the writer ("Hi, Priya here") or the one written about
    Cue(
        r"ciao|salve|buongiorno|buonasera|hi|hello|hey|dear|bonjour|bonsoir|salut|coucou"
        r"|hola|buenas|buenos\s+d[íi]as|buenas\s+tardes|qui|ici|aqu[íi]|here\s+is",
        strong=False,
        greets=True,
    ),
    # the writer naming themselves with a bare pronoun ("io Tsegaye Bekele, etiope"),
    # or a patient named without a colon ("paziente M. T. Caruso")
    Cue(r"io|moi|yo|paziente|patiente?|paciente", strong=False, greets=True),
    # a name label without its colon ("dob 30-01-1997 nome Kevin Adjei")
    Cue(r"nome|nom|name|nombre|cognome|apellidos?|surname|pr[ée]nom", strong=False),
    # a signature for a family ("fam. Zambelli") or after a dash on its own line
    Cue(
        r"fam\.|famiglia|famille|familia|family|atte\.|att\.|firmato|sign[ée]|firmado", strong=True
    ),
    # who the patient is: "ella es carmen rosa villca", "el peque es bruno", "il paziente è"
    Cue(
        r"(?:ella|[ée]l|lei|lui|elle|(?:el|la|il|le|the)\s+(?:paciente|paziente|patiente?|patient"
        r"|peque|niñ[oa]|nen[ea]|bimb[oa]|bambin[oa]))\s+(?:es|[èe]|e['’]|est|is)",
        strong=True,
    ),
    # who someone is, in English: "He's Dave, booked Friday", "she's Nkechi Obi"
    Cue(r"(?:he|she)(?:['’]s|\s+is)", strong=False),
    # a form's line with its label and no colon: "cognome de angelis", "nome maria chiara"
    Cue(
        r"(?m:^)[ \t]*(?:cognome|nome|nombre|apellidos?|nom|pr[ée]nom|surname|first\s+name"
        r"|last\s+name)(?=[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3}[ \t]*(?m:$))",
        strong=True,
    ),
    # whom to ask for or call: "contattate Marisa", "pregunten por Jacinto", "ask for Bea",
    # "chiedendo di ada"
    Cue(
        r"contatta(?:te|re)?|chiama(?:te|re)|chied(?:ete|endo|ere|i)\s+di|cercate"
        r"|pregunt(?:en|ar|ad|ando|e)\s+por|llamen\s+a|demandez|demander|ask(?:ing)?\s+for"
        r"|contact",
        strong=False,
        lower="known or rare",
    ),
    # whose appointment, report, exam or prescription: "il referto di Scarpellini", "la visita
    # oculistica di nando", "gli esami del sangue di brambati", "el informe de martinez lopez"
    Cue(
        r"(?:visita|referto|referti|esami|esame|ricetta|impegnativa|prenotazione|appuntamento"
        r"|certificato|risultati|cartella|pratica|cita|informe|receta|resultados|anal[íi]tica"
        r"|volante|rdv|rendez-vous|dossier|ordonnance|r[ée]sultats|appointment|results"
        r"|prescription|referral|colonscopia|gastroscopia|ecografia|ecograf[íi]a|risonanza"
        r"|radiografia|radiograf[íi]a|mammografia|mamograf[íi]a|analisi|an[áa]lisis|biopsia"
        r"|intervento|operaci[óo]n)"
        r"(?:\s+(?:(?:del|della|de|of)\s+)?[^\W\d_]{4,})??\s+(?:di|de|of)"
        # "sposta quello di …", "cancela lo de …", "annulez celui de …", "the one for …"
        r"|(?:quell[oa]|lo|celui|celle)\s+(?:di|de)|the\s+one\s+for",
        strong=False,
        lower="known or rare",
    ),
    # on whose behalf the writer calls: "chiamo per eh tarcisio …", "llamo de parte de …"
    Cue(
        r"(?:chiamo|scrivo|telefono)\s+(?:per|da\s+parte\s+di)"
        r"|(?:llamo|escribo)\s+(?:por|de\s+parte\s+de)"
        r"|(?:j['’]appelle|j['’][ée]cris)\s+(?:pour|de\s+la\s+part\s+de)"
        r"|(?:calling|writing)\s+(?:for|about|on\s+behalf\s+of)",
        strong=False,
        lower="known or rare",
    ),
    # who comes along: "ayer vine con fermin", "vengo con giulia", "coming with Tomasz"
    Cue(
        r"(?:veng(?:o|a)|vien[ei]|veniamo|venite|vad[oa]|andiamo|vine|vino|venimos|voy|vamos"
        r"|fui|fue|fuimos|viens|vient|venons|venu[e]?|coming|came|come|going|go)"
        r"\s+(?:con|avec|with)",
        strong=False,
        lower="first name",
    ),
    # a family's or a couple's greeting, then who sends it: "buona giornata da gianna e
    # franco", "un abrazo de parte de", "love from Bev"
    Cue(
        r"(?:saluti|un\s+saluto|buona\s+(?:giornata|serata|domenica)|un\s+abbraccio|un\s+bacio"
        r"|baci|un\s+saludo|saludos|un\s+abrazo|besos|bisous|bises|amiti[ée]s|love|best\s+wishes"
        r"|greetings)\s+(?:da|de|from)",
        strong=False,
        lower="first name",
    ),
    # whom to tell: "ditelo anche a benedetta", "díselo a nerea", "dites-le à Maëlle", "tell Jo"
    Cue(
        r"(?:dit(?:e|elo|egli|ele|eglielo)|dill[oa]|digli|dille|avvisate|avvisa|informate"
        r"|dec[ií]d(?:le|selo)|d[íi](?:selo|le|gale|gaselo)|avisad|avisa|avisen"
        r"|dites(?:-le|-lui)?|pr[ée]venez|detto|dicho|dit)(?:[ \t]+(?:anche|tambi[ée]n|aussi))?"
        r"[ \t]+(?:a|à)|tell|told",
        strong=True,
    ),
    # a form typed on one line without colons: "nome filippo cognome castellucci data …"
    Cue(
        rf"(?:{_NAME_LABEL})(?=[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+){{0,2}}[ \t]+(?:{_NEXT_LABEL})\b)",
        strong=True,
    ),
    # a name next to the number it owns: "NIE Y4830217R Wilmer Quispe Huamán", "3389014527 Ada"
    Cue(r"(?:\+|00)?\d(?:[ .\-/]?\d){5,}[a-z]?|[a-z]{1,6}\d{5,}[a-z]?", strong=False),
    # what someone is called
    Cue(
        r"si\s+chiama(?:va)?|se\s+llama(?:ba)?|s['’]\s?appel(?:le|ait)|is\s+called|named"
        r"|(?:the\s+)?name(?:\s+on\s+(?:it|the\s+card|the\s+account|the\s+booking))?\s+is"
        r"|(?:le\s+)?nom\s+(?:est|c['’]est)|il\s+nome\s+[èe]|el\s+nombre\s+es"
        r"|(?<=['’]s\s)name|name['’]s",
        strong=True,
    ),
    # a closing, then the writer's name ("Saluti, Gabriella", "Un saludo, Paco")
    Cue(
        r"saluti|grazie(?:\s+(?:mille|tante|di\s+tutto))?|cordiali\s+saluti|(?:muchas\s+)?gracias"
        r"|saludos|un\s+saludo|besos|abrazos|merci(?:\s+beaucoup)?|cordialement|bisous"
        r"|(?:thanks|thank\s+you)(?:\s+(?:so|very)\s+much|\s+a\s+lot)?|many\s+thanks|cheers"
        r"|regards|best",
        strong=False,
    ),
    # who is writing, the verb before its subject ("os escribe montse riera", "vi scrive")
    Cue(
        r"(?:os|le|les|te)\s+(?:escribe|habla|saluda)|(?:vi|le|ti)\s+(?:scrive|parla|saluta)"
        r"|(?:vous|te)\s+(?:[ée]crit|parle)",
        strong=True,
    ),
    # a surname spelt out ("il cognome è Brambillasca", "se escribe Etxeberria")
    Cue(
        r"(?:il\s+(?:mio\s+|suo\s+)?)?cognome,?\s+[èe]|el\s+apellido\s+es|(?:my\s+)?surname\s+is"
        r"|nom\s+de\s+famille\s+(?:est|c['’]est)|si\s+scrive|se\s+escribe|s['’][ée]crit"
        r"|is\s+spel(?:t|led)",
        strong=True,
    ),
    # the name on a doorbell or a letterbox
    Cue(
        r"campanello|citofono|sonnette|interphone|bo[îi]te\s+aux\s+lettres|timbre|portero"
        r"|buzon|buzón|doorbell|buzzer",
        strong=True,
    ),
    # a form label that names a name: "Nom d'usage :", "Maiden name:", "Cognome da nubile:"
    Cue(
        r"(?m:^)[ \t]*(?:[^\W\d_]+[ \t'’]+){0,2}(?:nom|name|nome|nombre|cognome|apellidos?"
        r"|surname|pr[ée]nom)(?:[ \t'’]+[^\W\d_]+){0,3}[ \t]*:",
        strong=True,
    ),
)

# Cues that come after the name: the writer ("Jacopo qui,", "Priya here") at the start of a
# message or line, or whose birth follows ("Benedetta Sgarbossa nata il 3 marzo 1991").
_NAME_BEFORE = re.compile(
    r"(?P<name>(?:[^\W\d_][\w'’\-.]*[ \t]+){1,4})"
    r"(?:(?i:qui|here|aqu[íi]|ici)(?=[ \t]*(?:[,.!:;\-—–]|$))"
    r"|(?i:nat[oa][ \t]+(?:il|a|nel)|nacid[oa][ \t]+(?:el|en)|n[ée]e?[ \t]+le|born(?:[ \t]+on)?)"
    r"[ \t]+(?=\d))"
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")

# Who the person is, after their name: "va gonzalo mi marido", "Marisa, la vicina",
# "that's Folasade Okereke, my sister", "Cosimo Brancaleone (mio papà)".
_KIN = (
    r"madre|padre|mamm[ai]|pap[àa]|figli[oa]|marito|moglie|sorella|fratello|nonn[oa]|zi[oa]"
    r"|cugin[oa]|suocer[oa]|cognat[oa]|nipote|compagn[oa]|fidanzat[oa]|vicin[oa]|badante"
    r"|mam[áa]|hij[oa]|marido|mujer|espos[oa]|herman[oa]|abuel[oa]|t[íi][oa]|prim[oa]"
    r"|suegr[oa]|cuñad[oa]|sobrin[oa]|niet[oa]|vecin[oa]|pareja|novi[oa]"
    r"|m[èe]re|p[èe]re|maman|fille|fils|mari|femme|s[œo]e?ur|fr[èe]re|grand-m[èe]re"
    r"|grand-p[èe]re|tante|oncle|cousine?|voisine?|compagnon"
    r"|mother|father|mum|mom|dad|daughter|son|husband|wife|sister|brother|nan|gran|grandma"
    r"|grandmother|grandad|grandfather|aunt|uncle|cousin|neighbou?r|partner|carer"
)
_OWNER_OR_ARTICLE = (
    r"mio|mia|suo|sua|nostr[oa]|il|la|lo|mi|su|tu|nuestr[oa]|el|ma|mon|sa|son|notre"
    r"|my|his|her|our|their|the"
)
_RELATION_AFTER = re.compile(
    rf"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+)"
    # said of the person: "(mi hija)", "conchi que es su mujer", "who is my sister"
    r"(?P<aside>(?i:che|que|qui|who)[ \t]+(?i:[èe]|e['’]|es|est|is)[ \t]+)?"
    rf"(?i:{_OWNER_OR_ARTICLE})[ \t]+(?i:{_KIN})(?![\w\-])"
)
# A determiner before a word makes it a noun: "los remedios mi abuela …" is no name.
_DETERMINER_BEFORE = re.compile(
    rf"(?<!\w)(?i:{_OWNER_OR_ARTICLE}|un|una|uno|los|las|gli|i|les|des|du|an?)[ \t]+$"
)
_BOOKED_FOR = re.compile(r"(?<!\w)(?i:per|x|para|pour|for)[ \t]+$")
_PLACE_PREPOSITION = re.compile(r"(?<!\w)(?i:a|da|in|en|desde|à|au|to|from|at)[ \t]+$")
_WORDS_BEFORE = re.compile(r"(?:[^\W\d_][\w'’\-]*[ \t]+){0,2}[^\W\d_][\w'’\-]*$")

# Words after which no name follows even if one is capitalised ("for Doctor", "per Dott.").
_NOT_NAME_LABELS = re.compile(
    r"(?i)(?:m[ée]dic|doct|dott|docteur|clinic|hospital|ospedal|h[ôo]pital|struttura|studio"
    r"|farmac|drug|m[ée]dicament|exam|esame|prestazion|file|user|utente|usuario|utilisateur"
    r"|company|azienda|entreprise|empresa|societ)"
)

_ANY_WORD = re.compile(r"[^\W\d_]+(?![\w'’\-])")
_PHRASE_END = re.compile(r"[ \t]*(?:$|[,.;!\n])")
# A voice note's fillers may come between the cue and the name ("chiamo per eh tarcisio"),
# and a Spanish courtesy title in lower case, left out of the name ("por doña angustias").
_FILLERS = r"(?:(?i:eh+m?|uh+m?|um+|euh|mmm?)[ \t]*,?[ \t]+)*(?:(?:don|doña|dña\.?)[ \t]+)?"
_GAP = re.compile(rf"(?:[ \t]*[:,]?[ \t]+|[ \t]*:[ \t]*){_FILLERS}")


class CuedNameRecognizer(NameRecognizer):
    """Recognize a person's name after a cue, when its words look like a name."""

    def __init__(self, supported_language: str = "en") -> None:
        self._cues = [(re.compile(rf"(?<![\w.])(?i:{cue.phrase})(?=[\s:,])"), cue) for cue in CUES]
        super().__init__(supported_language)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per name found right after a cue."""
        results: list[RecognizerResult] = []
        for pattern, cue in self._cues:
            strong, greets = cue.strong, cue.greets
            for match in pattern.finditer(text):
                if _NOT_NAME_LABELS.search(match.group()):
                    continue
                gap = _GAP.match(text, match.end())
                if gap is None:
                    continue
                words = self._words.words_at(
                    text, gap.end(), lowercase_ok=strong or bool(cue.lower), max_words=MAX_WORDS
                )
                while len(words) > 1 and self._everyday_lower(words[0].group()):
                    words = words[1:]  # "the patient is actually caspian reilly"
                if not strong and cue.lower:
                    words = self._lower_case_kept(words, cue.lower)
                if not words and (greets or strong):
                    words = self._first_name_that_is_a_word(text, gap.end(), expected=strong)
                    if words:
                        results.append(
                            finding(self, "PERSON", words[0].start(), words[0].end(), SCORE,
                                    "first name that is also a word, after a cue")
                        )  # fmt: skip
                        continue
                if self._words.is_name(
                    [w.group() for w in words], expected=strong or bool(cue.lower)
                ):
                    results.append(
                        finding(
                            self,
                            "PERSON",
                            words[0].start(),
                            name_end(text, words),
                            SCORE,
                            "name after a cue",
                        )
                    )
        return results + self._names_before_a_cue(text) + self._names_before_a_relation(text)

    def _lower_case_kept(
        self, words: list[re.Match[str]], lower: Literal["first name", "known or rare"]
    ) -> list[re.Match[str]]:
        """Return the words after a weak cue that may be a name, its lower-case ones checked.

        Capitalised words are left to :meth:`NameWords.is_name`. In lower case
        the first word must be a known first name that is no everyday word; with
        ``"known or rare"`` a known surname or a word no language uses will do,
        and the words after it too ("martinez lopez"), else the name ends there.
        """
        if not words or not words[0].group().islower():
            return words
        for count, word in enumerate(words):
            bare = word.group().rstrip(".")
            if fold(bare) in PARTICLES and count:
                continue
            known = self._words.is_known_first_name(bare) or (
                lower == "known or rare" and self._words.known_or_rare(bare)
            )
            if not known:
                kept = words[:count]
                while kept and fold(kept[-1].group()) in PARTICLES:
                    kept.pop()
                return kept
            if lower == "first name":
                lower = "known or rare"  # the surname after the first name
        return words

    def _names_before_a_relation(self, text: str) -> list[RecognizerResult]:
        """Return the names that their relation to the writer follows ("gonzalo mi marido")."""
        results: list[RecognizerResult] = []
        for relation in _RELATION_AFTER.finditer(text):
            end = relation.start()
            before = _WORDS_BEFORE.search(text, max(0, end - 60), end)
            if before is None:
                continue
            aside = "(" in relation.group() or relation.group("aside") is not None
            for word in re.finditer(r"\S+", before.group()):
                start = before.start() + word.start()
                words = self._words.words_at(text, start, lowercase_ok=True, max_words=3)
                if words and words[-1].end() == end and self._names_someone(words, aside=aside):
                    results.append(
                        finding(self, "PERSON", start, end, SCORE, "name before a relation")
                    )
                    break
            else:
                # "así que remedios mi cuñada": a first name that is also a word, no noun
                last = re.search(r"(?<![\w'’\-])[^\W\d_]+$", text[before.start() : end])
                start = end - len(last.group()) if last else end
                if (
                    last is not None
                    and last.group().islower()
                    and self._words.first_name_end(text, start) == end
                    and not _DETERMINER_BEFORE.search(text, max(0, start - 12), start)
                    and not _PLACE_PREPOSITION.search(text, max(0, start - 12), start)
                ):
                    results.append(
                        finding(self, "PERSON", start, end, SCORE, "name before a relation")
                    )
        return results

    def _names_someone(self, found: list[re.Match[str]], *, aside: bool = False) -> bool:
        """Tell whether words before a relation are a name: capitalised, or a known first name.

        In lower case only a known first name opens one ("va gonzalo mi marido");
        a rare word alone is as often a verb ("accompagno mia madre"). A relation
        in brackets ("izaskun (mi hija, 15 años)") or a name booked for ("per
        izaskun, mia figlia") is said of a person: any word reading like a name will do.
        """
        words = [word.group() for word in found]
        if _PLACE_PREPOSITION.search(self._text_before(found)):
            return False  # "… int 3 a Monza, mia mamma": a town
        if all(word[:1].isupper() for word in words):
            return all(self._words.evidence(word, expected=True) for word in words)
        if not all(word.islower() for word in words):
            return False
        if aside or _BOOKED_FOR.search(self._text_before(found)):
            return all(self._words.evidence(word, expected=True) for word in words)
        return self._words.is_known_first_name(words[0]) and all(
            self._words.evidence(word, expected=True) for word in words[1:]
        )

    def _everyday_lower(self, word: str) -> bool:
        """Tell whether a lower-case word is too common a word to open a name ("actually")."""
        if not word.islower() or fold(word) in PARTICLES:
            return False  # "cognome de angelis": a particle opens the surname
        if self._words.evidence(word, expected=False):
            return False
        return top_zipf(fold(word)) >= EVERYDAY_MIN_ZIPF

    @staticmethod
    def _text_before(found: list[re.Match[str]]) -> str:
        start = found[0].start()
        return found[0].string[max(0, start - 12) : start]

    def _names_before_a_cue(self, text: str) -> list[RecognizerResult]:
        """Return the names that a cue after them marks ("Jacopo qui,", "… nata il 3/4/91")."""
        results: list[RecognizerResult] = []
        for match in _NAME_BEFORE.finditer(text):
            cue_start = match.end("name")
            # the longest run of name words that ends right before the cue
            for word_start in (m.start() for m in re.finditer(r"\S+", match.group("name"))):
                start = match.start("name") + word_start
                at_birth = not text[cue_start:].lower().startswith(("qui", "here", "aqu", "ici"))
                if not at_birth and not _LINE_START.search(text, 0, start):
                    continue  # the writer names themselves at the start of a line
                words = self._words.words_at(text, start, lowercase_ok=False, max_words=MAX_WORDS)
                if not words or text[words[-1].end() : cue_start].strip():
                    continue
                if self._words.is_name([w.group() for w in words], expected=True):
                    results.append(
                        finding(self, "PERSON", start, name_end(text, words), SCORE,
                                "name before a cue")
                    )  # fmt: skip
                    break
        return results

    def _first_name_that_is_a_word(
        self, text: str, start: int, *, expected: bool = False
    ) -> list[re.Match[str]]:
        """Return a first name that is also a word ("Dolores", "rosa") where it names someone.

        After a greeting it must be capitalised and end the phrase ("aquí Dolores,");
        where a name is expected ("el peque es bruno", "le he dicho a rosa que …")
        any case will do.
        """
        words = self._words.words_at(text, start, lowercase_ok=True, max_words=1)
        if not words:
            any_word = _ANY_WORD.match(text, start)
            if not expected or any_word is None or not any_word.group().islower():
                return []
            words = [any_word]
        word = words[0].group()
        if fold(word) in CALENDAR_WORDS or len(word) < 3 or not self._words.is_first_name(word):
            return []
        if expected and (word.islower() or word[1:].islower()):
            return words
        if not (word[:1].isupper() and word[1:].islower()):
            return []
        return words if _PHRASE_END.match(text, words[0].end()) else []
