"""The channel limits guard: replies rewritten to fit one WhatsApp message, without raw Markdown."""

from __future__ import annotations

import pytest

from guardrails.base import GuardContext
from guardrails.channel_limits import ELLIPSIS, ChannelLimitsGuard, cut, utf16_length


@pytest.fixture(scope="module")
def guard() -> ChannelLimitsGuard:
    return ChannelLimitsGuard()


def rewrite(guard: ChannelLimitsGuard, text: str):
    return guard.check(text, GuardContext())


@pytest.mark.parametrize(
    "text",
    [
        "Il sabato apriamo dalle 8:00 alle 12:30. 😊",
        "Le samedi : *8h30–12h00*, _sur rendez-vous_.",
        "Saturday: 8:00-12:30\n- blood draws: 8:00-10:00\n- reports: 10:00-12:30",
        "El sábado abrimos de 9 a 14 h. #salud",  # a hashtag is no heading
        "Prezzo: 50 € | 60 € con ecografia",  # a lone pipe is no table
        "Testo con a capo Windows.\r\nSeconda riga.\r\n",
    ],
)
def test_text_that_already_fits_is_left_alone(guard, text):
    verdict = rewrite(guard, text)
    assert verdict.allowed
    assert verdict.text == text
    assert verdict.reason == ""


@pytest.mark.parametrize(
    ("table", "lines"),
    [
        (  # Italian, two columns: one "day: hours" line per row, no header line
            "| Giorno | Orario |\n|---|---|\n| Lunedì | 8:00–18:00 |\n| Sabato | 8:00–12:30 |",
            ["Lunedì: 8:00–18:00", "Sabato: 8:00–12:30"],
        ),
        (  # French, aligned columns, three columns: the header names the values
            "| Examen | Prix | Durée |\n| :-- | --: | :-: |\n| IRM du genou | 230 EUR | 30 min |"
            "\n| Échographie | | 20 min |",
            ["IRM du genou: Prix 230 EUR, Durée 30 min", "Échographie: Durée 20 min"],
        ),
        (  # English, no outer pipes
            "Day | Hours\n--- | ---\nMonday | 8:00-18:00\nSunday | closed",
            ["Monday: 8:00-18:00", "Sunday: closed"],
        ),
        (  # Spanish, rows without a header
            "| Lunes | 9:00-14:00 |\n| Martes | 9:00-20:00 |",
            ["Lunes: 9:00-14:00", "Martes: 9:00-20:00"],
        ),
    ],
)
def test_markdown_tables_become_one_line_per_row(guard, table, lines):
    verdict = rewrite(guard, f"Ecco gli orari:\n\n{table}\n\nA presto!")
    assert verdict.allowed
    assert verdict.text == "\n".join(["Ecco gli orari:", "", *lines, "", "A presto!"])
    assert verdict.reason == "tables flattened"
    assert "|" not in verdict.text


def test_headings_links_bold_and_rules_are_rewritten_for_whatsapp(guard):
    draft = (
        "## Orari di apertura\n"
        "La **Sede Centrale** apre alle 7:30.\n"
        "---\n"
        "Referti sul [portale](https://portale.sanluca.example) o su "
        "[https://portale.sanluca.example](https://portale.sanluca.example)."
    )
    verdict = rewrite(guard, draft)
    assert verdict.allowed
    assert verdict.text == (
        "Orari di apertura\n"
        "La *Sede Centrale* apre alle 7:30.\n"
        "Referti sul portale (https://portale.sanluca.example) o su "
        "https://portale.sanluca.example."
    )
    assert verdict.reason == (
        "headings made plain; rules removed; links written out; bold marks made single"
    )


def test_a_rule_alone_is_removed(guard):
    verdict = rewrite(guard, "Orari\n* * *\nSabato 8:00-12:30")
    assert verdict.text == "Orari\nSabato 8:00-12:30"
    assert verdict.reason == "rules removed"


