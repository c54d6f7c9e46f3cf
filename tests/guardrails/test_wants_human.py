"""Wants-a-human guard: table tests, one commented row per case, in four languages."""

from __future__ import annotations

import time

import pytest

from guardrails import Guard, GuardContext
from guardrails.lexicons import LexiconError
from guardrails.wants_human import KINDS, WantsHumanGuard


@pytest.fixture(scope="module")
def guard() -> WantsHumanGuard:
    return WantsHumanGuard()


# (language, message, kind the reason must name)
WANTS_A_PERSON = [
    # --- the examples the guard is specified by ---
    ("it", "operatore", "asked"),
    ("it", "voglio parlare con una persona", "asked"),
    ("it", "passami qualcuno", "asked"),
    ("fr", "un humain svp", "asked"),
    ("fr", "je veux parler à quelqu'un", "asked"),
    ("en", "real person", "asked"),
    ("en", "agent please", "asked"),
    ("es", "hablar con alguien", "asked"),
    ("es", "con una persona de verdad", "asked"),
    ("it", "voglio fare un reclamo", "complaint"),
    ("fr", "c'est inadmissible", "complaint"),
    ("en", "this is ridiculous, third time", "complaint"),
    ("en", "you don't understand", "repeated_failure"),
    ("it", "non capisci niente", "repeated_failure"),
    ("es", "ya te lo dije", "repeated_failure"),
    # --- Italian ---
    # slang: "fammi parlà" and "uno vero"
    ("it", "ao ma c'è qualcuno lì?? fammi parlà con qualcuno", "asked"),
    # "basta col robot", a person wanted
    ("it", "basta con il bot, voglio una persona vera", "asked"),
    # bot frustration with an insult
    ("it", "sto bot è proprio inutile, non servi a niente", "anger"),
    # fear before surgery
    (
        "it",
        "sono terrorizzata per l'intervento di domani, non riesco a smettere di piangere",
        "distress",
    ),
    # a complaint told as a story
    (
        "it",
        "l'altra volta ho aspettato 3 ore e poi la visita è stata annullata senza avvisare",
        "complaint",
    ),
    # rude staff
    (
        "it",
        "la segretaria mi ha risposto in modo maleducato al telefono, è inaccettabile",
        "complaint",
    ),
    # call me back, no accents
    ("it", "mi potete richiamare per favore? preferisco parlare a voce", "asked"),
    # anger with swearing
    ("it", "ma che cazzo, è la terza volta che mi spostate l'appuntamento", "anger"),
    # repeated failure with a count
    ("it", "te l'ho già detto due volte, voglio disdire!!", "repeated_failure"),
    # --- French ---
    ("fr", "wesh y a quelqu'un de réel ?", "asked"),
    ("fr", "passe moi un humain stp", "asked"),
    ("fr", "ce robot sert à rien, tu sers à rien", "anger"),
    ("fr", "j'ai trop peur pour la biopsie de mon fils, je n'en dors plus", "distress"),
    ("fr", "on m'a annulé mon rdv sans me prévenir, c'est scandaleux", "complaint"),
    ("fr", "la secrétaire a été très impolie avec moi, je veux faire une réclamation", "complaint"),
    ("fr", "vous ne comprenez pas ce que je demande", "repeated_failure"),
    ("fr", "pouvez-vous me rappeler s'il vous plaît ?", "asked"),
    ("fr", "j'en ai marre de ce chat 😡", "anger"),
    # --- English ---
    ("en", "yo can i get a real human", "asked"),
    ("en", "need to speak to someone asap", "asked"),
    ("en", "this bot is useless", "anger"),
    ("en", "i'm terrified about the biopsy results, i can't stop shaking", "distress"),
    ("en", "i'm so anxious about tomorrow i haven't slept", "distress"),
    ("en", "last week i waited 3 hours and nobody told me anything, unacceptable", "complaint"),
    ("en", "your receptionist was so rude to me on the phone", "complaint"),
    ("en", "omg that's not what i asked", "repeated_failure"),
    ("en", "can someone call me back please", "asked"),
    # --- Spanish ---
    ("es", "oye pásame con alguien de la clínica", "asked"),
    ("es", "quiero hablar con una persona ya", "asked"),
    ("es", "eres un bot inútil", "anger"),
    ("es", "no me entiendes, quiero anular la cita", "repeated_failure"),
    ("es", "estoy muerta de miedo por la operación de mañana", "distress"),
    ("es", "me cancelaron la cita dos veces sin avisar, es una vergüenza", "complaint"),
    ("es", "estoy harta, llevo una semana esperando los resultados", "anger"),
    ("es", "me puede llamar alguien por favor?", "asked"),
    # --- formal letters, mixed languages, sarcasm, follow-ups ---
    ("it", "gradirei essere contattato da un vostro incaricato, grazie", "asked"),
    ("fr", "je vous serais reconnaissante de me faire téléphoner demain matin", "asked"),
    ("en", "could one of your staff telephone me this afternoon", "asked"),
    ("es", "les ruego que uno de sus empleados me llame cuando puedan", "asked"),
    ("it", "sorry, possible speak to someone? io non capisco bene", "asked"),
    ("fr", "besoin de quelqu'un de l'accueil, pas le bot", "asked"),
    ("en", "i ask about parking and you tell me the prices, brilliant", "repeated_failure"),
    ("es", "pregunto por la cita y me das el horario, muy bien", "repeated_failure"),
    ("fr", "je t'ai demandé s'il restait de la place jeudi", "repeated_failure"),
    ("it", "mi ha risposto in un modo che non si fa, voglio che lo sappia qualcuno", "complaint"),
    ("es", "me trataron fatal en recepción, no hay derecho", "complaint"),
    # --- availability as a question, a named role, results, billing ---
    ("it", "c'è qualcuno in questo momento che mi può rispondere?", "asked"),
    ("it", "posso parlare con l'infermiera di ieri? ho un dubbio sulla medicazione", "asked"),
    ("it", "mi avete fatto pagare il ticket due volte, non va bene", "complaint"),
    ("fr", "il y a quelqu'un au secrétariat en ce moment ?", "asked"),
    ("fr", "je peux avoir la standardiste ? c'est pour ma mutuelle", "asked"),
    ("fr", "vous pouvez me prendre au téléphone deux minutes ?", "asked"),
    ("en", "anybody there right now? need help with my booking", "asked"),
    ("en", "can i have a word with the nurse about my dressing", "asked"),
    ("en", "waiting on my biopsy for three weeks and i'm going to pieces", "distress"),
    ("en", "there's no point talking to you is there", "anger"),
    ("es", "alguien me puede atender ahora mismo? es urgente lo de la factura", "asked"),
    ("es", "quiero hablar con la enfermera que me sacó sangre", "asked"),
    ("es", "me habéis cobrado la ecografía dos veces, esto es un robo", "complaint"),
]

