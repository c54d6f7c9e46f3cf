"""Decides what a (redacted) patient message is about, so the pipeline knows what to do."""

from __future__ import annotations

import enum

from agent.lexicon import STOPWORDS, concept_of
from agent.text import fold, words


class Intent(enum.StrEnum):
    """What a patient message asks for."""

    FAQ = "faq"
    BOOKING = "booking"
    RESULTS = "results"
    BILLING = "billing"
    GREETING = "greeting"
    THANKS = "thanks"
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    OTHER = "other"


GREETINGS = frozenset(
    "ciao buongiorno buonasera salve hello hi hey hiya morning evening bonjour bonsoir salut "
    "coucou hola buenas buenos dias tardes noches good".split()
)
THANKS = frozenset(
    "grazie mille thanks thank you thx merci beaucoup gracias muchas perfetto perfect parfait "
    "perfecto ok okay va bene vale daccordo".split()
)
# Whole-message keywords, as SMS and WhatsApp senders honour them ("STOP", "ARRET", "BASTA").
OPT_OUT_KEYWORDS = frozenset({"stop", "arret", "arreter", "basta", "baja", "unsubscribe"})
OPT_IN_KEYWORDS = frozenset({"start", "riprendi", "reprendre", "reanudar", "unstop"})
OPT_OUT_PHRASES = (
    "stop",
    "unsubscribe",
    "non scrivetemi piu",
    "non voglio piu messaggi",
    "cancellatemi",
    "ne m'ecrivez plus",
    "desinscri",
    "dejen de escribirme",
    "no me escriban mas",
    "darme de baja",
    "stop messages",
)

# Word prefixes, folded, checked in order: booking before billing ("disdire e pagare la penale").
TOPICS: dict[Intent, tuple[str, ...]] = {
    Intent.RESULTS: (
        "referto",
        "referti",
        "risultat",
        "esito",
        "result",
        "resultat",
        "compte rendu",
        "resultado",
        "informe",
    ),
    Intent.BOOKING: (
        "prenot",
        "appuntament",
        "disdi",
        "disdett",
        "spostar",
        "annull",
        "book",
        "appointment",
        "cancel",
        "reschedul",
        "rendez",
        "rdv",
        "annuler",
        "reserv",
        "cita",
        "cancelar",
        "anular",
    ),
    Intent.BILLING: (
        "pagar",
        "pagament",
        "pago",
        "costo",
        "costa",
        "prezz",
        "fattur",
        "ticket",
        "rimbors",
        "pay",
        "cost",
        "price",
        "invoice",
        "refund",
        "fee",
        "payer",
        "paiement",
        "prix",
        "tarif",
        "factur",
        "rembours",
        "precio",
        "cuesta",
        "reembols",
        "quanto",
        "combien",
        "cuanto",
    ),
}


class Router:
    """Keyword router over folded text; fast, explainable and language-agnostic."""

    def route(self, text: str) -> Intent:
        """Return the intent of a redacted patient message."""
        folded = fold(text).strip()
        tokens = words(text)
        if not tokens:
            return Intent.OTHER
        keyword = " ".join(tokens)
        if keyword in OPT_OUT_KEYWORDS:
            return Intent.OPT_OUT
        if keyword in OPT_IN_KEYWORDS:
            return Intent.OPT_IN
        if any(
            folded == phrase or (len(phrase) > 4 and phrase in folded) for phrase in OPT_OUT_PHRASES
        ):
            return Intent.OPT_OUT
        content = [t for t in tokens if t not in GREETINGS and t not in THANKS]
        small_talk = (
            len(content) <= 2
            and "?" not in text
            and not any(concept_of(t) for t in content)
            and all(t in STOPWORDS for t in content)
        )
        if not content or small_talk:
            if any(t in THANKS for t in tokens) and not any(t in GREETINGS for t in tokens[:1]):
                return Intent.THANKS
            return Intent.GREETING
        joined = " ".join(tokens)
        for intent, prefixes in TOPICS.items():
            for prefix in prefixes:
                if " " in prefix:
                    if prefix in joined:
                        return intent
                elif any(t.startswith(prefix) for t in tokens):
                    return intent
        return Intent.FAQ