def test_a_text_over_the_limit_is_cut_at_a_sentence_end_with_an_ellipsis(guard):
    sentence = "La visita dura circa trenta minuti e si prenota online. "
    draft = sentence * 100  # 5,600 characters
    verdict = rewrite(guard, draft)
    assert verdict.allowed
    assert utf16_length(verdict.text) <= 4096
    assert verdict.text.endswith(f"online. {ELLIPSIS}")
    assert draft.startswith(verdict.text[: -len(ELLIPSIS) - 1])
    assert len(verdict.text) > 4096 - len(sentence) - 2  # nothing more than needed is lost
    assert verdict.reason == "cut to 4096 characters"


def test_a_text_exactly_at_the_limit_is_not_cut(guard):
    draft = "a" * 4095 + "."
    verdict = rewrite(guard, draft)
    assert verdict.text == draft
    assert verdict.reason == ""


def test_emoji_count_as_two_units_and_are_never_split():
    draft = "Ciao " + "👍🏽" * 40 + " fine"
    shortened = ChannelLimitsGuard(max_chars=50).check(draft, GuardContext())
    kept = shortened.text.removesuffix(f" {ELLIPSIS}")
    assert utf16_length(shortened.text) <= 50
    assert kept == "Ciao " + "👍🏽" * ((len(kept) - 5) // 2)  # whole thumbs, skin tone included
    assert len(kept) > 5


@pytest.mark.parametrize(
    "draft",
    [
        "x" * 100,  # one long token: cut at the last whole character
        "e\u0301" * 60,  # never between a letter and its accent
        "👨\u200d👩\u200d👧" * 20,  # never inside a joined emoji
    ],
)
def test_cut_keeps_whole_characters(draft):
    shortened = cut(draft, 30)
    kept = shortened.removesuffix(f" {ELLIPSIS}")
    assert utf16_length(shortened) <= 30
    assert draft.startswith(kept)
    assert kept and not kept.endswith("\u200d")
    assert draft[len(kept)] not in "\u0301\u200d"  # what follows starts a new character


@pytest.mark.parametrize("draft", ["", "   \n\t", "|---|---|", "\x00\x07", "## \n---"])
def test_nothing_sensible_to_send_is_not_allowed(guard, draft):
    verdict = rewrite(guard, draft)
    assert not verdict.allowed
    assert verdict.reason == "empty reply"


def test_control_characters_are_removed(guard):
    verdict = rewrite(guard, "Buongiorno\x00! Come\x1b posso aiutarla?")
    assert verdict.allowed
    assert verdict.text == "Buongiorno! Come posso aiutarla?"
    assert verdict.reason == "control characters removed"


@pytest.mark.parametrize("draft", [None, 42, b"bytes"])
def test_unexpected_input_fails_closed(guard, draft):
    verdict = guard.check(draft, GuardContext())  # type: ignore[arg-type]
    assert not verdict.allowed
    assert verdict.reason.startswith("could not decide")


@pytest.mark.parametrize("max_chars", [0, 15, -1, 4096.0, True])
def test_a_limit_too_small_to_hold_a_message_is_refused(max_chars):
    with pytest.raises(ValueError, match="max_chars"):
        ChannelLimitsGuard(max_chars=max_chars)


def test_a_long_table_is_flattened_before_it_is_cut():
    rows = "\n".join(f"| Giorno {i} | 8:00-18:00 |" for i in range(40))
    verdict = ChannelLimitsGuard(max_chars=200).check(
        f"| Giorno | Orario |\n|---|---|\n{rows}", GuardContext()
    )
    assert verdict.allowed
    assert verdict.reason == "tables flattened; cut to 200 characters"
    assert verdict.text.startswith("Giorno 0: 8:00-18:00\nGiorno 1: 8:00-18:00\n")
    assert "|" not in verdict.text
    assert utf16_length(verdict.text) <= 200
