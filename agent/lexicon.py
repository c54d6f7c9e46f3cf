"""A small cross-language lexicon of front-desk concepts (Italian, French, English, Spanish).

Patients ask in one language about documents written in another. Mapping
words to shared concepts lets the extractive composer pick the sentence that
answers a French question from an Italian document, and tells it when a
passage shares no concept with the question at all. Entries are word
prefixes, folded (lowercase, no accents).
"""

from __future__ import annotations

from agent.text import words

CONCEPTS: dict[str, tuple[str, ...]] = {
    "monday": ("luned", "lundi", "monday", "lunes", "mon"),
    "tuesday": ("marted", "mardi", "tuesday", "martes", "tue"),
    "wednesday": ("mercoled", "mercredi", "wednesday", "miercoles", "wed"),
    "thursday": ("gioved", "jeudi", "thursday", "jueves", "thu"),
    "friday": ("venerd", "vendredi", "friday", "viernes", "fri"),
    "saturday": ("sabat", "samedi", "saturday", "sabado", "sat"),
    "sunday": ("domenic", "dimanche", "sunday", "domingo", "sun"),
    "holiday": ("festiv", "ferie", "feri", "holiday", "vacan", "jour ferie", "festivo"),
    "weekday": ("feriali", "weekday", "semaine", "laborable"),
    "open": ("apert", "apri", "aprite", "open", "ouver", "ouvr", "abiert", "abre", "abren"),
    "close": ("chius", "chiud", "close", "ferm", "cerrad", "cierr"),
    "hours": (
        "orari",
        "orario",
        "ora",
        "ore",
        "hour",
        "time",
        "heure",
        "horaire",
        "hora",
        "horario",
    ),
    "address": (
        "indirizz",
        "via",
        "sede",
        "sedi",
        "address",
        "location",
        "adresse",
        "direccion",
        "situ",
        "dove",
        "where",
        "ou",
        "donde",
    ),
    "transport": (
        "metro",
        "metropolitan",
        "bus",
        "tram",
        "autobus",
        "treno",
        "train",
        "stazion",
        "station",
        "estacion",
    ),
    "parking": ("parchegg", "parking", "stationn", "aparcamiento", "aparcar", "garage"),
    "access": (
        "accessib",
        "disabil",
        "carrozzin",
        "wheelchair",
        "ascensor",
        "elevator",
        "lift",
        "fauteuil",
        "silla de ruedas",
        "handicap",
    ),
    "fasting": (
        "digiun",
        "fast",
        "jeun",
        "ayun",
        "mangiar",
        "eat",
        "manger",
        "comer",
        "bere",
        "drink",
        "boire",
        "beber",
        "acqua",
        "water",
        "eau",
        "agua",
    ),
    "blood": (
        "sangue",
        "prelievo",
        "prelievi",
        "blood",
        "sang",
        "prise de sang",
        "sangre",
        "analisi",
        "analys",
        "analis",
    ),
    "urine": ("urin", "orina"),
    "mri": ("risonanz", "mri", "irm", "resonancia", "rm"),
    "ultrasound": ("ecograf", "ultrasound", "echograph", "scan"),
    "colonoscopy": ("colonscop", "colonoscop", "coloscop"),
    "xray": ("radiograf", "raggi", "x ray", "xray", "radio", "rayos"),
    "metal": ("metall", "metal"),
    "pacemaker": ("pacemaker", "stimulat", "marcapaso"),
    "bring": (
        "portar",
        "porto",
        "bring",
        "apporter",
        "amener",
        "traer",
        "llevar",
        "documento",
        "document",
        "carta",
        "card",
        "carte",
        "tarjeta",
        "tessera",
        "identita",
        "identity",
        "identite",
        "identidad",
    ),
    "prescription": ("impegnativ", "ricett", "prescri", "ordonnance", "receta", "referral"),
    "early": ("anticip", "prima", "early", "avance", "antes", "minut"),
    "book": (
        "prenot",
        "appuntament",
        "book",
        "appointment",
        "rendez",
        "rdv",
        "reserv",
        "cita",
        "prendre",
    ),
    "cancel": (
        "disdett",
        "disdir",
        "annull",
        "cancel",
        "annul",
        "anular",
        "spost",
        "resched",
        "deplac",
        "cambiar",
        "modific",
    ),
    "phone": ("telefon", "phone", "call", "chiamar", "appel", "llamar", "numero", "number"),
    "online": (
        "online",
        "portal",
        "internet",
        "web",
        "sito",
        "site",
        "app",
        "en ligne",
        "credenzial",
        "password",
        "login",
        "mot de passe",
        "contrasena",
    ),
    "pay": ("pag", "pay", "paie", "paye", "payer", "abon"),
    "price": (
        "prezz",
        "cost",
        "price",
        "prix",
        "tarif",
        "precio",
        "cuest",
        "quanto",
        "combien",
        "cuanto",
        "euro",
        "eur",
    ),
    "card": (
        "bancomat",
        "carta di credito",
        "credit",
        "debit",
        "carte bancaire",
        "tarjeta",
        "pos",
        "contactless",
    ),
    "cash": ("contant", "cash", "espece", "efectivo", "liquide"),
    "transfer": ("bonific", "transfer", "virement", "transferencia"),
    "cheque": ("assegn", "cheque", "check"),
    "invoice": ("fattur", "invoice", "factur", "ricevut", "receipt", "recu", "recibo"),
    "refund": ("rimbors", "refund", "rembours", "reembols", "devol"),
    "fee": ("penal", "fee", "frais", "tassa", "multa", "penaliz", "supplement"),
    "copay": (
        "ticket",
        "copay",
        "ssn",
        "servizio sanitario",
        "nhs",
        "securite sociale",
        "mutuelle",
        "seguridad social",
    ),
    "insurance": ("assicuraz", "insur", "assuran", "seguro", "polizz"),
    "results": (
        "referto",
        "referti",
        "risultat",
        "esit",
        "result",
        "report",
        "resultat",
        "compte rendu",
        "resultado",
        "informe",
    ),
    "days": (
        "giorn",
        "day",
        "jour",
        "dia",
        "settiman",
        "week",
        "semaine",
        "semana",
        "lavorativ",
        "working",
        "ouvrable",
        "habil",
    ),
    "delegate": (
        "deleg",
        "proxy",
        "procuration",
        "autoriz",
        "autoris",
        "someone else",
        "qualcun",
        "quelqu",
        "alguien",
        "familiar",
        "parente",
    ),
    "paper": ("cartace", "paper", "papier", "papel", "stampat", "print", "copia", "copy", "copie"),
    "histology": ("istolog", "histolog", "biops"),
    "language": (
        "lingu",
        "language",
        "langue",
        "idioma",
        "ingles",
        "english",
        "anglais",
        "inglese",
        "francese",
        "french",
        "francais",
        "frances",
        "spagnol",
        "spanish",
        "espagnol",
        "espanol",
        "parla",
        "speak",
        "parle",
        "habla",
    ),
    "interpreter": ("interpret", "tradutt", "translat", "traduct", "interprete"),
    "foreign": (
        "stranier",
        "foreign",
        "etranger",
        "extranjer",
        "internaz",
        "international",
        "internacional",
        "turist",
        "tourist",
        "touriste",
    ),
    "ehic": (
        "team",
        "ehic",
        "tessera europea",
        "carte europeenne",
        "tarjeta sanitaria europea",
        "european health",
    ),
    "private": ("privat", "private", "prive", "privad", "solvent"),
    "visit": ("visit", "consult", "consulta", "medico", "doctor", "docteur", "specialist"),
    "child": ("bambin", "child", "enfant", "nino", "pediatr", "figli", "kid"),
    "wait": ("attes", "wait", "attente", "espera", "coda", "queue", "fila"),
    "email": ("email", "mail", "posta", "correo", "courriel"),
}

