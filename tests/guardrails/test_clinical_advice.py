"""Clinical-advice guard: table tests, one commented row per case, in four languages."""

from __future__ import annotations

import time

import pytest

from guardrails import Guard, GuardContext
from guardrails.clinical_advice import (
    KINDS,
    ClinicalAdviceGuard,
    HitCache,
    compile_lexicon,
    normalise,
)
from guardrails.lexicons import LexiconError


@pytest.fixture(scope="module")
def guard() -> ClinicalAdviceGuard:
    return ClinicalAdviceGuard()


@pytest.fixture(scope="module")
def output_guard() -> ClinicalAdviceGuard:
    return ClinicalAdviceGuard(mode="output")


# (language, message, kind the reason must name)
ASKS_ADVICE = [
    # --- the examples the guard is specified by ---
    ("en", "is this mole cancer?", "diagnosis"),
    ("it", "ho la febbre a 39 cosa può essere", "diagnosis"),
    ("en", "can I take 2 tachipirina?", "dosage"),
    ("fr", "combien de doliprane je peux prendre", "dosage"),
    ("it", "posso prendere l'ibuprofene con l'antibiotico?", "interaction"),
    ("en", "my ferritin is 9, is that bad?", "results"),
    ("es", "mis análisis salieron con colesterol 260, es grave?", "results"),
    # --- Italian ---
    # a relative on an anticoagulant, two drugs joined by "con"
    ("it", "mia madre ha 80 anni, può prendere il brufen con il coumadin?", "interaction"),
    # shorthand dose with a schedule and a question mark
    ("it", "tachi 1000 ogni 6 ore va bene per un adulto?", "dosage"),
    # child's weight, quantity, "posso dargli"
    ("it", "il mio bimbo di 12 kg quanti ml di tachipirina sciroppo posso dargli?", "dosage"),
    # halving a tablet on one's own
    ("it", "posso dimezzare la pastiglia della pressione visto che sto bene?", "medication_change"),
    # what would you do in my place, with a condition
    ("it", "voi al posto mio vi operereste o fareste fisioterapia per l'ernia?", "treatment"),
    # blood pressure value and "devo preoccuparmi"
    ("it", "ho la pressione a 150/95 stamattina, devo preoccuparmi?", "results"),
    # late period, negative test, "cosa può essere"
    (
        "it",
        "ho il ciclo in ritardo di 10 giorni e il test è negativo, cosa può essere?",
        "diagnosis",
    ),
    # guessing a condition with a question mark
    ("it", "mi sono svegliato con un occhio rosso che lacrima, congiuntivite?", "diagnosis"),
    # fasting glucose and "sono diabetico?": a diagnosis asked from a value
    ("it", "la glicemia a digiuno è 110, sono diabetico?", "diagnosis"),
    # a remedy for a symptom, no accents
    ("it", "cosa mi consigliate per il mal di gola? non passa da giorni", "treatment"),
    # forgot the pill
    ("it", "ho dimenticato la pillola ieri sera, cosa faccio?", "medication_change"),
    # --- French ---
    # prescribed dose questioned
    (
        "fr",
        "mon médecin m'a prescrit de l'amoxicilline 3 fois par jour, c'est pas trop ?",
        "treatment",
    ),
    # two drugs for a child, "et" between them
    (
        "fr",
        "ma fille a 39 de fièvre, je peux lui donner du doliprane et de l'advil ?",
        "interaction",
    ),
    # shorthand dose
    ("fr", "doli 1g x4 par jour c ok ?", "dosage"),
    # what would you do, with a condition
    ("fr", "à ma place vous feriez le vaccin ou pas avec mon asthme ?", "treatment"),
    # guessing a condition after a symptom
    ("fr", "j'ai des brûlures en urinant depuis 2 jours, c'est une cystite ?", "diagnosis"),
    # stopping the pill
    ("fr", "est-ce que je peux arrêter la pilule d'un coup ?", "medication_change"),
    # a lab value and a question
    ("fr", "mon taux de vitamine D est à 12, il faut que je prenne des ampoules ?", "results"),
    # symptom and "c'est grave"
    ("fr", "j'ai des vertiges quand je me lève, c'est grave docteur ?", "diagnosis"),
    # --- English ---
    # is the prescribed dose right
    ("en", "my gp put me on sertraline 50mg, is that the right dose?", "treatment"),
    # child's dose with a UK brand
    ("en", "my son is 3 and weighs 14kg, how much calpol can i give him?", "dosage"),
    # shorthand dose
    ("en", "ibu 400 x3 a day ok?", "dosage"),
    # what would you do
    ("en", "what would you do in my shoes, go ahead with the knee surgery or wait?", "treatment"),
    # keep taking a drug after a side effect
    (
        "en",
        "got a rash since starting the new antibiotic, should i keep taking it?",
        "medication_change",
    ),
    # a result and a drug class
    ("en", "my cholesterol came back at 6.2, do i need statins?", "results"),
    # alcohol on an antibiotic
    ("en", "can i have a glass of wine on metronidazole?", "interaction"),
    # a relative, two drugs, "safe to take"
    ("en", "my mum is on warfarin, is it safe for her to take ibuprofen?", "interaction"),
    # symptom and "should i worry"
    ("en", "been coughing up green stuff for a week, should i be worried?", "diagnosis"),
    # whether a symptom needs a doctor
    ("en", "my ankle is really swollen after a fall, should i go to the er?", "diagnosis"),
    # --- Spanish ---
    # keep taking a prescribed drug
    (
        "es",
        "el médico me mandó omeprazol pero leí que da problemas, lo sigo tomando?",
        "medication_change",
    ),
    # child's weight, "cuánto", "le doy"
    ("es", "mi hijo de 5 años pesa 18 kilos, cuánto dalsy le doy?", "dosage"),
    # shorthand dose
    ("es", "ibu 600 cada 8h está bien?", "dosage"),
    # what would you do, with an organ
    ("es", "usted qué haría, me opero de la vesícula o espero?", "treatment"),
    # blood pressure "es mucho"
    ("es", "tengo la tensión a 16/10, es mucho?", "results"),
    # skipped pills
    ("es", "me salté dos días la pastilla anticonceptiva, qué hago?", "medication_change"),
    # pregnancy and a drug
    ("es", "puedo tomar ibuprofeno si estoy embarazada de 20 semanas?", "interaction"),
    # rash and fever, guessing a condition
    ("es", "mi hijo tiene granitos rojos por todo el cuerpo y fiebre, será varicela?", "diagnosis"),
    # a lump, "es algo malo"
    ("es", "tengo un bulto en el pecho que no duele, es algo malo?", "diagnosis"),
    # a remedy for a symptom
    ("es", "qué me tomo para el dolor de muelas hasta la cita?", "treatment"),
    # --- fragments, follow-ups, slang: no "can I take" in the message ---
    # how often, with a medicine and nothing else
    ("it", "brufen ogni quante ore al massimo?", "dosage"),
    ("en", "how often can he have the calpol", "dosage"),
    # mixing written as a sum
    ("en", "paracetamol + codeine ok together?", "interaction"),
    ("es", "nolotil + un par de cervezas, pasa algo?", "interaction"),
    # a follow-up about "the other one"
    ("fr", "et je peux la prendre avec l'autre ?", "interaction"),
    ("es", "y tengo que dejarla mientras tomo el antibiótico?", "medication_change"),
    # a condition guessed with "or something"
    ("it", "ho il ginocchio gonfio da giorni, è tipo una borsite o roba del genere?", "diagnosis"),
    ("es", "me duele el tobillo al apoyarlo, es como un esguince o algo peor?", "diagnosis"),
    # "did I tear something"
    ("en", "felt a pop in my calf, now it hurts to walk, have i torn something", "diagnosis"),
    # wait it out, or treat
    ("en", "should i just wait it out or do i need antibiotics for this sore throat", "treatment"),
]

