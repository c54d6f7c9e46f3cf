from agent.composers.extractive import ExtractiveComposer, split_sentences
from knowledge.types import Passage


def passage(text: str, *, dense: float, title: str = "Orari e sedi", doc: str = "d1") -> Passage:
    return Passage(
        chunk_id=f"{doc}-0",
        document_id=doc,
        title=title,
        version=1,
        page=2,
        heading="Orari",
        text=text,
        language="it",
        score=1.0,
        dense=dense,
        lexical=0.5,
    )


HOURS = (
    "Dal lunedì al venerdì siamo aperti dalle 7:30 alle 19:00. "
    "Il sabato la sede di Via dei Mille è aperta dalle 8:00 alle 12:30. "
    "La domenica e i festivi siamo chiusi."
)


def test_quotes_the_sentence_that_answers_across_languages() -> None:
    draft = ExtractiveComposer().compose(
        "what time do you open on saturday?", [passage(HOURS, dense=0.85)], "en"
    )
    assert draft.grounded
    assert "8:00" in draft.text
    assert "domenica" not in draft.text  # only the sentences that speak of the question
    assert draft.text.startswith("Here is what our documents say:")
    assert draft.citations[0].document_id == "d1"
    assert "Orari e sedi (p. 2)" in draft.text


def test_low_similarity_is_not_an_answer() -> None:
    draft = ExtractiveComposer().compose("fate agopuntura?", [passage(HOURS, dense=0.78)], "it")
    assert not draft.grounded
    assert draft.citations == ()


def test_middling_similarity_without_a_shared_concept_is_not_an_answer() -> None:
    draft = ExtractiveComposer().compose(
        "avete un veterinario?", [passage(HOURS, dense=0.83)], "it"
    )
    assert not draft.grounded


def test_no_passages_is_not_an_answer() -> None:
    assert not ExtractiveComposer().compose("orari?", [], "it").grounded


def test_split_sentences_keeps_list_items() -> None:
    assert split_sentences("Portare:\n- documento di identità\n- tessera sanitaria. Grazie.") == [
        "Portare:",
        "documento di identità",
        "tessera sanitaria.",
        "Grazie.",
    ]