# Words patients use that carry no concept but would otherwise look like content.
STOPWORDS = frozenset(
    """
    a ai al alla alle allo agli anche che chi ci come con da dal dalla dei del della delle di e ed
    gli ha hanno ho i il in io la le li lo ma mi mio mia ne nel nella no non o per piu po puo qual
    quale quali quando se si sia sono su sul sulla ti tu un una uno vi voi vostro vostra devo posso
    potete avete fate siete essere fare the an and are as at be by can could do does for from
    have how i if is it me my of on or our please should so that this to we what when which will
    with would you your de des du et est il ils je la le les leur mais mes mon ne nous on ou par
    pas pour qu que qui sa se ses son sur ta te tes ton tu un une vos votre vous y el ella ellos en
    es esta estan hay la las lo los me mi mis muy nos o para pero por que se si sin su sus te tu
    tus un una unos uds usted ustedes vosotros yo buongiorno salve ciao hello hi bonjour hola
    grazie thanks merci gracias
    """.split()
)

_PREFIXES: list[tuple[str, str]] = sorted(
    ((prefix, concept) for concept, prefixes in CONCEPTS.items() for prefix in prefixes),
    key=lambda item: -len(item[0]),
)


def _concept_of(word: str) -> str | None:
    for prefix, concept in _PREFIXES:
        if " " in prefix:
            continue
        if word == prefix or (len(prefix) >= 4 and word.startswith(prefix)):
            return concept
    return None


def concepts(text: str) -> set[str]:
    """Return the concepts and content words of ``text``.

    Known words map to their concept (``sabato`` → ``saturday``); numbers and
    times are kept as they are (``8:00``); other words of four letters or
    more are kept folded, so same-language overlap still counts.
    """
    tokens = words(text)
    folded = " ".join(tokens)
    found: set[str] = set()
    for concept, prefixes in CONCEPTS.items():
        if any(" " in p and p in folded for p in prefixes):
            found.add(concept)
    for token in tokens:
        if token in STOPWORDS:
            continue
        concept = _concept_of(token)
        if concept is not None:
            found.add(concept)
        elif token[0].isdigit() or len(token) >= 4:
            found.add(token)
    return found
