"""Wants-a-human guard, eighth round: general frames of asking for a person, and their look-alikes.

The messages checked below are development messages of the eighth round,
read from ``guardrails/examples/human.jsonl`` (families ``dev8_*``): asking
whether a colleague or the desk can tell or check something ("un tuo collega
mi sa dire…", "can whoever is on the front desk let me know…"), wanting to
explain or talk it through ("necesito contarle a alguien…", "possiamo
sentirci un attimo?"), "I'd rather a person", being put through ("mi girate
alla segreteria", "patch me through"), asking to be called or told by phone,
a role named as the one who should answer ("c'est à la sage-femme de me
répondre"), grievances, anger, fear and repeated failure said without a
request, and a request after an administrative question; with look-alikes
(companions, who the doctor is, who takes payment, someone driving the
patient home, goodbyes, "will the doctor call me?", a call already promised,
the bot asked about, price per person). Before anything was changed for them,
the phrase lists caught 35 of the 72 requests and handed over 2 of the 48
look-alikes; through the pipeline, with the classifier, 49 of 72 and 2 of 48.

The rules added are building blocks rather than sentences: a colleague (not
the chat) asked to tell or check; a desk asked, in the present, about the
patient's own case ("can the office let me know if my…", not "will the
office…"); a question said to be for a role, or a role said to be the one to
answer; being put through; talking together for a moment or on the phone;
being told by phone; wishing a person would see to it; having it checked by
someone; someone to explain the patient's bill; explaining or telling the
matter to a person; a ring given; and, as ``overlaps``, a call already
promised ("the nurse said she'd phone me") and a question about which of two
roles deals with something ("for the nurse or the doctor?").
"""

from __future__ import annotations

import pytest