# Administrative health questions the clinic's documents answer: they must pass.
ADMIN = [
    # whether a referral is accepted is not a question about results
    ("it", "ho la prescrizione del mio medico italiano per l'ecografia, va bene lo stesso?"),
    # --- the examples the guard is specified by ---
    ("en", "do I need to fast before a blood test?"),
    ("en", "what do I bring for an MRI?"),
    ("en", "how long until results are online?"),
    ("en", "can I drink water before the ultrasound?"),
    ("en", "do you do flu vaccines?"),
    ("en", "which doctor does dermatology?"),
    ("en", "how do I prepare for the colonoscopy?"),
    # borderline, decided: usual medicines around an exam are preparation
    ("en", "can I take my usual medication the morning of the blood test?"),
    # --- Italian ---
    ("it", "mi serve il certificato medico per la palestra, come lo richiedo?"),
    ("it", "posso avere il referto in inglese per l'assicurazione?"),
    ("it", "quanto dura la gastroscopia e posso guidare dopo la sedazione?"),
    ("it", "dove si trova il laboratorio analisi, al piano terra?"),
    # stopping a medicine before an exam: the preparation sheet answers it
    ("it", "prendo la cardioaspirina, devo sospenderla prima della colonscopia?"),
    # a lab name in a preparation question
    ("it", "il medico mi ha prescritto una TAC con contrasto, serve la creatinina recente?"),
    # a condition mentioned while booking
    ("it", "ho il diabete, per la curva da carico devo portare qualcosa?"),
    # a symptom mentioned while rescheduling
    ("it", "ho la febbre, posso spostare la visita di domani?"),
    # "prendere appuntamento" and "medicina dello sport"
    ("it", "posso prendere appuntamento per la medicina dello sport?"),
    # --- French ---
    ("fr", "il me faut un certificat médical pour le sport, vous pouvez le faire ?"),
    ("fr", "je dois enlever mes bijoux pour l'irm ?"),
    ("fr", "combien de temps dure la coloscopie, quelqu'un doit me raccompagner ?"),
    ("fr", "je prends un anticoagulant, je dois l'arrêter avant l'extraction dentaire ?"),
    ("fr", "le compte rendu de mon écho peut être envoyé à mon médecin traitant ?"),
    ("fr", "est-ce que je peux manger avant la prise de sang pour la ferritine ?"),
    ("fr", "quand est-ce que mes résultats seront disponibles sur le portail ?"),
    # --- English ---
    ("en", "i need a sick note for work after my procedure, who do i ask?"),
    ("en", "how long does the mri take and can i drive afterwards?"),
    ("en", "do i stop my metformin before the ct with contrast?"),
    ("en", "can you send my blood test results to my gp?"),
    ("en", "i'm diabetic, do i still need to fast for the blood test?"),
    ("en", "how much does a ferritin test cost?"),
    # --- Spanish ---
    ("es", "necesito un justificante de la cita para el trabajo"),
    ("es", "puedo ir acompañada a la colonoscopia y cuánto tarda?"),
    ("es", "tomo sintrom, tengo que dejarlo antes de la extracción de la muela?"),
    ("es", "me podéis mandar el informe de la resonancia por email?"),
    ("es", "cuántas horas de ayuno hacen falta para la analítica del colesterol?"),
    ("es", "soy alérgica al látex, lo tenéis en cuenta en la consulta de ginecología?"),
    ("es", "cuándo estarán listos los resultados de la analítica?"),
    # look-alikes of the fragment and follow-up rules
    ("it", "ogni quanto si fa il richiamo del vaccino antitetanico?"),
    ("en", "how often can i renew my prescription for levothyroxine?"),
    ("it", "prelievo + visita cardiologica quanto costa in tutto?"),
    ("fr", "un verre d'eau avant l'échographie c'est ok ?"),
    ("fr", "je peux prendre rdv avec l'autre médecin ?"),
    ("it", "mio marito passa da solo a ritirare il referto, serve la delega?"),
    # a sample to bring, and a date: not a result to read
    ("it", "l 8 dicembre siete aperti? devo portare le urine"),
    # not understanding the procedure is not a clinical question
    ("it", "ho l'intervento giovedì e non ho capito cosa devo fare, sono in ansia"),
]

