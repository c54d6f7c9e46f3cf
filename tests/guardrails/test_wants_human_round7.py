"""Wants-a-human guard, seventh round: fragments, buried and indirect requests, roles, call times.

The messages checked below are development messages of the seventh round,
read from ``guardrails/examples/human.jsonl`` (families ``dev7_*``): very
short fragments ("parler qqn", "hablar alguien"), a request buried in a long
message about something else, indirect ways of asking ("easier to explain out
loud than to type", "un vrai échange avec qqn"), a named role ("la caposala",
"l'infirmière coordinatrice"), a call asked for at a time ("un toque sobre las
2 y media"), voice-note run-ons, being passed from one desk to another, fear
before an exam, sarcasm about another bot, mixed languages; with look-alikes
(who the doctor is, companions, a language spoken at the desk, whether the
clinic calls to confirm, the lab's number, goodbyes, "no hurry"). Before
anything was changed for them, the phrase lists caught 42 of the 60 requests
and passed all 40 look-alikes.

The rules added are building blocks rather than sentences: a word with a
doctor, word passed on to the staff, a matter settled with the staff, a person
in charge asked for by role, a short call with a time, talking it over on the
phone, being sent from one desk and back again; and a phrase that an
``overlaps`` list covers no longer hides what follows it ("someone who speaks
spanish" … "spanish call me").
"""

from __future__ import annotations

import pytest

from guardrails import GuardContext
from guardrails.wants_human import WantsHumanGuard


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        # a word with a doctor: "due parole con" .. "il medico"
        ("it", "riesco a fare due chiacchiere con il medico prima dell'intervento?", "asked"),
        ("en", "just a brief word with the surgeon tomorrow pls", "asked"),
        ("fr", "je voudrais échanger deux mots avec le médecin", "asked"),
        ("es", "puedo cruzar dos palabras con la doctora antes?", "asked"),
        # word passed on to the staff: "riferite alla" .. "segreteria"
        ("it", "riferite alla segreteria che aspetto notizie", "asked"),
        ("es", "avisad a recepción que estoy esperando", "asked"),
        ("en", "tell the ward manager I'm waiting for her call", "asked"),
        # a matter settled with the staff: "régler ça directement avec" .. "le secrétariat"
        ("fr", "je préfère régler ça directement avec le secrétariat", "asked"),
        ("en", "I'd like to take this up with the billing department", "asked"),
        ("es", "quiero aclararlo directamente con administración", "asked"),
        # a person in charge asked for by role
        ("fr", "est-ce que je peux avoir la cadre de santé ?", "asked"),
        ("es", "necesito la supervisora de turno", "asked"),
        ("en", "can I have the charge nurse please", "asked"),
        # a short call with a time: "un telefonazo" .. "a eso de"
        ("es", "un telefonazo a eso de las 6?", "asked"),
        ("it", "uno squillo verso le 5?", "asked"),
        ("en", "a quick ring around 4 would be great", "asked"),
        ("fr", "un petit coup de fil vers 17h ?", "asked"),
        # talking it over on the phone
        ("fr", "on peut en discuter au téléphone ?", "asked"),
        ("en", "can we go over it on the phone instead", "asked"),
        ("it", "possiamo parlarne al telefono?", "asked"),
        # read on after a covering phrase: the language asked for, then the call
        ("it", "qualcuno che parla rumeno mi telefoni stasera", "asked"),
        ("fr", "quelqu'un qui parle arabe pourrait m'appeler ?", "asked"),
        ("en", "can someone who speaks polish call me?", "asked"),
        # fragments and the chat not enough
        ("fr", "parler quelqu'un svp", "asked"),
        ("es", "hablar una persona", "asked"),
        ("en", "I'd rather have a proper conversation about this", "asked"),
        # passed from one desk to another
        ("en", "I got sent from the lab to reception and back again", "complaint"),
        ("es", "me pasan de admisión a facturación y otra vez a admisión", "complaint"),
        ("it", "mi state rimbalzando da un ufficio all'altro", "complaint"),
        ("fr", "on me renvoie d'un service à l'autre depuis lundi", "complaint"),
        # fear before an exam
        ("es", "mañana es la resonancia y estoy en un sinvivir", "distress"),
        ("fr", "j'ai besoin d'être rassurée avant l'opération", "distress"),
        ("en", "scan on monday and I just need some reassurance", "distress"),
        ("it", "ho un'agitazione addosso per la gastroscopia di domani", "distress"),
    ],
)
def test_round7_rules_name_their_kind(
    human_guard: WantsHumanGuard, language: str, text: str, kind: str
) -> None:
    verdict = human_guard.check(text, GuardContext(language=language))
    assert verdict.reason == f"wants human: {kind}", (text, verdict.reason)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # asking whether to tell the staff something is a question about the visit
        ("en", "do i need to tell the nurse that i take warfarin?"),
        ("en", "should I let the receptionist know if I'm running late?"),
        # where a matter is settled, asked as a question
        ("fr", "je dois voir ça avec l'accueil le jour du rendez-vous ?"),
        ("es", "tengo que verlo con recepción o con el médico?"),
        # a nurse as a service, not a person in charge
        ("fr", "je peux avoir l'infirmière à domicile pour les prises de sang ?"),
        # ringing before coming: a process question, no time of day asked for
        ("fr", "je dois passer un coup de fil avant de venir ?"),
        # discussing it in person is the visit, not a call
        ("en", "can i discuss it in person at my appointment?"),
        # told where to go once is not being passed around
        ("en", "the nurse told me to call the lab and then told me to bring the form, right?"),
        # a call with a time announced to the clinic, not asked for
        ("en", "my daughter will give you a ring around 3 to book"),
        ("it", "mia figlia vi fa uno squillo verso le 3 per prenotare"),
        # the doctor talking it over with someone else, and a manager's signature
        ("fr", "le médecin va en parler au téléphone avec mon généraliste ?"),
        ("en", "do i need a manager's signature on the form?"),
        # a short call with a time already received, not asked for
        ("fr", "j'ai reçu un coup de fil vers 10h, c'était pour confirmer ?"),
        ("es", "me dieron un toque sobre las 12 para confirmar, ya está"),
        # pain that moves is a symptom, not being sent from desk to desk
        ("es", "tengo un dolor que va de un lado a otro de la espalda, qué especialista es?"),
    ],
)
def test_round7_look_alikes_of_the_rules(
    human_guard: WantsHumanGuard, language: str, text: str
) -> None:
    verdict = human_guard.check(text, GuardContext(language=language))
    assert verdict.allowed, (text, verdict.reason)