from guardrails import GuardContext
from guardrails.wants_human import WantsHumanGuard


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        # a colleague, not the chat, asked to tell or check: "una vostra collega" .. "mi sa dire"
        ("it", "una vostra collega mi sa dire se è arrivato il referto di mia madre?", "asked"),
        ("it", "qualche tuo collega può controllare perché il pagamento è sospeso?", "asked"),
        ("en", "could a colleague of yours check whether my prescription was sent?", "asked"),
        ("fr", "un collègue peut me dire si mon ordonnance est partie ?", "asked"),
        ("es", "tu compañera me podría decir por qué no me sale la cita?", "asked"),
        # a desk asked, in the present, about the patient's own case
        ("it", "l'amministrazione mi può dire se il mio bonifico è arrivato?", "asked"),
        ("en", "can the office let me know if my referral came through?", "asked"),
        ("es", "la secretaria me puede decir si ya está mi informe?", "asked"),
        # a question for a role, or a role who should answer
        ("it", "è una domanda per l'ostetrica, gliela girate?", "asked"),
        ("en", "I have a question for the nurse, can you pass it on", "asked"),
        ("fr", "c'est au médecin de me répondre, pas à un robot", "asked"),
        ("es", "esto me lo tiene que explicar la enfermera", "asked"),
        # put through
        ("it", "mi girate all'ufficio fatture?", "asked"),
        ("en", "could you put me thru to the physio team", "asked"),
        ("es", "me conectas con administración?", "asked"),
        # talking together for a moment or on the phone, told by phone
        ("it", "potremmo sentirci due minuti? è una cosa lunga", "asked"),
        ("fr", "on peut s'appeler cinq minutes ?", "asked"),
        ("en", "can we talk for a sec", "asked"),
        ("es", "podríamos hablarlo un momentito?", "asked"),
        ("it", "ditemelo al telefono che per scritto non capisco", "asked"),
        # a person to see to it, checked by someone, the bill explained
        ("it", "preferirei che se ne occupasse una persona", "asked"),
        ("es", "me gustaría que me respondiera una persona", "asked"),
        ("it", "mi fate controllare da qualcuno la fattura? ho pagato troppo", "asked"),
        ("es", "alguien me puede explicar el cobro de la última consulta?", "asked"),
        # explaining or telling it to a person
        ("it", "vorrei raccontare a qualcuno come sono stata trattata", "asked"),
        ("en", "i'd like to go over this with someone before paying", "asked"),
        ("fr", "je voudrais tout expliquer à quelqu'un", "asked"),
        # a ring given, whoever handles a matter
        ("it", "datemi uno squillo quando si libera qualcuno", "asked"),
        ("en", "give us a ring on the landline pls", "asked"),
        ("es", "que me escriba directamente la de facturación", "asked"),
        ("it", "posso scambiare due parole con chi si occupa delle fatture?", "asked"),
        # said without a request
        ("it", "scusate, il dottore nemmeno in faccia mi ha guardato", "complaint"),
        ("en", "charged me again for the same bloods and no one knows anything", "complaint"),
        ("es", "me han vuelto a cobrar la misma prueba", "complaint"),
        ("it", "sono un fascio di nervi per l'esame di domani", "distress"),
        ("es", "estoy hecha un manojo de nervios", "distress"),
        ("en", "op is on friday and I can't stop shaking", "distress"),
        ("it", "niente, stessa solfa", "repeated_failure"),
        ("es", "no salimos de esta, me contestas siempre igual", "repeated_failure"),
    ],
)
def test_round8_rules_name_their_kind(
    human_guard: WantsHumanGuard, language: str, text: str, kind: str
) -> None:
    verdict = human_guard.check(text, GuardContext(language=language))
    assert verdict.reason == f"wants human: {kind}", (text, verdict.reason)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a desk asked about the clinic's processes, not the patient's own case
        ("it", "la segreteria può rilasciare il certificato di presenza?"),
        ("it", "l'accettazione mi sa dire a che piano è radiologia?"),
        ("fr", "l'accueil peut me dire où se garer ?"),
        ("en", "can reception tell me which room to go to when i arrive?"),
        ("es", "recepción me puede dar el justificante cuando llegue?"),
        ("es", "la chica de recepción me puede explicar qué significan mis resultados?"),
        # what the desk or the doctor will do: an administrative question
        ("en", "will the office let me know if my referral came through?"),
        ("it", "la segreteria mi farà sapere se la mia richiesta è approvata?"),
        ("it", "il medico mi ha detto che mi avrebbe chiamato lui per i risultati, aspetto"),
        ("en", "the receptionist said she'd call me back tomorrow, thats fine"),
        ("fr", "la secrétaire m'a dit qu'elle me rappellerait demain, merci"),
        # which of two roles deals with something
        ("en", "is this a question for the nurse or the doctor?"),
        ("it", "è una domanda per l'infermiera o per il medico?"),
        ("fr", "c'est à la secrétaire ou au médecin de signer le certificat ?"),
        # whether the doctor calls or tells: an administrative question
        ("fr", "c'est au médecin de me rappeler ?"),
        ("es", "me lo tiene que decir el médico o lo veo en la app?"),
        ("en", "the referral needs to come from the gp, right?"),
        # a referral or another doctor for the booking, not being put through
        ("es", "me deriva al cardiólogo o tengo que ir al médico de cabecera?"),
        ("en", "can you switch me to the other doctor for my follow up?"),
        # a channel asked about, talking at the visit, connecting to an app
        ("it", "mi fate sapere per telefono o per mail?"),
        ("es", "puedo hablar un momento con la doctora en la consulta?"),
        ("es", "no consigo conectarme con la app"),
        ("en", "can we talk about the price of the package?"),
        # a companion keeping the patient company; a lift home
        ("it", "mia suocera mi fa compagnia durante l'attesa, ok?"),
        ("fr", "ma sœur me tient compagnie pendant l'attente, elle peut entrer ?"),
        ("en", "my husband will give us a lift home after"),
        ("it", "chi si occupa delle fatture? vorrei saperlo per mandare la mail giusta"),
    ],
)
def test_round8_look_alikes_of_the_rules(
    human_guard: WantsHumanGuard, language: str, text: str
) -> None:
    verdict = human_guard.check(text, GuardContext(language=language))
    assert verdict.allowed, (text, verdict.reason)
