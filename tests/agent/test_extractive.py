from agent.composers.extractive import ExtractiveComposer, split_sentences, split_units
from knowledge.types import Passage


def passage(
    text: str,
    *,
    dense: float,
    title: str = "Orari e sedi",
    doc: str = "d1",
    heading: str = "Orari",
    language: str = "it",
) -> Passage:
    return Passage(
        chunk_id=f"{doc}-0",
        document_id=doc,
        title=title,
        version=1,
        page=2,
        heading=heading,
        text=text,
        language=language,
        score=1.0,
        dense=dense,
        lexical=0.5,
    )


HOURS = (
    "Orari di apertura dell'accettazione:\n"
    "- Dal lunedì al venerdì: dalle 7:30 alle 19:30\n"
    "- Sabato: dalle 8:00 alle 12:30\n"
    "- Domenica: chiuso"
)
BLOOD = (
    "Il punto prelievi è aperto dal lunedì al venerdì dalle 7:30 alle 10:00 "
    "e il sabato dalle 8:00 alle 10:00. Non serve la prenotazione."
)
FASTING = "Digiuno da 8 a 12 ore prima del prelievo.\nL'acqua è consentita."


def test_quotes_the_passage_that_answers_across_languages_and_cites_it() -> None:
    draft = ExtractiveComposer().compose(
        "what time do you open on saturday?",
        [
            passage(FASTING, dense=0.84, doc="prep", title="Preparazione"),
            passage(HOURS, dense=0.85),
        ],
        "en",
    )
    assert draft.grounded
    assert "Sabato: dalle 8:00 alle 12:30" in draft.text
    assert "Digiuno" not in draft.text
    assert draft.text.startswith("Here is what our documents say:")
    assert [c.document_id for c in draft.citations] == ["d1"]
    assert draft.text.endswith("Source: Orari e sedi (p. 2)")


def test_shared_concepts_can_overrule_a_slightly_higher_similarity() -> None:
    draft = ExtractiveComposer().compose(
        "devo essere a digiuno per il prelievo?",
        [passage(HOURS, dense=0.86), passage(FASTING, dense=0.85, doc="prep", title="Prep")],
        "it",
    )
    assert [c.document_id for c in draft.citations] == ["prep"]
    assert "8 a 12 ore" in draft.text


def test_no_shared_concept_is_not_an_answer() -> None:
    draft = ExtractiveComposer().compose(
        "avete un veterinario?", [passage(HOURS, dense=0.83)], "it"
    )
    assert not draft.grounded
    assert draft.citations == ()


def test_no_passages_is_not_an_answer() -> None:
    assert not ExtractiveComposer().compose("orari?", [], "it").grounded


def test_quote_is_bounded() -> None:
    long = "\n".join(f"- Sabato punto {i}: dalle 8:00 alle 12:30" for i in range(100))
    draft = ExtractiveComposer(max_chars=200).compose("sabato?", [passage(long, dense=0.9)], "it")
    assert len(draft.text) < 400


def test_a_long_passage_is_quoted_from_the_list_holding_its_best_sentence() -> None:
    filler = " ".join(f"Il modulo {i} si consegna in accettazione." for i in range(20))
    text = f"{filler}\n{HOURS}"
    draft = ExtractiveComposer(max_chars=300).compose(
        "a che ora aprite il sabato?", [passage(text, dense=0.9)], "it"
    )
    assert "Sabato: dalle 8:00 alle 12:30" in draft.text
    assert "Orari di apertura dell'accettazione:" in draft.text


def test_list_items_carry_their_introducing_line() -> None:
    units = split_units(HOURS, "Sede Centrale")
    saturday = next(u for u in units if u.text.startswith("Sabato"))
    assert saturday.lead == "Orari di apertura dell'accettazione:"
    assert {"open", "hours"} <= saturday.context
    assert "saturday" in saturday.own