# People mentioned, thanks, patience, curiosity about the bot: they must pass.
JUST_MENTIONS_PEOPLE = [
    # --- the examples the guard is specified by ---
    ("en", "can I bring a person with me?"),
    ("en", "is the doctor a woman?"),
    ("en", "do you do human papillomavirus tests?"),
    ("en", "who is the cardiologist?"),
    ("en", "thanks, that's all"),
    ("en", "ok whatever"),
    # --- Italian ---
    ("it", "mia sorella può accompagnarmi alla colonscopia?"),
    ("it", "chi è l'ortopedico del martedì?"),
    ("it", "ok perfetto, ci vediamo lunedì"),
    ("it", "va bene aspetto, nessuna fretta"),
    ("it", "il prezzo del pacchetto è a persona?"),
    ("it", "ma sei un bot? comunque a che ora aprite sabato?"),
    ("it", "fate il vaccino contro il papilloma virus umano?"),
    ("it", "non ho paura degli aghi, posso fare il prelievo senza sdraiarmi?"),
    # --- French ---
    ("fr", "mon fils peut venir avec moi ?"),
    ("fr", "c'est quel médecin le mardi ?"),
    ("fr", "d'accord j'attends, merci"),
    ("fr", "vous êtes un robot ? bon, vous ouvrez à quelle heure ?"),
    ("fr", "le tarif c'est par personne ?"),
    ("fr", "vous faites le vaccin contre le papillomavirus humain ?"),
    ("fr", "pas de souci, je rappellerai demain"),
    # --- English ---
    ("en", "can my carer come in with me?"),
    ("en", "who's the physio on fridays?"),
    ("en", "great, see you monday"),
    ("en", "no rush, still waiting on the letter but whenever"),
    ("en", "are you a bot? anyway what time do you close?"),
    ("en", "i'm afraid i can't make thursday, can we do friday?"),
    ("en", "where do i send my cv for human resources?"),
    ("en", "do you have staff who speak polish?"),
    # --- Spanish ---
    ("es", "puede entrar mi madre conmigo?"),
    ("es", "quién es la ginecóloga de los jueves?"),
    ("es", "vale, gracias, hasta luego"),
    ("es", "eres un robot? bueno, a qué hora abrís?"),
    ("es", "el precio es por persona?"),
    ("es", "tenéis a alguien que hable inglés en recepción?"),
    ("es", "hacéis la prueba del virus del papiloma humano?"),
    # look-alikes of the phrases for letters, mixed languages and sarcasm
    ("en", "i asked if i could bring my husband and they said yes, what time should we come?"),
    ("en", "is it possible to speak english at the front desk? my mum only speaks english"),
    ("fr", "je vous ai demandé si je pouvais venir avec ma fille, c'est ok finalement ?"),
    ("en", "the lift is out of order, is there another entrance?"),
    ("it", "vorrei segnalare un cambio di indirizzo"),
    # the same roles and places, asked about rather than asked for
    ("it", "c'è qualcuno in segreteria il sabato pomeriggio?"),
    ("it", "l'infermiera mi ha detto di tenere il cerotto fino a stasera, posso fare la doccia?"),
    ("fr", "il y a quelqu'un au secrétariat le mercredi après-midi ?"),
    ("fr", "la standardiste m'a donné rendez-vous à 9h, je dois venir un peu avant ?"),
    ("en", "is someone at the front desk on bank holidays?"),
    ("en", "the nurse told me to drink water before the scan, how much?"),
    ("es", "hay alguien en recepción los domingos?"),
    ("es", "la enfermera me dijo que trajera el volante, hace falta el dni también?"),
    ("es", "la factura de la ecografía me la podéis mandar por correo? sin prisa"),
]


