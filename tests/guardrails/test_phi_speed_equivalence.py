"""The PHI guard's speed-ups give what the slower code they replace gives.

Folding ASCII words without decomposing them, finding a repeated name
without a pattern per name, lemma pipes run only when the lemmas are read,
context enhancement only of the findings it can change, the registry's
remembered answers, no second parse of each phone number, recognizers
that skip their patterns on texts with too few digits: each is compared here
with the code path it stands for. Sentences marked without the parser are
checked against the starts they must have.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from presidio_analyzer import (
    AnalyzerEngine,
    LemmaContextAwareEnhancer,
    PatternRecognizer,
    RecognizerRegistry,
)
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from guardrails.phi_engine import LEMMA_PIPES, OfflineSpacyNlpEngine, SelectionKeepingRegistry
from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.base import CheckDigitRecognizer, count_digits
from guardrails.recognizers.credit_card import CreditCardRecognizer
from guardrails.recognizers.date_of_birth import DateOfBirthRecognizer
from guardrails.recognizers.insurance_policy import InsurancePolicyRecognizer
from guardrails.recognizers.it_health_card import ItHealthCardRecognizer
from guardrails.recognizers.known_names import fold_keeping_offsets
from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.medical_record import MedicalRecordNumberRecognizer
from guardrails.recognizers.name_neighbours import _whole_word_starts
from guardrails.recognizers.phone import (
    _POSSIBLE_NUMBER_SIGN,
    ClinicPhoneRecognizer,
    _join_lines,
)

# Fictional messages in the four languages: names, phone numbers (national,
# international, after a phone word, invalid ranges), IDs, dates, addresses.
MESSAGES = [
    ("it", "Buongiorno, sono Ginevra Abbondanza, il mio cell è 347 218 6604, grazie"),
    ("it", "mi chiamate al numero +39 02 5550 1234? sono nata il 12/03/1985"),
    ("it", "tessera sanitaria 80380000000000000005, codice fiscale RSSMRA85C12F205X"),
    ("it", "abito in via Giuseppe Verdi 5, 20121 Milano, telefono 02 5550 1234"),
    ("fr", "Bonjour, je suis Léonie Vautrin, mon portable 06 12 34 56 78, merci"),
    ("fr", "mon numéro de sécu est 1 85 03 75 056 123 45, appelez-moi au 0033 6 12 34 56 78"),
    ("en", "Hi, this is Grace Okonkwo, call me on 07700 900123, policy number AX-55812"),
    ("en", "My date of birth is March 3, 1990 and my MRN is 4471823. Thanks, Tom"),
    ("es", "Hola, soy Begoña Larrañaga, mi móvil es el 612 345 678, DNI 12345678Z"),
    ("es", "la cita de mi hijo mateo ruiz es a las 16.45, llamen al +34 912 345 678"),
    ("es", "sin números aquí, solo quería saber el horario del sábado"),
]


def _nlp_engine(guard: PhiRedactionGuard) -> OfflineSpacyNlpEngine:
    engine = guard._analyzer.nlp_engine
    assert isinstance(engine, OfflineSpacyNlpEngine)
    return engine


def _old_fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@pytest.mark.parametrize(
    "word",
    [
        "".join(map(chr, range(128))),  # every ASCII character
        "Lunedì",
        "MÉDECIN",
        "Straße",  # casefold makes it longer
        "ﬁle",  # a ligature NFKD splits
        "Ångström",
    ],
)
def test_fold_is_unchanged(word: str) -> None:
    assert fold(word) == _old_fold(word)


@pytest.mark.parametrize("text", ["".join(map(chr, range(128))), "Zoé ﬁle Straße", "ÀB c"])
def test_fold_keeping_offsets_is_unchanged(text: str) -> None:
    expected = "".join(f if len(f := _old_fold(char)) == 1 else char for char in text)
    assert fold_keeping_offsets(text) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("anna e anna", "anna"),  # twice
        ("annalisa anna", "anna"),  # inside a longer word first
        ("marianna, anna_b, anna", "anna"),  # an underscore parts words ("neo_anna.jpg")
        ("zoé zoé's zoéa", "zoé"),
        ("", "anna"),
        ("aaaa", "aa"),  # never overlapping, and never inside a word
    ],
)
def test_whole_word_starts_match_the_pattern(text: str, word: str) -> None:
    pattern = rf"(?<![^\W_]){re.escape(word)}(?![^\W_])"
    assert _whole_word_starts(text, word) == [m.start() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize(("language", "text"), MESSAGES)
def test_lemmas_read_later_are_the_packaged_order_ones(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    engine = _nlp_engine(phi_guard)
    full = engine.get_nlp(language)(text)  # every pipe, in the packaged order
    artifacts = engine.process_text(text, language)
    doc = artifacts.tokens
    names = [(e.start_char, e.end_char) for e in full.ents if e.label_ in ("PERSON", "PER")]
    assert [(e.start_char, e.end_char) for e in artifacts.entities] == names
    assert [t.is_sent_start for t in doc] == [t.is_sent_start for t in full]
    assert artifacts.lemmas == [t.lemma_ for t in full]
    assert artifacts.keywords == artifacts.set_keywords(engine, artifacts.lemmas, language)
    assert [t.pos_ for t in doc] == [t.pos_ for t in full]


def test_the_lemma_pipes_set_nothing_the_entity_recognizer_reads(
    phi_guard: PhiRedactionGuard,
) -> None:
    for language in phi_guard.languages:
        nlp = _nlp_engine(phi_guard).get_nlp(language)
        assert "lemmatizer" in [name for name in nlp.pipe_names if name in LEMMA_PIPES]
        # the entity recognizer embeds spelling features of its own ...
        ner = nlp.config["components"]["ner"]["model"]["tok2vec"]
        assert set(ner["embed"]["attrs"]) <= {"NORM", "PREFIX", "SUFFIX", "SHAPE"}
        # ... which the attribute ruler never sets, nor does it match on entities
        ruler: Any = nlp.get_pipe("attribute_ruler")
        for pattern in ruler.patterns:
            assert set(pattern["attrs"]) <= {"TAG", "POS", "MORPH", "LEMMA", "DEP"}
            matched = {key for token in pattern["patterns"][0] for key in token}
            assert not any(key.startswith("ENT") for key in matched)


@pytest.mark.parametrize(("language", "text"), MESSAGES)
def test_results_are_those_of_presidios_enhancer_and_registry(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    ours = phi_guard._analyzer
    registry = RecognizerRegistry(supported_languages=ours.supported_languages)
    for recognizer in ours.registry.recognizers:
        registry.add_recognizer(recognizer)
    presidio = AnalyzerEngine(
        nlp_engine=ours.nlp_engine,
        registry=registry,
        supported_languages=ours.supported_languages,
        context_aware_enhancer=LemmaContextAwareEnhancer(),
    )
    entities = list(phi_guard.entities)

    def found(engine: AnalyzerEngine) -> list[tuple[str, int, int, float]]:
        results = engine.analyze(text, language, entities=entities, score_threshold=0.5)
        return sorted((r.entity_type, r.start, r.end, r.score) for r in results)

    assert found(ours) == found(presidio)


def test_registry_answers_as_presidios_and_sees_new_recognizers() -> None:
    ours = SelectionKeepingRegistry(supported_languages=["en"])
    presidio = RecognizerRegistry(supported_languages=["en"])
    phone = PhoneRecognizer(supported_language="en")
    for registry in (ours, presidio):
        registry.add_recognizer(phone)
    assert ours.get_recognizers("en", ["PHONE_NUMBER"]) == [phone]
    assert presidio.get_recognizers("en", ["PHONE_NUMBER"]) == [phone]
    assert ours.get_recognizers("en", ["PHONE_NUMBER"]) == [phone]  # remembered
    ours.add_recognizer(ClinicPhoneRecognizer("en"))
    assert len(ours.get_recognizers("en", ["PHONE_NUMBER"])) == 2


@pytest.mark.parametrize(("language", "text"), MESSAGES)
def test_valid_phone_numbers_are_presidios(language: str, text: str) -> None:
    recognizer = ClinicPhoneRecognizer(language)
    joined = _join_lines(text)
    presidio = PhoneRecognizer.analyze(recognizer, joined, ["PHONE_NUMBER"])
    spans = [(r.start, r.end, r.score) for r in presidio]
    assert [(r.start, r.end, r.score) for r in recognizer._valid_numbers(joined)] == spans


@pytest.mark.parametrize(
    "text",
    [
        "ore 10.30, piano 2, stanza 14, 1985",  # numbers, no prefix, no phone word
        "domani alle 16.45 passo con 3 documenti e 2 foto 12345678",
        "the 4 boxes 0800 12 34 56 are ready",
        "good morning, during the visit bring 347 218 6604",  # phone words inside words
    ],
)
def test_possible_numbers_are_kept_only_with_their_signs(text: str) -> None:
    # the gate skips these texts: running the possible-number passes keeps nothing either
    assert _POSSIBLE_NUMBER_SIGN.search(_join_lines(text)) is None
    assert ClinicPhoneRecognizer("it")._possible_numbers(_join_lines(text)) == []


@pytest.mark.parametrize(
    ("recognizer", "text"),
    [
        (InsurancePolicyRecognizer(), "policy number AX-558"),
        (InsurancePolicyRecognizer(), "numero di polizza ABC"),
        (MedicalRecordNumberRecognizer(), "MRN 447"),
        (CreditCardRecognizer(), "carta 4111 1111 1111"),  # 12 digits
        (ItHealthCardRecognizer(), "tessera sanitaria 8038 0000 0000 0000 000"),  # 19 digits
    ],
)
def test_too_few_digits_skip_the_patterns(recognizer: CheckDigitRecognizer, text: str) -> None:
    assert count_digits(text) < recognizer.MIN_DIGITS
    # the patterns, run here anyway, keep nothing
    assert recognizer.analyze(text, []) == []
    assert PatternRecognizer.analyze(recognizer, text, []) == []


@pytest.mark.parametrize(
    "text", ["nata il dodici marzo", "born on March the third", "fecha de nacimiento: ayer"]
)
def test_dates_of_birth_need_a_digit(text: str) -> None:
    recognizer = DateOfBirthRecognizer()
    assert recognizer.analyze(text, []) == []
    assert PatternRecognizer.analyze(recognizer, text, []) == []


@pytest.mark.parametrize("language", ["it", "fr", "en", "es"])
def test_sentences_start_after_a_stop_or_a_line_break_without_the_parser(
    phi_guard: PhiRedactionGuard, language: str
) -> None:
    nlp = _nlp_engine(phi_guard).get_nlp(language)
    assert "parser" not in nlp.pipe_names
    assert nlp.pipe_names.index("sentencizer") < nlp.pipe_names.index("ner")
    doc = nlp("Bonjour. Ciao Marta\nGrazie! Hola? ok")
    starts = [token.text for token in doc if token.is_sent_start]
    assert starts == ["Bonjour", "Ciao", "Grazie", "Hola", "ok"]
