"""Wants-a-human guard, ninth round: general frames of asking for a person, and their look-alikes.

The development messages of the ninth round are in
``guardrails/examples/human.jsonl`` (families ``dev9_*``, checked one by one
in ``test_wants_human_rounds.py``): whether anyone is at the desk now or only
a machine answers, a call or a video call instead of the chat, the desk or a
doctor's assistant asked to see to the matter ("que se encargue recepción"),
someone who speaks a language asked to call a relative, giving up on the chat
("lascia perdere, chiamo io"), losing patience with the bot, repeated failure
("otra vez me mandas…"), fear, grievances about staff and billing, ultimatums
and threats to report, voice-note run-ons, slang and misspellings ("kiero
ablar", "cn i tlk to a real persn"); with look-alikes (who the doctor is,
companions, what the desk said, goodbyes, "I'll call tomorrow to rebook",
talking to a dietitian about a diet when she has a slot). Before anything was
changed for them, the phrase lists caught 39 of the 76 requests and handed
over 1 of the 48 look-alikes.

The rules added are building blocks rather than sentences: someone at a desk
asked about now ("anybody in the office today?"), a person or only a machine
("y a quelqu'un ou c'est que des réponses automatiques ?"), a member of staff
rather than the chat ("l'amministrazione, non tu"), a member of staff asked to
see to the matter, in either order, a relative to be called after the
language is named, a call asked for ("can we do a quick video call"),
someone who could get back to the patient; giving up and doing it oneself,
hard work talking to the bot, "so useless", losing patience; billed for what
never took place, being spoken to "like…", ultimatums ("if this isn't sorted
by…"), the bot answering something else again; and common misspellings as
spellings (``hablar``: "ablar", ``vorrei``: "vorei", "cn", "tlk", "persn").
One exemption came with them: asking when the professional just named has a
slot is booking a visit ("quiero hablar con la nutricionista…, ¿cuándo tiene
hueco?").
"""

from __future__ import annotations

import pytest