def test_split_sentences_joins_wrapped_pdf_lines_and_keeps_list_items() -> None:
    text = "Email:\ninfo@clinic.example.\nPortare:\n- documento di\nidentità\n- tessera. Grazie."
    assert split_sentences(text) == [
        "Email: info@clinic.example.",
        "Portare:",
        "documento di identità",
        "tessera.",
        "Grazie.",
    ]


def test_a_passage_in_the_question_language_gets_no_head_start() -> None:
    """e5 rates a same-language passage higher; the one in another language may still win."""
    english = "Saturday blood draws: from 8:00 to 10:00, no booking needed."
    italian = "Sabato: dalle 8:00 alle 12:30."
    passages = [
        passage(english, dense=0.86, doc="en", title="Blood tests", language="en"),
        passage(italian, dense=0.845, doc="it", title="Orari", language="it"),
    ]
    draft = ExtractiveComposer(runner_up=0.0).compose(
        "when are you open on saturday?", passages, "en"
    )
    assert "12:30" in draft.text
    assert "no booking" not in draft.text
    assert [c.document_id for c in draft.citations] == ["it"]


def test_a_question_about_a_general_concept_only_is_answered_by_it() -> None:
    address = "Indirizzo: Via dei Tigli 12, 20133 Milano."
    others = "Il punto prelievi non richiede prenotazione."
    draft = ExtractiveComposer().compose(
        "c ou exactement le centre? l'adresse svp",
        [passage(others, dense=0.84, doc="b"), passage(address, dense=0.83, doc="a")],
        "fr",
    )
    assert draft.grounded
    assert "Via dei Tigli 12" in draft.text


def test_a_general_concept_does_not_ground_a_question_about_something_specific() -> None:
    address = "Indirizzo: Via dei Tigli 12, 20133 Milano."
    draft = ExtractiveComposer().compose(
        "where do i pay for parking?", [passage(address, dense=0.84)], "en"
    )
    assert not draft.grounded


def test_a_day_the_question_names_is_not_answered_by_the_other_days_hours() -> None:
    draft = ExtractiveComposer().compose(
        "aprite la domenica?",
        [
            passage(BLOOD, dense=0.85, doc="blood", title="Prelievi"),
            passage("Sede Lambrate:\n- Sabato e domenica: chiuso", dense=0.837, doc="d1"),
        ],
        "it",
    )
    assert draft.grounded
    assert "domenica: chiuso" in draft.text
    assert [c.document_id for c in draft.citations] == ["d1"]


def test_a_passage_sharing_no_concept_with_the_question_is_never_quoted() -> None:
    portal = "Online on the patient portal, 24 hours a day, 7 days a week."
    draft = ExtractiveComposer().compose(
        "e la domenica?",
        [
            passage(portal, dense=0.90, doc="portal", title="Booking", language="en"),
            passage(HOURS, dense=0.82),
        ],
        "it",
    )
    assert "Domenica: chiuso" in draft.text
    assert "portal" not in draft.text
    assert [c.document_id for c in draft.citations] == ["d1"]


def test_a_nearly_tied_runner_up_is_quoted_after_the_best() -> None:
    hours = "Sabato: dalle 8:00 alle 12:30."
    draws = "Le samedi, prises de sang de 8h00 à 10h00."
    tied = [
        passage(hours, dense=0.85, doc="it", title="Orari", language="it"),
        passage(draws, dense=0.80, doc="fr", title="Prises de sang", language="fr"),
    ]
    # 0.02 behind the best once each passage's concepts and language are counted
    draft = ExtractiveComposer().compose("a che ora aprite il sabato?", tied, "it")
    assert "12:30" in draft.text
    assert "10h00" in draft.text
    assert sorted(c.document_id for c in draft.citations) == ["fr", "it"]
    # 0.04 behind, it is left out
    apart = [tied[0], passage(draws, dense=0.78, doc="fr", title="Prises de sang", language="fr")]
    draft = ExtractiveComposer().compose("a che ora aprite il sabato?", apart, "it")
    assert "10h00" not in draft.text
    assert [c.document_id for c in draft.citations] == ["it"]
