"""Clinical-advice guard: table tests, one commented row per case, in four languages."""

from __future__ import annotations

import time

import pytest

from guardrails import Guard, GuardContext
from guardrails.clinical_advice import (
    _BUILTIN,
    KINDS,
    ClinicalAdviceGuard,
    HitCache,
    compile_lexicon,
    shorthand,
    with_shorthand,
)
from guardrails.lexicons import LexiconError, normalise


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
    # --- a frame of judgement around a symptom, a body part, a value or a medicine ---
    # "should I worry if" / "what could cause" around a body part, no symptom word
    ("en", "should i be worried if my wee has been really dark for a few days", "diagnosis"),
    ("fr", "qu'est-ce qui peut provoquer des fourmis dans les doigts la nuit ?", "diagnosis"),
    ("es", "a que se puede deber que se me hinchen los pies por la tarde", "diagnosis"),
    ("it", "da cosa puo venire un prurito alle mani solo di sera?", "diagnosis"),
    # an organ blamed for a relative's symptom
    ("en", "my dad keeps getting up at night to pee, is it his prostate?", "diagnosis"),
    ("es", "eso es del corazon o de la circulacion? se cansa en las escaleras", "diagnosis"),
    # a symptom since a medicine was started
    ("it", "da quando prendo il ramipril mi sono venute le caviglie gonfie", "diagnosis"),
    ("fr", "depuis qu'elle prend de l'amlodipine ses chevilles ont gonflé", "diagnosis"),
    # a symptom and a question, nothing administrative: no question frame at all
    ("it", "da quando ho smesso di fumare tossisco di più, ci sta?", "diagnosis"),
    # a symptom after an operation
    ("en", "had cataract surgery a week ago and its still blurry, normal?", "diagnosis"),
    # abbreviations: "q" for "que"
    ("es", "me tengo q preocupar si me salen moratones sin golpes?", "diagnosis"),
    # a schedule written short, with a duration question
    ("it", "augmentin 875 x2/die per quanti gg?", "dosage"),
    ("en", "amox 500 tds for how long", "dosage"),
    ("es", "enantyum 25 cada 8h cuantos dias", "dosage"),
    ("fr", "advil 400 3x/j pdt combien de jours", "dosage"),
    # too much by mistake
    ("es", "le di 10 ml de apiretal en vez de 5, le pasará algo?", "dosage"),
    # a value with its unit, a blood pressure
    ("en", "fasting glucose 6.4 mmol/l, is that ok", "results"),
    ("fr", "ldl 1,9 g/l c'est trop ?", "results"),
    ("it", "stamattina avevo 160/100, va bene?", "results"),
    ("en", "my vit d levels are 18 ng/ml is that ok", "results"),
    # already on one medicine, asking about another; food with a medicine
    ("en", "can i have a lemsip if im already on co-codamol", "interaction"),
    ("fr", "il est sous previscan, il peut manger des épinards ?", "interaction"),
    # pausing a medicine
    ("en", "is it fine if i pause my sertraline while travelling", "medication_change"),
    # finishing a course the patient doubts
    (
        "en",
        "dentist gave me antibiotics but im not sure i need them, must i finish them?",
        "medication_change",
    ),
    # a second opinion on a prescribed medicine
    ("it", "la dottoressa mi vuole dare il cortisone, voi che dite?", "treatment"),
    # "which is better for me, X or Y" with devices
    ("en", "which is better for me, the coil or the implant?", "treatment"),
    ("it", "x il mal di schiena per me è meglio voltaren o oki?", "treatment"),
    # a health claim to confirm; harm from a treatment; whether a vaccine is worth it
    ("es", "es verdad que con el sintrom no se puede tomar té verde?", "treatment"),
    ("en", "does the steroid injection damage the tendon?", "treatment"),
    ("fr", "le vaccin contre le zona, ça sert à quelque chose à 60 ans ?", "treatment"),
    # something to put on a burn; what a relative can take; wait or operate
    ("it", "mi sono scottata al sole, ci metto il gentalyn?", "treatment"),
    ("fr", "ma fille a mal aux dents, elle peut prendre quoi ?", "treatment"),
    ("es", "mi bebé de 5 meses lleva 4 días sin hacer caca, le doy algo?", "treatment"),
    (
        "it",
        "mi hanno trovato un calcolo di 4 mm, lo butto fuori da solo o serve l'intervento?",
        "treatment",
    ),
    # two opinions disagree; "would you" about one's child or mother; is half a tablet enough
    (
        "en",
        "urologist put me on tamsulosin but my gp says i dont need it, who do i listen to?",
        "treatment",
    ),
    ("fr", "vous feriez opérer votre fils des végétations ou vous attendriez ?", "treatment"),
    ("en", "if it was your mum would you put her through chemo at 85?", "treatment"),
    ("es", "prednisona 30 mg media pastilla es suficiente?", "treatment"),
    # a finding told after an exam is not a preparation question
    (
        "it",
        "dopo la spirometria mi hanno detto ostruzione lieve, devo usare il ventolin?",
        "treatment",
    ),
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
    # --- look-alikes of the frames above ---
    # "is it normal" about the visit, not the body
    ("en", "is it normal to have to undress for the skin check?"),
    # a body part in a preparation or a price question
    ("it", "devo portare le vecchie lastre del ginocchio alla visita?"),
    ("fr", "c'est combien un doppler des jambes ?"),
    # a symptom while asking about an appointment, a service, a collection, a vaccine slot
    ("es", "tengo fiebre, la cita de mañana sigue en pie?"),
    ("it", "la visita del 12/10 è confermata? ho ancora un po' di tosse"),
    ("fr", "un petit rhume depuis 2 jours, je peux quand même venir mardi pour la prise de sang ?"),
    ("es", "mi marido tiene gripe, puedo ir yo a recoger sus análisis?"),
    ("es", "mi hijo tiene tos, puede ponerse la vacuna el jueves igual?"),
    ("it", "avete il servizio di mappatura dei nei?"),
    ("en", "who sees back pain at your clinic?"),
    ("en", "can my husband come in with me during the scan? my back hurts when i lie flat"),
    ("es", "el certificado para el gimnasio lo hacéis en el día? tengo asma"),
    ("en", "where do i get the form for free prescriptions for diabetes?"),
    # which specialist, not which treatment; which slot, not which treatment
    ("it", "ho un neo sulla schiena, lo guarda il dermatologo o il chirurgo?"),
    ("en", "which is better for me, the morning or the afternoon slot?"),
    ("es", "qué es mejor para mí, la cita de las 9 o la de las 12?"),
    # "c'est pas grave" means never mind; "number" is not "numb"
    ("fr", "t'es un robot ? bon c'est pas grave, c'est où le parking ?"),
    ("en", "what is the number for a&e at night?"),
    # will the exam hurt; the bowel preparation's sachets; usual tablets on the morning of a test
    ("it", "il pap test fa male?"),
    ("en", "how many sachets of the bowel prep do i take, and when?"),
    ("it", "la mattina del prelievo le pastiglie della pressione le prendo lo stesso?"),
    # a relative on a medicine needing a referral
    ("en", "my dad is on warfarin, does he need a new referral for his inr checks?"),
    # whether a procedure hurts or tires; who is right about a date; a form; a school note
    ("en", "does the knee injection hurt?"),
    ("fr", "la spirométrie c'est fatigant ? je suis un peu essoufflée dans les escaliers"),
    ("es", "la recepcionista dice martes y la web miércoles, quién tiene razón?"),
    ("en", "could you put on the gym form that i have asthma?"),
    ("en", "can you do a school note for my son who had a fever last week?"),
    ("it", "basta la ricetta elettronica per ritirare il farmaco in farmacia?"),
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