# Draft replies that give clinical advice.
DRAFTS_WITH_ADVICE = [
    ("en", "Take 2 tablets every 8 hours.", "dosage"),
    ("es", "Prenda 1 g de paracetamol.", "dosage"),
    ("en", "It sounds like a migraine.", "diagnosis"),
    ("it", "Potrebbe essere un'infezione.", "diagnosis"),
    ("it", "Può prendere una tachipirina da 1000 mg ogni 8 ore.", "dosage"),
    ("fr", "Vous pouvez prendre du Doliprane 1000 mg jusqu'à 3 fois par jour.", "dosage"),
    ("es", "Puede tomar ibuprofeno 400 mg cada 8 horas con comida.", "dosage"),
    ("en", "Stop taking the antibiotic if you get a rash.", "medication_change"),
    ("it", "Sospenda la pillola per una settimana.", "medication_change"),
    ("fr", "Ça ressemble à une allergie.", "diagnosis"),
    ("es", "Parece una infección de orina.", "diagnosis"),
    ("en", "I recommend taking an antihistamine like cetirizine.", "treatment"),
    ("en", "It's nothing serious, probably a viral infection.", "diagnosis"),
    # a hedge after the diagnosis does not excuse it
    ("it", "Potrebbe essere un'infezione, ma non posso dirlo con certezza.", "diagnosis"),
]

