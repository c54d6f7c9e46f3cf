"""Recognizer for insurance policy and member numbers: the number after "polizza", "policy"..."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from guardrails.recognizers.base import ContextIdRecognizer, after_context

_SIGN = r"(?:n\.?\s?[°º]|n\.|num[ée]ro|no\.?|number)"

INSURERS = "|".join(
    (
        # Italian funds and insurers
        r"metasalute|fasi|fasdac|fondo\s+est|cassa\s+rbm|rbm|unisalute|previmedical|generali",
        r"poste\s+assicura|reale\s+mutua|intesa\s+sanpaolo\s+rbm|mba|campa|casagit",
        # French mutuelles and complémentaires
        r"mgen|harmonie(?:\s+mutuelle)?|malakoff(?:\s+humanis)?|ag2r(?:\s+la\s+mondiale)?",
        r"mutuelle\s+g[ée]n[ée]rale|mnt|mgefi|swisslife|alan|ociane|apicil|klesia",
        r"groupama|maaf|macif|matmut|pro\s?btp",
        # Spanish insurers and mutualities
        r"sanitas|adeslas|dkv|asisa|mapfre|cigna|muface|isfas|mugeju|caser|fiatc",
        r"aegon|imq|vivaz|divina\s+pastora",
        # Latin-American insurers, health funds and social security
        r"sura|eps\s+sura|colsanitas|compensar|coomeva|famisanar|nueva\s+eps|salud\s+total",
        r"fonasa|isapre|banm[ée]dica|consalud|colmena|osde|swiss\s+medical|imss|issste|gnp",
        r"essalud|r[íi]mac|pac[íi]fico\s+seguros",
        # English-speaking insurers and programmes
        r"bupa|axa(?:\s+ppp)?|aviva|vitality|wpa|simplyhealth|allianz|medicare|medicaid",
        r"tricare|aetna|humana|kaiser(?:\s+permanente)?|unitedhealthcare|uhc|anthem",
        r"blue\s+cross(?:\s+blue\s+shield)?|blue\s+shield|bcbs|oscar|ambetter|molina",
        # long-term-care insurers
        r"genworth|henner",
        # Travel insurers and assistance companies
        r"europ\s+assistance|mondial\s+assistance|allianz\s+(?:travel|assistance|partners)",
        r"axa\s+assistance|assist\s+card|intermundial|heymondo|chapka|world\s+nomads",
        r"cover-more|groupe\s+mutuel",
    )
)
"""Insurers, funds and mutuelles whose card or member number patients quote."""

_CARD_WORD = (
    r"(?:id|number|no|num|n\.?\s?[°º]?|card|tarjeta|tessera|carte|identifiant|contrat"
    r"|contrato|cliente|asegurado|afiliado|iscritto|iscritta|adh[ée]rent|socio)"
)

POLICY_CONTEXT = "|".join(
    (
        # an insurer's name, then up to four words, then what the number is:
        # "Blue Cross ID", "Sanitas, nº de tarjeta", "mi mutua es Asisa, tarjeta"
        rf"\b(?:{INSURERS})\b(?:[\s,]+[^\W\d_]+\.?){{0,4}}?[\s,]+{_CARD_WORD}\b\.?",
        rf"\b(?:{INSURERS})\s+{_CARD_WORD}\b\.?",
        r"\b(?:n\.?|numero|codice|tessera)\s+(?:di\s+)?iscritt[oa]",
        r"\b(?:recipient|beneficiary|enrollee|cardholder|medicare|medicaid)\s+(?:id|number|no)",
        rf"\btessera\s*{_SIGN}",
        r"\b(?:compl[ée]mentaire|mutuelle)(?:\s+sant[ée])?(?:\s+[^\W\d_]+){0,4},?\s+identifiant",
        # Italian
        r"\bpolizz[ae](?:\s+(?:assicurativa|sanitaria|salute))?",
        # "polizza integrativa n.", "póliza dental nº", "policy (dental) no.": a word or
        # two between the name and an explicit number sign
        rf"\b(?:polizz[ae]|p[óo]liza|policy|police)(?:\s+[^\W\d_]{{3,}}){{1,2}}\s*{_SIGN}",
        r"\b(?:numero|codice)\s+(?:di\s+|della\s+)?polizza",
        r"\b(?:numero|codice)\s+(?:di\s+)?(?:adesione|socio|iscrizione|assicurato)",
        r"\btessera\s+(?:assicurativa|socio)",
        r"\btessera\s+(?:del\s+)?fondo(?:\s+sanitario)?",
        r"\bfondo\s+sanitario",
        # French ("police" alone is the police: it needs a number sign)
        rf"\bpolice(?:\s+d['’]assurance)?\s*{_SIGN}",
        r"\bnum[ée]ro\s+de\s+(?:police|contrat)",
        r"\bnum[ée]ro\s+de\s+contrat(?:\s+[^\W\d_]+){1,3}\s*:",
        rf"\b(?:{_SIGN}\s*)?(?:d['’]\s*)?adh[ée]rent(?:\s+(?:mutuelle|mutuelle\s+sant[ée]))?",
        rf"\bmutuelle\s*{_SIGN}",
        # a Swiss insurer's insured number: "assuré LAMal …, n° d'assuré 102.447.388"
        rf"\b{_SIGN}\s*d['’]\s*assur[ée]e?",
        # English
        r"\b(?:insurance\s+)?policy(?:\s+(?:number|no|num|id))?",
        r"\b(?:member(?:ship)?|subscriber|insurance|insured|group)\s+(?:id|number|no|num)",
        # Spanish
        r"\bp[óo]liza",
        rf"\b(?:socio|afiliad[oa]|asegurad[oa])\s*{_SIGN}",
        r"\b(?:medicaid|medicare|tricare|bupa|axa|allianz|mutua|sanitas|adeslas)\s+(?:id|number|no)",
        r"\b(?:n[úu]mero|n\.?\s?[°º])\s+de\s+(?:p[óo]liza|afiliad[oa]|asegurad[oa]|socio)",
        r"\btarjeta\s+(?:de(?:l)?\s+)?(?:seguro|mutua|asegurad[oa])",
    )
)
"""Phrases that name an insurance policy or member number in the four languages."""


class InsurancePolicyRecognizer(ContextIdRecognizer):
    """Recognize an insurance policy or member number by the phrase that introduces it.

    Policy numbers differ by insurer ("AX-55812", "GHP-2231-889", "44 551 223",
    "XYZ123456"), so only the phrase before the number says what it is:
    "polizza n.", "numero polizza", "police n°", "numéro d'adhérent" (French
    mutuelles), "policy number", "member id", "póliza". The number must have
    at least 4 digits.

    Reference: none (insurer-specific identifiers).

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    ENTITY = "INSURANCE_POLICY"
    LANGUAGE = "en"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Policy number after its name", after_context(POLICY_CONTEXT), 0.5),
    ]