# (built-in list, text, what it must find: None for nothing)
BUILT_IN = [
    ("posology", "brufen 600 x3", "x3"),
    ("posology", "1 cp x 2/die", "x 2/die"),
    ("posology", "3 x al giorno", "3 x al giorno"),
    ("posology", "doliprane toutes les 4h", "toutes les 4h"),
    ("posology", "ibuprofeno cada 8 horas", "cada 8 horas"),
    ("posology", "amox 500 tds", "tds"),
    ("posology", "antibiotico per 7 giorni", "per 7 giorni"),
    ("posology", "siamo in 2 x la visita", None),  # "x" for "per", not a schedule
    ("posology", "siamo x 2 persone", None),
    ("posology", "ogni giorno alle 8h", None),
    ("lab_value", "glicemia 126 mg/dl", "126 mg/dl"),
    ("lab_value", "cholestérol 2,6 g/l", "2,6 g/l"),
    ("lab_value", "hba1c 48 mmol/mol", "48 mmol/mol"),
    ("lab_value", "plt 110 x10^9/l", "110 x10^9/l"),
    ("lab_value", "costa 50 euro/l", None),
    ("bp_value", "pressione 150/95", "150/95"),
    ("bp_value", "tension 90 / 60", "90 / 60"),
    ("bp_value", "la visita del 12/10", None),  # a date
    ("bp_value", "il 25/12 siete aperti", None),
    ("bp_value", "anno 2023/24", None),
]