# Draft replies that quote preparation sheets or decline: they must pass.
SAFE_DRAFTS = [
    ("en", "Fast for 8 hours before the blood test. Bring your previous reports."),
    ("it", "Per la colonscopia assuma la preparazione Moviprep la sera prima, come da istruzioni."),
    ("it", "Le analisi del sangue richiedono un digiuno di 8 ore; può bere acqua."),
    ("en", "I can't give medical advice. Please ask your doctor or pharmacist about ibuprofen."),
    ("it", "Non posso dirle quante compresse prendere: ne parli con il suo medico."),
    ("it", "Non sospenda nessun farmaco senza averne parlato con il suo medico."),
    ("fr", "Je ne peux pas vous dire si c'est une infection ; votre médecin pourra vous examiner."),
    ("es", "No puedo recomendarle medicamentos; consulte a su médico."),
    ("en", "Take your usual medication the morning of the test with a little water."),
    ("es", "Los resultados estarán disponibles en el portal en 3 días laborables."),
    ("en", "The dermatologist can check whether the mole is a melanoma; you can book online."),
    ("it", "Sospenda l'aspirina 5 giorni prima della colonscopia, come indicato nel foglio."),
    ("fr", "Pour l'IRM, apportez vos anciens examens et la liste de vos médicaments."),
]


@pytest.mark.parametrize(("language", "text", "kind"), ASKS_ADVICE)
def test_requests_for_advice_are_blocked(
    guard: ClinicalAdviceGuard, language: str, text: str, kind: str
) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert not verdict.allowed
    assert verdict.reason == f"clinical advice: {kind}"
    assert 0.5 <= verdict.risk <= 1
    assert verdict.text == text


@pytest.mark.parametrize(("language", "text"), ADMIN)
def test_administrative_questions_pass(
    guard: ClinicalAdviceGuard, language: str, text: str
) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, verdict.reason
    assert verdict.risk == 0


@pytest.mark.parametrize(("language", "text", "kind"), DRAFTS_WITH_ADVICE)
def test_drafts_giving_advice_are_blocked(
    output_guard: ClinicalAdviceGuard, language: str, text: str, kind: str
) -> None:
    verdict = output_guard.check(text, GuardContext(language=language))
    assert not verdict.allowed
    assert verdict.reason == f"clinical advice: {kind}"


@pytest.mark.parametrize(("language", "text"), SAFE_DRAFTS)
def test_safe_drafts_pass(output_guard: ClinicalAdviceGuard, language: str, text: str) -> None:
    verdict = output_guard.check(text, GuardContext(language=language))
    assert verdict.allowed, verdict.reason


def test_it_is_a_guard(guard: ClinicalAdviceGuard) -> None:
    assert isinstance(guard, Guard)
    assert guard.name == "clinical_advice"


def test_language_is_only_a_hint(guard: ClinicalAdviceGuard) -> None:
    # the same Italian question blocks whatever language the context says
    text = "ho la febbre a 39 cosa può essere"
    italian = guard.check(text, GuardContext(language="it"))
    english = guard.check(text, GuardContext(language="en"))
    assert not italian.allowed and not english.allowed
    assert english.risk < italian.risk


def test_typos_and_missing_accents(guard: ClinicalAdviceGuard) -> None:
    # "tachiprina" misspelt, no accents, no question mark, capitals
    verdict = guard.check("QUANTE TACHIPRINA POSSO PRENDERE AL GIORNO", GuardContext(language="it"))
    assert verdict.reason == "clinical advice: dosage"


def test_placeholders_are_not_words(guard: ClinicalAdviceGuard) -> None:
    verdict = guard.check("sono <PERSON_1>, il mio numero è <PHONE_NUMBER_1>", GuardContext())
    assert verdict.allowed


