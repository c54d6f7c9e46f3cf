"""Wants-a-human guard: short spellings, asking to have a person, look-alikes, lazy patterns."""

from __future__ import annotations

import re

import pytest

from guardrails import GuardContext
from guardrails.wants_human import (
    LazyPatterns,
    WantsHumanGuard,
    compile_kind,
    compile_lexicon,
    scan,
    with_spellings,
)


@pytest.fixture(scope="module")
def guard() -> WantsHumanGuard:
    return WantsHumanGuard()


# (language, message, kind the reason must name)
HANDED_OVER = [
    # Roman "parlà co'" and "quarcuno", the fifth short form of "qualcuno"
    ("it", "voglio parlà co' quarcuno", "asked"),
    # "à r" for "à rien"
    ("fr", "il sert à r ce bot", "anger"),
    # the put-down first, then the bot
    ("fr", "c'est nul ce chat", "anger"),
    ("it", "inutile sto coso", "anger"),
    # asking to have a person: "posso avere" .. "un operatore"
    ("it", "posso avere un operatore?", "asked"),
    ("it", "scusate, si può avere una persona vera?", "asked"),
    ("fr", "est-ce qu'on peut avoir un être humain ?", "asked"),
    ("en", "could i have a real person please", "asked"),
    ("es", "¿puedo tener un operador?", "asked"),
    # "remboursez-moi" still demands the money back
    ("fr", "remboursez-moi, c'est inadmissible", "complaint"),
    # preferring a person, not trusting a machine
    ("it", "non mi fido di un programma, preferisco che mi segua una persona", "asked"),
    ("es", "no me fío de un robot, prefiero una persona", "asked"),
    # another way than the chat
    ("en", "is there a way to contact you that isn't this chat?", "asked"),
    ("fr", "il y a un moyen de vous parler sans passer par ce chat ?", "asked"),
    # colleagues and team members as callers, the caller named last
    ("en", "could one of your colleagues contact me please", "asked"),
    ("fr", "serait-il possible qu'un collaborateur me contacte ?", "asked"),
    ("es", "podría contactarme algún compañero vuestro?", "asked"),
    # discussing it with staff
    ("en", "i'd like to discuss this with a member of staff before paying", "asked"),
    # someone to take the case over
    ("es", "puede encargarse una persona de mi caso?", "asked"),
    ("en", "can a human take over please", "asked"),
    # "nulla" wherever a phrase says "niente"
    ("it", "non ci sto capendo più nulla e mi sto agitando", "distress"),
    # outrage at how one was treated
    ("en", "i'm outraged at how i was spoken to at the desk", "complaint"),
    ("es", "estoy indignadísima con el trato en la recepción", "complaint"),
    # explained already
    ("en", "i've explained this twice already, please read my messages", "repeated_failure"),
]

# (language, message): a person is mentioned, none is wanted now
PASSES = [
    # a callback for a waiting list, offered by the patient
    ("it", "posso lasciare il numero così mi richiamate quando si libera un posto?"),
    ("en", "can i leave my number so you call me when a slot frees up?"),
    ("fr", "je laisse mon numéro pour que vous me rappeliez quand une place se libère ?"),
    ("es", "os dejo mi número para que me llaméis cuando haya un hueco?"),
    # whom to ask about a topic
    ("en", "who can i speak to about company invoices? is there an email address?"),
    ("it", "con chi posso parlare per le fatture aziendali? c'è una mail?"),
    ("es", "con quién puedo hablar de facturas de empresa?"),
    # a doctor to look at a mole
    ("en", "ive got a mole i want someone to look at, how much is a dermatology appointment?"),
    # asking how a refund works
    ("fr", "j'ai payé 2 fois la même facture, vous me remboursez comment svp"),
    # "avere" without a person, "find me" a slot
    ("it", "posso avere un appuntamento sabato?"),
    ("en", "can i have a copy of my results?"),
    ("en", "can you find me a slot next week?"),
    ("es", "puedo tener la cita por la tarde?"),
    # thanking the receptionist
    ("en", "thanks, the receptionist was really helpful"),
    # a child's fear of the dentist: a question about preparing them
    ("en", "my son is scared of the dentist, any tips to prepare him?"),
    ("it", "mio figlio ha paura del dentista, avete qualche consiglio per prepararlo?"),
    # being contacted by e-mail, not called
    ("en", "could i be contacted by email rather than phone for reminders?"),
    ("it", "potrei essere contattata via mail invece che per telefono per i promemoria?"),
    # another way to pay, not another way to talk
    ("en", "is there a way to pay that isn't by card?"),
    ("fr", "il y a un moyen de payer sans passer par l'accueil ?"),
]