@pytest.mark.parametrize(("name", "text", "found"), BUILT_IN)
def test_built_in_lists(name: str, text: str, found: str | None) -> None:
    folded, _ = normalise(text)
    matches = [m.group() for m in _BUILTIN[name].finditer(folded)]
    assert matches == ([] if found is None else [found])


def test_shorthand_spells_phrases_the_short_way() -> None:
    short = shorthand("test", {"que": ["q", "k"], "per": ["x"], "giorni": ["gg"]})
    spelled = with_shorthand(["me tengo que preocupar", "per quanti giorni"], short)
    assert spelled[:3] == ["me tengo que preocupar", "me tengo q preocupar", "me tengo k preocupar"]
    assert {"per quanti giorni", "x quanti giorni", "per quanti gg", "x quanti gg"} <= set(spelled)
    # a stem is never abbreviated, and a word inside another word is left alone
    assert with_shorthand(["que*"], short) == ["que*"]
    assert with_shorthand(["perque", "esperar"], short) == ["perque", "esperar"]


@pytest.mark.parametrize("raw", [["que", "q"], {"que": "q"}, {"que": []}])
def test_malformed_shorthand_is_refused(raw: object) -> None:
    with pytest.raises(LexiconError):
        shorthand("test", raw)


def test_abbreviated_question_is_read_like_the_written_one(guard: ClinicalAdviceGuard) -> None:
    written = guard.check("pourquoi j'ai des vertiges ?", GuardContext(language="fr"))
    short = guard.check("pk j'ai des vertiges ?", GuardContext(language="fr"))
    assert not written.allowed and not short.allowed
    assert short.reason == written.reason


@pytest.mark.parametrize(
    ("text", "preparing"),
    [
        ("quante ore di digiuno x il colesterolo?", True),
        ("faut-il être à jeun pour la prise de sang ?", True),
        ("do i need to be fasting for the bloods", True),
        ("my heart beats fast, should i worry", False),
        ("hay que ir en ayunas?", True),
        ("il colesterolo a 280 e grave?", False),
        ("what time do you open on saturday", False),
    ],
)
def test_is_preparation_reads_the_preparation_words(
    guard: ClinicalAdviceGuard, text: str, preparing: bool
) -> None:
    assert guard.is_preparation(text) is preparing


@pytest.mark.parametrize(
    "text",
    [
        "im diabetic, do i still have to fast for the bloods?",
        "soy diabetica, tengo que ayunar igual?",
        "je suis diabétique, je dois jeûner quand même ?",
        "sono diabetico, devo digiunare lo stesso?",
    ],
)
def test_a_condition_with_a_fasting_question_is_preparation(
    guard: ClinicalAdviceGuard, text: str
) -> None:
    assert guard.check(text, GuardContext()).allowed


@pytest.mark.parametrize(
    "text",
    [
        "im allergic to latex, should i tell you before the visit?",
        "ive got terrible toothache, any slots tomorrow?",
        "je suis allergique au latex, je dois prévenir ?",
        "soy alergica al latex, tengo que avisar?",
        "mi fa male il ginocchio, avete posti liberi domani?",
    ],
)
def test_a_condition_told_to_get_a_slot_or_warn_the_staff_is_not_advice(
    guard: ClinicalAdviceGuard, text: str
) -> None:
    assert guard.check(text, GuardContext()).allowed