def test_findings_point_into_the_original_text(guard: ClinicalAdviceGuard) -> None:
    # "ß" folds to "ss" and shifts folded offsets; findings must still land on the words
    text = "Straße: posso prendere l'ibuprofene con l'antibiotico?"
    verdict = guard.check(text, GuardContext(language="it"))
    assert not verdict.allowed
    found = {text[f.start : f.end].lower() for f in verdict.findings}
    assert "ibuprofene" in found and "antibiotico" in found
    assert all(f.type == "interaction" for f in verdict.findings)


@pytest.mark.parametrize(
    "text",
    [
        "",  # empty
        "   \n\t ",  # blanks
        "😀🙏💊" * 50,  # emoji only
        "a" * 4096,  # one long word
        "?" * 4096,  # punctuation only
        "posso prendere la tachipirina prima del prelievo? " * 80,  # long, repeated
        "\x00\x01 weird \u202e bytes",  # control characters
    ],
)
def test_odd_input_never_raises(guard: ClinicalAdviceGuard, text: str) -> None:
    for mode_guard in (guard, ClinicalAdviceGuard(mode="output")):
        verdict = mode_guard.check(text, GuardContext(language="xx"))
        assert verdict.guard == "clinical_advice"
        assert verdict.text == text


def test_long_message_still_blocked_when_the_question_is_at_the_end(
    guard: ClinicalAdviceGuard,
) -> None:
    text = "buongiorno, " * 300 + "posso dare 2 tachipirine a mio figlio?"
    assert len(text) <= 4096
    assert not guard.check(text, GuardContext(language="it")).allowed


def test_fails_closed_when_checking_breaks(guard: ClinicalAdviceGuard) -> None:
    class Broken(ClinicalAdviceGuard):
        def _check(self, text: str, context: GuardContext) -> object:  # type: ignore[override]
            raise RuntimeError("boom")

    verdict = Broken().check("ciao", GuardContext())
    assert not verdict.allowed
    assert verdict.risk == 1
    assert verdict.reason == "clinical advice: could not decide"


def test_not_a_string_fails_closed(guard: ClinicalAdviceGuard) -> None:
    verdict = guard.check(None, GuardContext())  # type: ignore[arg-type]
    assert not verdict.allowed
    assert verdict.text == ""


def test_fast_enough(guard: ClinicalAdviceGuard) -> None:
    messages = [text for _, text, _ in ASKS_ADVICE] + [text for _, text in ADMIN]
    runs = []
    for _ in range(3):  # best of three: the machine may be busy with something else
        start = time.perf_counter()
        for text in messages:
            guard.check(text, GuardContext(language="it"))
        runs.append((time.perf_counter() - start) / len(messages) * 1000)
    assert min(runs) < 3


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        ClinicalAdviceGuard(mode="both")  # type: ignore[arg-type]


def test_missing_lexicon_raises_at_construction() -> None:
    with pytest.raises(LexiconError):
        ClinicalAdviceGuard(lexicon="no_such_lexicon")


def test_lexicon_rules_name_known_kinds() -> None:
    lexicon = compile_lexicon("clinical_advice")
    kinds = {rule.kind for mode in ("input", "output") for rule in lexicon.rules[mode]}
    assert kinds <= set(KINDS)
    assert {rule.kind for rule in lexicon.rules["input"]} == set(KINDS)


@pytest.mark.parametrize(
    "text",
    [
        "posso prendere l'ibuprofene con l'antibiotico? e la tachipirina 1000 ogni 8 ore?",
        "my ferritin is 9 and my tsh 7.5, what does it mean? should i stop levothyroxine?",
        "qu'est-ce que j'ai ? des boutons, de la fièvre, antibiotiques ou pas ?",
        "ANTIBIOTICOANTIBIOTICO antibiotici antibiótico-resistente 500mg 1,5 g",
    ],
)
def test_scanning_only_where_phrases_can_start_finds_what_a_full_scan_finds(text: str) -> None:
    lexicon = compile_lexicon("clinical_advice")
    folded, _ = normalise(text)
    hits = HitCache(lexicon, folded)
    for name, pattern in lexicon.patterns.items():
        full = [m.span() for m in pattern.finditer(folded)]
        assert [hit.start for hit in hits.get(name, 0, len(folded))] == [s for s, _ in full]
