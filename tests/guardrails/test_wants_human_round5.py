"""Wants-a-human guard, fifth round: requests recognised by how they are built, lazy lists.

The messages below are development messages of the fifth round, written in
styles the earlier rounds lacked (a quick word with someone, colleagues who
could get in touch, the bot going round in circles or being of no help, irony
about yet another robot, refunds demanded, elderly formal letters, slang), with
their look-alikes. They stay here rather than in ``guardrails/examples/human.jsonl``
because the development split may hold at most two thirds of the guard's
messages (``tests/evals/test_guard_data.py``) and already does.

Three messages of the round are still missed by the lists and left to the
classifier or a later round: "la dottoressa mi ha trattata con sufficienza e
sono uscita in lacrime", "wesh y a personne qui bosse là ou quoi", "tio hay
alguien currando ahi o q".

The probe set ``evals/datasets/guards/human/probe.jsonl`` is only measured:
nothing here reads its messages except to check its shape.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evals.guard_data import LANGUAGES, LabelledMessage, load
from guardrails import GuardContext
from guardrails.lexicons import LexiconError, phrase_pattern
from guardrails.wants_human import (
    LazyVetoes,
    WantsHumanGuard,
    checked,
    compile_pairs,
    pair_sources,
    sources,
)

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "evals" / "datasets" / "guards" / "human" / "probe.jsonl"
PENDING = ROOT / "evals" / "datasets" / "guards" / "pending" / "human.jsonl"


@pytest.fixture(scope="module")
def guard() -> WantsHumanGuard:
    return WantsHumanGuard()


# (language, message): each must be handed over; grouped by the category it was written for
HANDED_OVER = [
    # anger
    ("it", "che perdita di tempo questa chat"),
    ("it", "boh sto bot nn ci capisce na mazza"),
    ("fr", "quelle perte de temps ce chat"),
    ("fr", "ce bot capte que dalle franchement"),
    ("en", "what a waste of time this chat is"),
    ("en", "this bot hasnt got a clue mate"),
    ("es", "qué pérdida de tiempo este chat"),
    ("es", "este bot no se entera de nada tío"),
    # complaint
    ("it", "ho aspettato due ore in sala d'attesa e nessuno si è scusato"),
    ("it", "il conto è sbagliato, voglio un rimborso"),
    ("it", "ancora nessuna risposta dopo 5 mail, inaccettabile"),
    ("fr", "j'ai attendu deux heures en salle d'attente sans un mot d'excuse"),
    ("fr", "la facture est fausse, je veux être remboursé"),
    ("fr", "toujours aucune réponse à mes 5 mails, c'est inacceptable"),
    ("fr", "le médecin m'a prise de haut, je suis sortie en pleurs"),
    ("en", "waited two hours in the waiting room and not one apology"),
    ("en", "the bill is wrong and i want a refund"),
    ("en", "still no reply after 5 emails, unacceptable"),
    ("en", "the doctor was so condescending i left in tears"),
    ("es", "esperé dos horas en la sala de espera y nadie me pidió perdón"),
    ("es", "la factura está mal, quiero que me devuelvan el dinero"),
    ("es", "sigo sin respuesta después de 5 correos, es inaceptable"),
    ("es", "la doctora me habló con desprecio y salí llorando"),
    # distress
    ("it", "sono terrorizzata per domani"),
    ("it", "sto andando nel panico, non so a chi rivolgermi"),
    (
        "it",
        "scusate ma mio figlio ha la febbre alta da tre giorni e sono agitatissima, "
        "qualcuno mi richiama?",
    ),
    ("fr", "je suis terrifiée pour demain"),
    ("fr", "je panique complètement, je sais pas à qui m'adresser"),
    (
        "fr",
        "ma fille a 40 de fièvre depuis hier et je suis morte d'inquiétude, "
        "quelqu'un peut me rappeler ?",
    ),
    ("en", "i'm terrified about tomorrow"),
    ("en", "i'm panicking, i don't know who to turn to"),
    (
        "en",
        "my son has had a high fever for three days and im worried sick, can someone call me back?",
    ),
    ("es", "estoy aterrada por lo de mañana"),
    ("es", "me está entrando el pánico, no sé a quién dirigirme"),
    (
        "es",
        "mi hijo lleva tres días con fiebre alta y estoy muy angustiada, alguien me puede llamar?",
    ),
    # explicit request
    ("it", "vorrei scambiare due parole con qualcuno dell'ufficio"),
    ("it", "qualche vostro collega può contattarmi nel pomeriggio?"),
    ("it", "con chi sto parlando? una persona o un programma?? ho bisogno di qualcuno vero"),
    ("it", "qualcuno me lo può spiegare per bene a telefono"),
    (
        "it",
        "gentile segreteria, sarei grata se una vostra addetta potesse telefonarmi in mattinata",
    ),
    ("it", "raga ma risponde qualcuno o devo venire lì di persona"),
    ("it", "guarda lascia perdere, fammi parlare con uno della reception"),
    ("fr", "j'aimerais échanger deux minutes avec quelqu'un du cabinet"),
    ("fr", "un de vos collègues pourrait me joindre cet après-midi ?"),
    ("fr", "je parle à qui là ? une machine ? il me faut une personne"),
    ("fr", "quelqu'un peut m'expliquer ça correctement par téléphone"),
    (
        "fr",
        "madame, monsieur, je vous saurais gré de bien vouloir "
        "me faire contacter par une secrétaire",
    ),
    ("fr", "bref laissez, passez-moi quelqu'un de l'accueil"),
    ("en", "i'd like a quick word with someone in the office"),
    ("en", "could one of your colleagues get in touch this afternoon?"),
    ("en", "who am i even talking to? a program? i need an actual person"),
    ("en", "can somebody explain this to me properly over the phone"),
    (
        "en",
        "dear sir or madam, i would be grateful if a member of your staff "
        "could telephone me in the morning",
    ),
    ("en", "yo is anybody actually working there or nah"),
    ("en", "look never mind, just put me through to someone at reception"),
    ("es", "me gustaría cruzar dos palabras con alguien de la oficina"),
    ("es", "algún compañero vuestro me puede contactar esta tarde?"),
    ("es", "con quién hablo? una máquina? necesito una persona de verdad"),
    ("es", "alguien me lo puede explicar bien por teléfono"),
    (
        "es",
        "estimados señores, les agradecería que una de sus secretarias me llamara por la mañana",
    ),
    ("es", "mira déjalo, pásame con alguien de recepción"),
    # repeated failure
    ("it", "lascia stare, non mi sei di nessun aiuto"),
    ("it", "giri in tondo e non concludi niente"),
    ("it", "mi arrendo"),
    ("it", "oh benissimo, un altro robot, proprio quello che mi serviva"),
    ("it", "sono stufa di scrivere sempre le stesse cose"),
    ("fr", "laissez tomber, vous ne m'aidez pas du tout"),
    ("fr", "vous tournez en rond"),
    ("fr", "j'abandonne"),
    ("fr", "ah génial, encore un robot, exactement ce qu'il me fallait"),
    ("fr", "j'en ai marre de répéter la même chose"),
    ("en", "forget it, you're no help at all"),
    ("en", "you're going round in circles"),
    ("en", "i give up"),
    ("en", "oh brilliant, another robot, just what i needed"),
    ("en", "i'm sick of typing the same thing over and over"),
    ("es", "déjalo, no me estás ayudando en nada"),
    ("es", "das vueltas y vueltas y no me dices nada"),
    ("es", "me rindo"),
    ("es", "ah estupendo, otro robot, justo lo que me hacía falta"),
    ("es", "estoy harta de repetir lo mismo"),
]

PASSED = [
    # bot question
    ("it", "sto parlando con un programma? ok, dove si parcheggia?"),
    ("fr", "je parle à un programme ? ok, on se gare où ?"),
    ("en", "am i talking to a program? ok, where do i park?"),
    ("es", "hablo con un programa? vale, dónde se aparca?"),
    # human word other sense
    ("it", "il pacchetto check-up è a persona o per coppia?"),
    ("fr", "le forfait bilan c'est par personne ou par couple ?"),
    ("en", "is the check-up package per person or per couple?"),
    ("es", "el paquete de chequeo es por persona o por pareja?"),
    # mentions person
    ("it", "mia mamma può chiamare lei per prenotare al posto mio?"),
    ("it", "bisogna portare un accompagnatore per la gastroscopia?"),
    ("it", "la dottoressa rossi riceve anche il sabato?"),
    ("it", "mi chiamerete voi per la conferma o arriva un sms?"),
    ("it", "posso venire con mia figlia che mi fa da interprete?"),
    ("it", "chi devo chiamare per disdire? il numero è quello sul sito?"),
    ("fr", "ma mère peut appeler pour prendre rdv à ma place ?"),
    ("fr", "faut-il venir avec un accompagnant pour la fibroscopie ?"),
    ("fr", "le docteur durand consulte aussi le samedi ?"),
    ("fr", "c'est vous qui appelez pour confirmer ou je reçois un sms ?"),
    ("fr", "je peux venir avec ma fille pour traduire ?"),
    ("fr", "qui dois-je appeler pour annuler ? c'est le numéro du site ?"),
    ("en", "can my mum ring up and book for me?"),
    ("en", "do i have to bring an escort for the endoscopy?"),
    ("en", "does dr evans see patients on saturdays?"),
    ("en", "will you ring me to confirm or do i get a text?"),
    ("en", "can i bring my daughter to translate for me?"),
    ("en", "who do i call to cancel? is it the number on the website?"),
    ("es", "mi madre puede llamar ella para pedir la cita por mí?"),
    ("es", "hay que ir con acompañante para la gastroscopia?"),
    ("es", "la doctora garcía pasa consulta los sábados?"),
    ("es", "me llamáis vosotros para confirmar o me llega un sms?"),
    ("es", "puedo ir con mi hija para que me traduzca?"),
    ("es", "a quién llamo para anular? es el número de la web?"),
    # mild impatience
    ("it", "quando potete, nessuna fretta: è pronta la fattura?"),
    ("it", "tranquilli, aspetto la vostra chiamata martedì come d'accordo"),
    ("fr", "quand vous pourrez, rien ne presse : la facture est prête ?"),
    ("fr", "pas de souci, j'attends votre appel mardi comme convenu"),
    ("en", "whenever you can, no hurry: is the invoice ready?"),
    ("en", "no worries, i'll wait for your call on tuesday as agreed"),
    ("es", "cuando podáis, no hay prisa: está lista la factura?"),
    ("es", "tranquilos, espero vuestra llamada el martes como quedamos"),
    # thanks
    ("it", "perfetto grazie, buona serata"),
    ("it", "ricevuto 👍"),
    ("it", "ok grazie sei stato utilissimo"),
    ("fr", "parfait merci, bonne soirée"),
    ("fr", "bien reçu 👍"),
    ("fr", "merci tu m'as bien aidé"),
    ("en", "perfect thank you, have a nice evening"),
    ("en", "got it 👍"),
    ("en", "thanks you've been really helpful"),
    ("es", "perfecto gracias, buenas noches"),
    ("es", "recibido 👍"),
    ("es", "gracias me has ayudado mucho"),
]


# Look-alikes of the new rules: each must pass
PASSED += [
    # praise is not "you are no help"
    ("en", "you are very helpful, thanks"),
    ("it", "grazie, sei stato di grande aiuto"),
    # a refund policy question is not a refund demanded
    ("en", "can i get a refund if i cancel?"),
    ("fr", "est-ce que la mutuelle va me rembourser ?"),
    # asking how a confirmation arrives: a call or a text
    ("en", "will you ring me to confirm or do i get a text?"),
    ("it", "mi chiamate voi per conferma o arriva un sms?"),
    # another car, not another bot
    ("it", "vengo con un'altra macchina, posso parcheggiare dentro?"),
]


@pytest.mark.parametrize(("language", "text"), HANDED_OVER)
def test_round5_requests_are_handed_over(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert not verdict.allowed, text
    assert verdict.reason.startswith("wants human: ")


@pytest.mark.parametrize(("language", "text"), PASSED)
def test_round5_look_alikes_pass(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, (text, verdict.reason)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a person noun by its stem ("secretarias"), then a wished call
        ("les agradecería que una de sus secretarias me llamara", "asked"),
        # a colleague, then getting in touch
        ("could one of your colleagues get in touch this afternoon?", "asked"),
        # yet another robot, said with irony
        ("ah estupendo, otro robot, justo lo que me hacía falta", "repeated_failure"),
        # the bot of no help
        ("vous ne m'aidez pas du tout", "repeated_failure"),
        # the bot that does not understand
        ("sto bot nn ci capisce na mazza", "anger"),
    ],
)
def test_round5_rules_name_their_kind(guard: WantsHumanGuard, text: str, kind: str) -> None:
    assert guard.check(text, GuardContext()).reason == f"wants human: {kind}"


def test_a_process_question_defuses_a_callback() -> None:
    # the same words asked as a wish stay a request
    guard = WantsHumanGuard()
    assert not guard.check("will you ring me back please", GuardContext()).allowed
    assert guard.check("will you ring me to confirm or do i get a text", GuardContext()).allowed


# ------------------------------------------------------------------- start-up work


def test_lists_compile_only_when_read() -> None:
    lists = {
        "polite": checked("polite", {"en": ["please", "pls"]}),
        "who": checked("who", {"en": ["someone"]}),
    }
    lazy = LazyVetoes(lists)
    assert "polite" in lazy and "nobody" not in lazy
    assert set(lazy) == {"polite", "who"} and len(lazy) == 2
    assert lazy._compiled == {}  # nothing compiled by membership or iteration
    pattern = lazy["polite"]
    assert pattern.search("ok pls") is not None
    assert lazy["polite"] is pattern and set(lazy._compiled) == {"polite"}


def test_a_malformed_list_still_fails_at_build() -> None:
    with pytest.raises(LexiconError, match="empty"):
        checked("lists.who", {"en": ["  "]})
    with pytest.raises(LexiconError, match="one of"):
        checked("lists.who", {"de": ["jemand"]})


def test_pair_sources_are_the_compiled_halves_sources() -> None:
    lists = {"verb": {"en": ["call me", "ring*"], "any": ["📞"]}, "who": {"en": ["someone"]}}
    halves = sources("verb", lists["verb"])
    assert halves["en"] == phrase_pattern(["call me", "ring*"]).pattern
    pairs = pair_sources("test", [{"first": "who", "then": "verb", "gap": 2}], lists)
    assert re.compile(pairs["en"]).search("someone pls call me")
    assert re.compile(pairs["en"]).search("someone ringing") is not None
    assert (
        compile_pairs("test", [{"first": "who", "then": "verb", "gap": 2}], lists)["en"].pattern
        == pairs["en"]
    )


# ---------------------------------------------------------------------- the probe set


def _probe() -> list[LabelledMessage]:
    lines = PROBE.read_text(encoding="utf-8").splitlines()
    return [LabelledMessage(**json.loads(line)) for line in lines if line.strip()]


def test_probe_set_is_balanced_and_well_formed() -> None:
    probe = _probe()
    assert len({m.id for m in probe}) == len(probe) == 160
    for language in LANGUAGES:
        mine = [m for m in probe if m.language == language]
        assert len(mine) == 40, language
        assert 15 <= sum(m.label for m in mine) <= 25, language
    for m in probe:
        assert re.fullmatch(rf"human-{m.language}-9\d\d", m.id), m.id
        assert m.family.startswith("probe_"), m.id
    categories = {m.category: m.label for m in probe}
    dev = load("human", "dev")
    assert set(categories) <= {m.category for m in dev}
    assert all(categories[m.category] == m.label for m in dev if m.category in categories)


def test_probe_set_is_apart_from_development_and_pending_messages() -> None:
    pending = [json.loads(line) for line in PENDING.read_text(encoding="utf-8").splitlines()]
    seen = {m.text.casefold() for m in load("human", "dev")} | {
        r["text"].casefold() for r in pending
    }
    seen |= {text.casefold() for _, text in HANDED_OVER + PASSED}
    assert not [m.text for m in _probe() if m.text.casefold() in seen]
    ids = {m.id for m in load("human", "dev")} | {r["id"] for r in pending}
    assert not {m.id for m in _probe()} & ids
