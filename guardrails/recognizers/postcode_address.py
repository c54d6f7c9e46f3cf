"""Recognizer for an address found from its postcode back: "Rose Cottage, Mill Lane, NR21 0AX".

Many addresses have no street keyword and no house number: a farm or a house
name ("Hillside Farm", "The Old Forge", "Ferme de la Saulaie"), a rural place
("Le Bourg", "loc. Case Sparse 41", "Caserío Aldazabal, barrio Ibarra"), a
road and its kilometre ("SS 16 km 312"), often split over lines. What they
all end with is a postcode and its town ("58054 Scansano (GR)", "23250
Pontarion", "Pitlochry PH16 5JR", an Irish county and its Eircode: "Co.
Limerick V94 X2C4"). From there the address is read backwards,
part by part (parts end at a comma or a line break): a part is kept while it
looks like an address line (capitalised words, numbers and the small words of
place names), at most four parts, never across a colon or the end of a
sentence. A part that reads like a sentence ends the address, keeping only
what follows a care-of or place word in it ("spedite a c/o Studio Bellandi",
"sono sulla SS 16 km 312").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import CLOSINGS, EVERYDAY_WORDS, fold

_TOWN_WORD = r"(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]*(?:['’\-][^\W\d_]+)*"
_TOWN_LINK = r"(?:sur|sous|de|di|del|la|le|les|en|on|upon)"
_TOWN = rf"{_TOWN_WORD}(?:[ \t-]+{_TOWN_LINK}?[ \t-]*{_TOWN_WORD}){{0,2}}"
_PROVINCE = r"(?:[ \t]*\((?-i:[A-Z]{2})\))?"
_UK_POSTCODE = r"(?-i:[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2})\b"
# Australian states and US state codes before their four- or five-digit postcode.
_STATE_POSTCODE = r"(?-i:NSW|QLD|VIC|TAS|ACT|NT|SA|WA|[A-Z]{2})[ \t]+\d{4,5}(?:-\d{4})?(?![\d\w])"
# An Irish Eircode: a routing key and a unique identifier ("P31 X4K2", "D6W XY12").
_EIRCODE = r"(?-i:(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]?[0-9AC-FHKNPRTV-Y]{4})(?![\w])"
POSTCODE_END = re.compile(
    rf"(?<![\d+][ .\-])(?<![\d\w])\d{{5}}(?![\d\w])(?:[ \t]+|[ \t]*\n[ \t]*){_TOWN}{_PROVINCE}"
    rf"|(?<![\w])(?:{_TOWN}[ \t]+)?{_UK_POSTCODE}"
    rf"|(?<![\w])(?:{_TOWN}[ \t]+)?{_EIRCODE}"
    rf"|(?<![\w]){_TOWN}[ \t]+{_STATE_POSTCODE}"
)

# Small words of place names and address lines, kept in lower case too (Irish "na", "ar":
# "Cnoc na Gréine", "Baile ar Aghaidh").
ADDRESS_WORDS = frozenset(
    """
    de di del della dei degli delle da dal la le les lo il el los las du des d l y i e et
    do dos das
    of the and upon on sur sous en am an der van von
    na ar
    km n no nº n° bis ter bât bat bâtiment batiment esc escalier scala int interno piano
    apt appt app appartement étage etage porte rdc bajo piso puerta planta izq izda dcha
    dcho ático atico entresuelo portal bloque floor suite
    apt flat unit parcela lote barrio barriada caserío caserio lugar aldea paraje partida
    località localita loc frazione fraz contrada cda podere cascina borgo case sparse
    lieu-dit lieudit hameau ferme mas domaine résidence residence rés res cité cite
    route chemin allée allee rue avenue impasse place quai lotissement zone
    carretera ctra camino urbanización urbanizacion urb finca cortijo masía masia
    road lane farm cottage house hill close way drive street court manor barn lodge mill
    villa cascina masseria baita chalet moulin
    via viale strada piazza corso vicolo sp ss sr
    calle avenida plaza paseo travesía
    """.split()
)
# Where, inside a part that reads like a sentence, an address starts: at a care-of
# ("c/o Studio Bellandi"), after "presso"/"chez", or at a rural place word or a road
# with its kilometre ("loc. Case Sparse", "SS 16 km 312").
_CARE_OF = re.compile(r"(?i)(?<!\w)(?:c/o|care\s+of)(?!\w)")
_AFTER = re.compile(
    r"(?i)(?<!\w)(?:presso|chez|aux\s+bons\s+soins\s+de|is|at|in|to|a|à|au|en|es|sono|siamo"
    r"|estamos|vivimos|vivo|abito|habite|live|c['’]est|est"
    # the address named: "billing address The Old Forge, 3 Church Lane, …"
    r"|address|adresse|indirizzo|direcci[óo]n|domicilio)[ \t]+"
)
_PLACE = re.compile(
    r"(?i)(?<!\w)(?:loc\.|localit[àa]|frazione|fraz\.|contrada|c\.da|podere|cascina|lieu-dit"
    r"|hameau|r[ée]sidence|ferme|domaine|caser[íi]o|urbanizaci[óo]n|urb\.|finca|cortijo|mas[íi]a"
    r"|ctra\.|carretera)(?!\w)|(?<!\w)(?-i:S[SPR]|RN|N|D|A|M)[ \t]?\d+[ \t]+km\b"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?|\d+[a-zA-Z]?|[/&'’.-]")
_SENTENCE_STOP = re.compile(r"[:;!?]|(?<=[^\W\d_]{5})\.\s")
MAX_PARTS = 4
MAX_PART_LENGTH = 50
SCORE = 0.9


def _is_address_part(part: str) -> bool:
    """Tell whether one comma- or line-separated part reads like an address line."""
    stripped = part.strip()
    if not stripped or len(stripped) > MAX_PART_LENGTH or not re.search(r"[^\W\d_]", stripped):
        return False
    words: list[str] = []
    place_word = bool(re.search(r"\d", stripped))
    for word in _WORD.findall(stripped):
        if not word[0].isalpha():
            continue
        bare = word.rstrip(".")
        if fold(bare) in ADDRESS_WORDS or bare.casefold() in ADDRESS_WORDS:
            place_word = place_word or len(bare) > 3
            continue
        if not bare[0].isupper():
            return False
        words.append(fold(bare))
    # "Grazie Mille": capitalised, but only everyday words, no number and no place word
    return place_word or any(w not in EVERYDAY_WORDS for w in words)


def _shouted_sentence(part: str) -> bool:
    """Tell whether a part in capitals is a sentence that leads to the address.

    Capitals say nothing of names there: "I LIVE AT 6 CHURCH VIEW" is read as a sentence,
    and the address starts after its cue (see :func:`_start_in`).
    """
    return not any(char.islower() for char in part) and _AFTER.search(part) is not None


def _start_in(part_text: str) -> int | None:
    """Where, inside a sentence-like part, the address starts, or None."""
    candidates = [m.start() for m in _CARE_OF.finditer(part_text)]
    candidates += [m.end() for m in _AFTER.finditer(part_text)]
    candidates += [m.start() for m in _PLACE.finditer(part_text)]
    for start in sorted(candidates):
        rest = _CARE_OF.sub("", part_text[start:], count=1)
        if rest.strip() and _is_address_part(rest) and not _shouted_sentence(rest):
            link = _LINK.match(part_text, start)
            return start if link is None else link.end()  # "vivo en calle …": not "en"
    return None


_LINK = re.compile(r"(?i)(?:en|in|a|à|au|at|to)[ \t]+(?=\S)")


def address_before(text: str, end_start: int) -> int | None:
    """Return where the address ending in the postcode at ``end_start`` starts, or None."""
    window_start = max(0, end_start - 4 * MAX_PART_LENGTH)
    stops = [stop.end() for stop in _SENTENCE_STOP.finditer(text, window_start, end_start)]
    if stops:
        window_start = stops[-1]
    pieces = re.split(r"([,\n])", text[window_start:end_start])
    # pieces alternate text, separator; walk back over the text pieces
    offsets: list[tuple[int, int]] = []
    offset = window_start
    for piece in pieces:
        if piece not in (",", "\n"):
            offsets.append((offset, offset + len(piece)))
        offset += len(piece)
    start: int | None = None
    kept = 0
    for part_start, part_end in reversed(offsets):
        part = text[part_start:part_end]
        if not part.strip():
            if part_end == end_start:
                continue  # the space between the last part and the postcode
            if kept:
                continue
            return None
        if kept < MAX_PARTS and _is_address_part(part) and not _shouted_sentence(part):
            start = part_start + (len(part) - len(part.lstrip()))
            kept += 1
            continue
        inner = _start_in(part)
        if inner is not None:
            start = part_start + inner
            kept += 1
        break
    return start if kept else None


_TOWN_WORDS = re.compile(r"[^\W\d_]+")


def _without_closing(text: str, start: int, end: int) -> int:
    """Return ``end`` moved back before a closing read as the town's words.

    In capitals every word looks like a town's: "42000 SAINT-ETIENNE MERCI BEAUCOUP".
    """
    words = list(_TOWN_WORDS.finditer(text, start, end))
    for word in words[1:]:
        if fold(word.group()) in CLOSINGS:
            return len(text[: word.start()].rstrip(" \t-"))
    return end


class PostcodeAddressRecognizer(RuleRecognizer):
    """Recognize an address without a street keyword by reading back from its postcode."""

    ENTITIES = ("STREET_ADDRESS",)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one STREET_ADDRESS result per postcode that ends an address."""
        results: list[RecognizerResult] = []
        for match in POSTCODE_END.finditer(text):
            start = address_before(text, match.start())
            if start is None:
                continue
            end = _without_closing(text, match.start(), match.end())
            results.append(
                finding(
                    self,
                    "STREET_ADDRESS",
                    start,
                    end,
                    SCORE,
                    "address lines read back from a postcode",
                )
            )
        return results
