import pytest

from agent.router import Intent, Router


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Buongiorno!", Intent.GREETING),  # greeting alone
        ("hola buenas tardes", Intent.GREETING),  # Spanish greeting, no accents
        ("grazie mille", Intent.THANKS),  # thanks alone
        ("Merci beaucoup", Intent.THANKS),
        ("STOP", Intent.OPT_OUT),  # WhatsApp opt-out keyword, capitals
        ("non scrivetemi piu per favore", Intent.OPT_OUT),
        ("A che ora aprite il sabato?", Intent.FAQ),  # plain question
        ("Buongiorno, volevo prenotare una visita", Intent.BOOKING),  # greeting + request
        ("how do i cancel my appointment", Intent.BOOKING),
        ("je voudrais prendre rendez-vous", Intent.BOOKING),
        ("quanto costa una visita cardiologica", Intent.BILLING),
        ("cuanto cuesta la consulta", Intent.BILLING),
        ("come scarico i referti online", Intent.RESULTS),
        ("where can I see my results", Intent.RESULTS),
        ("???", Intent.OTHER),  # no words at all
    ],
)
def test_route(text: str, intent: Intent) -> None:
    assert Router().route(text) is intent