@pytest.mark.parametrize(("language", "text", "kind"), HANDED_OVER)
def test_handed_over(guard: WantsHumanGuard, language: str, text: str, kind: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert not verdict.allowed
    assert verdict.reason == f"wants human: {kind}"


@pytest.mark.parametrize(("language", "text"), PASSES)
def test_passes(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, verdict.reason


def test_every_short_form_of_a_word_counts() -> None:
    # five short forms of one word: each gives a phrase, though combinations are capped
    data = {
        "spellings": {"qualcuno": ["a1", "a2", "a3", "a4", "a5"], "con": ["cn"]},
        "lists": {"l": {"it": ["parlare con qualcuno"]}},
    }
    phrases = with_spellings("test", data)["lists"]["l"]["it"]
    for short in ("a1", "a2", "a3", "a4", "a5"):
        assert f"parlare con {short}" in phrases
    assert "parlare cn qualcuno" in phrases
    assert phrases[0] == "parlare con qualcuno"


def test_per_language_patterns_wait_until_read() -> None:
    compiled: list[str] = []

    def part() -> str:
        compiled.append("it")
        return "ciao"

    lazy = LazyPatterns({"it": [part, lambda: "salve"]})
    assert compiled == []  # nothing compiled yet
    assert set(lazy) == {"it"} and len(lazy) == 1
    assert lazy.get("fr") is None
    assert lazy["it"].fullmatch("salve")
    assert lazy["it"] is lazy["it"]  # compiled once
    assert compiled == ["it"]


def test_risk_still_depends_on_the_language(guard: WantsHumanGuard) -> None:
    # read through the lazy patterns: a phrase of another language costs a little risk
    french = guard.check("passez-moi un conseiller", GuardContext(language="fr"))
    spanish = guard.check("passez-moi un conseiller", GuardContext(language="es"))
    assert not french.allowed and not spanish.allowed
    assert spanish.risk < french.risk


def test_scan_prefers_a_phrase_to_a_pair_where_both_start() -> None:
    lists = {"verb": {"en": ["call"]}, "who": {"en": ["me back", "me"]}}
    raw = {"phrases": {"en": ["call me", "back"]}, "pairs": [{"first": "verb", "then": "who"}]}
    kind = compile_kind("test", "asked", raw, {}, lists)
    text = "pls call me back now, then call someone me back"
    assert kind.pairs is not None
    spans = [m.group() for m in scan(kind, text)]
    alternation = re.compile(rf"(?:{kind.pattern.pattern})|(?:{kind.pairs.pattern})")
    assert spans == [m.group() for m in alternation.finditer(text)]
    # "call me" is a phrase and the start of a pair: the phrase wins, "back" follows
    assert spans == ["call me", "back", "call someone me back"]


def test_scan_matches_the_alternation_on_the_real_lexicon() -> None:
    texts = [
        "ma c'è qualcuno? voglio parlare con una persona, mi può richiamare la segretaria",
        "sto coso è inutile, questa risposta non mi serve, ci sei o no",
        "passez-moi la secrétaire svp, ce chat est nul, j'ai peur",
        "can someone from the desk call me back, this stupid bot is useless",
        "quiero alguien de verdad, pásame con recepción, que desesperación de bot",
    ]
    for kind in compile_lexicon("wants_human"):
        if kind.pairs is None:
            continue
        alternation = re.compile(rf"(?:{kind.pattern.pattern})|(?:{kind.pairs.pattern})")
        for text in texts:
            folded = text.lower()
            found = [m.span() for m in scan(kind, folded)]
            assert found == [m.span() for m in alternation.finditer(folded)], (kind.name, text)