@pytest.mark.parametrize(("language", "text", "kind"), WANTS_A_PERSON)
def test_wanting_a_person_is_handed_over(
    guard: WantsHumanGuard, language: str, text: str, kind: str
) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert not verdict.allowed
    assert verdict.reason == f"wants human: {kind}"
    assert 0.5 <= verdict.risk <= 1
    assert verdict.text == text


@pytest.mark.parametrize(("language", "text"), JUST_MENTIONS_PEOPLE)
def test_mentioning_people_passes(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, verdict.reason
    assert verdict.risk == 0


def test_it_is_a_guard(guard: WantsHumanGuard) -> None:
    assert isinstance(guard, Guard)
    assert guard.name == "wants_human"


def test_distress_outranks_a_plain_request(guard: WantsHumanGuard) -> None:
    # both kinds are present; the queue should see the distress
    verdict = guard.check("ho paura, passatemi un operatore", GuardContext(language="it"))
    assert verdict.reason == "wants human: distress"
    assert {f.type for f in verdict.findings} == {"distress", "asked"}


def test_other_sense_only_hides_the_words_it_covers(guard: WantsHumanGuard) -> None:
    # "human" in "human papilloma" does not count, "talk to a human" still does
    verdict = guard.check("hpv = human papilloma? i want to talk to a human", GuardContext())
    assert verdict.reason == "wants human: asked"


def test_language_is_only_a_hint(guard: WantsHumanGuard) -> None:
    italian = guard.check("voglio un operatore", GuardContext(language="it"))
    english = guard.check("voglio un operatore", GuardContext(language="en"))
    assert not italian.allowed and not english.allowed
    assert english.risk < italian.risk


def test_shouting_and_missing_accents(guard: WantsHumanGuard) -> None:
    verdict = guard.check("QUIERO HABLAR CON UNA PERSONA YA!!!", GuardContext(language="es"))
    assert verdict.reason == "wants human: asked"


def test_findings_point_into_the_original_text(guard: WantsHumanGuard) -> None:
    text = "Grüße, straße… je veux parler à un conseiller"
    verdict = guard.check(text, GuardContext(language="fr"))
    assert not verdict.allowed
    assert any("conseiller" in text[f.start : f.end] for f in verdict.findings)


def test_placeholders_are_not_words(guard: WantsHumanGuard) -> None:
    verdict = guard.check("sono <PERSON_1>, chiamate <PHONE_NUMBER_1>", GuardContext())
    assert verdict.allowed


@pytest.mark.parametrize(
    "text",
    ["", "  \n ", "🙂" * 200, "b" * 4096, "!" * 4096, "ok grazie " * 400, "\x00\u202e\ufeff"],
)
def test_odd_input_never_raises(guard: WantsHumanGuard, text: str) -> None:
    verdict = guard.check(text, GuardContext(language="xx"))
    assert verdict.guard == "wants_human"
    assert verdict.text == text


def test_long_message_with_the_request_at_the_end(guard: WantsHumanGuard) -> None:
    text = "buongiorno " * 350 + "operatore per favore"
    assert len(text) <= 4096
    assert not guard.check(text, GuardContext(language="it")).allowed


def test_fails_closed_when_checking_breaks() -> None:
    class Broken(WantsHumanGuard):
        def _check(self, text: str, context: GuardContext) -> object:  # type: ignore[override]
            raise RuntimeError("boom")

    verdict = Broken().check("ciao", GuardContext())
    assert not verdict.allowed
    assert verdict.risk == 1
    assert verdict.reason == "wants human: could not decide"


def test_not_a_string_fails_closed(guard: WantsHumanGuard) -> None:
    verdict = guard.check(None, GuardContext())  # type: ignore[arg-type]
    assert not verdict.allowed
    assert verdict.text == ""


def test_fast_enough(guard: WantsHumanGuard) -> None:
    messages = [text for _, text, _ in WANTS_A_PERSON] + [text for _, text in JUST_MENTIONS_PEOPLE]
    runs = []
    for _ in range(3):  # best of three: the machine may be busy with something else
        start = time.perf_counter()
        for text in messages:
            guard.check(text, GuardContext(language="en"))
        runs.append((time.perf_counter() - start) / len(messages) * 1000)
    assert min(runs) < 3


def test_missing_lexicon_raises_at_construction() -> None:
    with pytest.raises(LexiconError):
        WantsHumanGuard(lexicon="no_such_lexicon")


def test_every_kind_can_be_reported(guard: WantsHumanGuard) -> None:
    reported = {kind for _, _, kind in WANTS_A_PERSON}
    assert reported == set(KINDS)