from guardrails import GuardContext
from guardrails.wants_human import WantsHumanGuard


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        # someone at the desk, asked about now; a person or only a machine
        ("it", "c'è qualcuno allo sportello adesso? devo chiedere una cosa", "asked"),
        ("fr", "y a quelqu'un à l'accueil là maintenant ?", "asked"),
        ("es", "hay alguien en administración ahora mismo?", "asked"),
        ("en", "anyone on the desk right now?", "asked"),
        ("it", "c'è una persona o è solo un bot?", "asked"),
        ("es", "hay alguien o solo respondéis con mensajes automáticos", "asked"),
        # a member of staff rather than the chat, asked to see to the matter
        ("it", "deve vederla la segreteria, non tu", "asked"),
        ("en", "i need billing for this, not you", "asked"),
        ("fr", "je veux le secrétariat, pas toi", "asked"),
        ("it", "vorrei che se ne occupasse la segreteria", "asked"),
        ("fr", "la secrétaire pourrait s'en occuper ?", "asked"),
        ("en", "could someone in billing handle this for me", "asked"),
        ("es", "que lo lleve la secretaria por favor", "asked"),
        # someone who speaks a language, asked to call a relative
        ("it", "qualcuno che parla francese potrebbe chiamare mia madre?", "asked"),
        ("fr", "quelqu'un qui parle espagnol peut appeler mon père ?", "asked"),
        ("en", "could someone who speaks arabic phone my mum", "asked"),
        ("es", "alguien que hable francés puede llamar a mi padre?", "asked"),
        # a call asked for; someone who could get back to the patient
        ("en", "could we do a call instead?", "asked"),
        ("it", "possiamo fare una chiamata veloce?", "asked"),
        ("es", "podemos hacer una videollamada rápida?", "asked"),
        ("fr", "on peut faire un appel vidéo ?", "asked"),
        ("en", "if somebody could check it and get back to me", "asked"),
        ("it", "non c'è nessuno che mi dia retta", "asked"),
        # misspellings
        ("es", "quiero ablar con alguien", "asked"),
        ("en", "cn i talk to someone", "asked"),
        ("it", "vorei parlare con una persona", "asked"),
        # giving up on the chat, hard work, losing patience, "so useless"
        ("it", "lasciamo perdere, telefono io domani", "anger"),
        ("fr", "laissez tomber, je passerai à l'accueil", "anger"),
        ("en", "forget it, ill come in tomorrow", "anger"),
        ("es", "olvídalo, ya me paso yo por la clínica", "anger"),
        ("it", "che fatica con questa chat", "anger"),
        ("es", "qué difícil hablar contigo", "anger"),
        ("en", "i'm losing my patience here", "anger"),
        ("fr", "je perds patience là", "anger"),
        ("es", "cómo puedes ser tan inútil", "anger"),
        # billed for what never took place, ultimatums, spoken to "like..."
        ("it", "mi avete fatto pagare una visita che non ho mai fatto", "complaint"),
        ("en", "you charged me for an appointment i never had", "complaint"),
        ("es", "me habéis cobrado una consulta que nunca tuve", "complaint"),
        ("fr", "si c'est pas réglé demain j'écris à la direction", "complaint"),
        ("es", "si no me lo solucionáis hoy pongo una reclamación", "complaint"),
        ("fr", "l'infirmière m'a parlé comme à une gamine", "complaint"),
        # the bot answering something else again
        ("es", "otra vez me dices lo mismo", "repeated_failure"),
        ("en", "again you give me the opening times, i asked about parking", "repeated_failure"),
        ("it", "ti chiedo il parcheggio e mi rispondi con gli orari", "repeated_failure"),
    ],
)
def test_round9_rules_name_their_kind(
    human_guard: WantsHumanGuard, language: str, text: str, kind: str
) -> None:
    verdict = human_guard.check(text, GuardContext(language=language))
    assert verdict.reason == f"wants human: {kind}", (text, verdict.reason)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # whether the desk is staffed on a weekday: opening hours, not now
        ("it", "c'è qualcuno in accettazione il sabato mattina?"),
        ("en", "is anyone at reception on saturdays?"),
        ("es", "hay alguien en recepción a la hora de comer?"),
        ("fr", "y a quelqu'un à l'accueil le dimanche ?"),
        ("es", "hay alguien que hable inglés en recepción? es para mi suegra"),
        # who sees to what, asked about rather than asked for
        ("it", "la segreteria se ne occupa lei della fattura?"),
        ("fr", "c'est la secrétaire qui s'en charge ?"),
        ("en", "does the nurse handle the blood tests?"),
        ("es", "quién se encarga de la facturación?"),
        ("en", "my husband will handle this at the desk"),
        # the patient calling a relative or an insurer; help from a relative
        ("en", "can i call my insurance first before booking?"),
        ("fr", "je peux appeler mon assurance avant ?"),
        ("es", "puedo llamar a mi seguro antes de pedir cita?"),
        ("it", "posso chiamare mio marito durante la visita?"),
        # a visit held by video; "faire appel à"
        ("fr", "peut-on faire appel à un interprète ?"),
        ("en", "can we do the follow up by video instead of coming in?"),
        ("it", "possiamo fare la visita in videochiamata?"),
        ("es", "se puede hacer la consulta por videollamada?"),
        # the patient will call, without giving up; a correction
        ("it", "chiamo io domani per spostare, a che ora aprite?"),
        ("en", "i'll call tomorrow to book, thanks"),
        ("fr", "je rappellerai demain pour le rdv, merci"),
        ("es", "ya llamo yo mañana para la cita, gracias"),
        ("it", "lascia stare il messaggio di prima, volevo dire martedì"),
        ("en", "never mind my last message, i meant thursday"),
        ("fr", "laisse tomber mon message, c'était pour mardi"),
        # asking to be sent something again; an invoice never received; a missed session
        ("it", "mi mandi di nuovo il link per favore?"),
        ("es", "me vuelves a mandar el enlace?"),
        ("fr", "la facture ? je l'ai jamais reçue, vous pouvez la renvoyer ?"),
        ("en", "will i be billed for the session i missed?"),
        ("es", "es tan malo tomar café antes del análisis?"),
        # talking to a professional, asking when she has a slot: booking a visit
        ("es", "quiero hablar con la dermatóloga de un lunar, cuándo tiene hueco?"),
        ("it", "vorrei parlare con la nutrizionista, quando ha posto?"),
        ("en", "i'd like to talk to the physio about my knee, when is she free?"),
    ],
)
def test_round9_look_alikes_of_the_rules(
    human_guard: WantsHumanGuard, language: str, text: str
) -> None:
    verdict = human_guard.check(text, GuardContext(language=language))
    assert verdict.allowed, (text, verdict.reason)
