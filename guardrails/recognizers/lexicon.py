"""Word lists shared by the recognizers: calendar words, everyday words, units.

Every entry is *folded* (see :func:`fold`): lower case, accents removed, so
"Lunedì", "lunedi" and "LUNEDI" are the same key. Patients type without
accents; the lists follow them.
"""

from __future__ import annotations

import unicodedata


def fold(word: str) -> str:
    """Return ``word`` case-folded with accents removed ("Lunedì" -> "lunedi")."""
    if word.isascii():
        return word.lower()  # the same result, without decomposing: most words are ASCII
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in text.split())


MONTH_NAMES: tuple[str, ...] = (
    "gennaio gen janvier janv jan enero ene january",
    "febbraio feb février fevrier févr fevr fév fev febrero february",
    "marzo mar mars march",
    "aprile apr avril avr abril abr april",
    "maggio mag mai mayo may",
    "giugno giu juin junio jun june",
    "luglio lug juillet juil julio jul july",
    "agosto ago août aout aug august",
    "settembre set septembre sept septiembre setiembre sep september",
    "ottobre ott octobre oct octubre october",
    "novembre nov noviembre november",
    "dicembre dic décembre decembre déc dec diciembre december",
)
"""Month names and abbreviations, January first, as typed (with and without accents)."""

MONTH_NUMBERS: dict[str, int] = {
    fold(name): number
    for number, names in enumerate(MONTH_NAMES, start=1)
    for name in names.split()
}
"""Month names and abbreviations in Italian, French, Spanish and English -> 1-12."""

WEEKDAYS = _words(
    """lunedì martedì mercoledì giovedì venerdì sabato domenica
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles jueves viernes sábado domingo
    monday tuesday wednesday thursday friday saturday sunday"""
)

CALENDAR_WORDS = (
    WEEKDAYS
    | frozenset(name for name in MONTH_NUMBERS if len(name) > 3)
    | _words(
        """tues thurs weds
        mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends
        lundis mardis mercredis jeudis vendredis samedis dimanches
        natale pasqua pasquetta ferragosto capodanno epifania befana vigilia
        noël noel pâques paques toussaint navidad nochebuena reyes pascua semana santa
        christmas easter halloween thanksgiving
        primavera estate autunno inverno printemps été ete automne hiver
        verano otoño invierno spring summer autumn fall winter
        oggi domani ieri mattina pomeriggio sera notte
        aujourd'hui demain hier matin soir nuit hoy mañana manana ayer tarde noche
        today tomorrow yesterday morning afternoon evening night"""
    )
)
"""Weekdays (also plural: "on Tuesdays"), months, holidays, seasons and times of day in the
four languages."""

NATIONALITIES = _words(
    """italiano italiana italiani francese francesi spagnolo spagnola inglese tedesco tedesca
    svizzero svizzera americano americana rumeno rumena marocchino
    italien italienne francais francaise espagnol espagnole anglais anglaise allemand
    allemande suisse americain americaine roumain roumaine marocain marocaine belge
    espanol espanola frances francesa italiana ingles inglesa aleman alemana suizo suiza
    americana rumano rumana marroqui belga
    italian french spanish english german swiss american romanian moroccan british irish
    polish ukrainian portuguese brazilian russian albanian nigerian ghanaian senegalese
    indian pakistani chinese filipino welsh scottish
    argentino argentina argentin argentine portugues portuguesa portugais portugaise
    portoghese brasiliano brasiliana brasileno brasilena bresilien bresilienne
    tchadien tchadienne ciadiano ciadiana chadiano chadiana senegalais senegalaise
    senegalese ucraino ucraina ucraniano ucraniana ukrainien ukrainienne"""
)
"""Nationalities, which some first names also are ("soy Frances" is "soy francés")."""

FAITHS_AND_NEEDS = _words("muslim sunni shia catholic jewish hindu sikh buddhist deaf")
"""Who a patient is, capitalised in English ("she's Deaf", "he's Sunni Muslim"): no name."""

LAUGHS = frozenset("ahah haha ahahah hahaha jaja jajaja jeje jejeje hihi lol mdr xd xdd".split())
"""Laughs written in a chat: never part of a name ("sn fisietto ahah")."""

# Words that close a message before a signature ("grazie!! Manuela", "merci. luc"), farewells
# among them ("grazie arrivederci", "Bonne soirée"), thanks in chat shorthand ("merci bcp"),
# in the languages visitors thank in too ("Dank je", "Diolch, Lowri"), and laughs.
CLOSINGS = LAUGHS | frozenset(
    fold(word)
    for word in """
    grazie grazie mille saluti cordiali distinti ciao buona giornata serata
    arrivederci arrivederla
    merci beaucoup cordialement bonne journee soiree salutations revoir adieu
    thanks thank you cheers regards best kind wishes bye goodbye
    gracias saludos saludo atentamente besos abrazos beso besito besitos abrazo bss bsos adios
    bacio baci bacioni abbraccio abbracci bises evening night weekend
    svp stp pls please plz porfa porfavor favor xfa
    bcp thx tks grz grax danke gràcies gracies grazas eskerrik asko obrigado obrigada cdlt
    dank bedankt dankjewel diolch moltes shukran salam inchallah inshallah gamarjoba
    добрий дякую спасибо привет
    """.split()
)

MEDICINE_WORDS = _words(
    """movicol laevolac duphalac pursennid clenil flixotide pulmicort spiriva relvar trimbow
    zirtec reactine tobradex zimox velamox rocefin tavanic klacid elopram sereupin lobivon
    congescor norvasc aldactone totalip zocor ezetrol omeprazen lucen riopan dissenten normix
    orfidal almax fortecortin augmentine frenadol piriteze anadin contramal muscoril
    optimizette microgynon cerazette loette optilova minesse
    gardasil cervarix stamaril ixiaro prevenar bexsero trumenba nimenrix menveo menquadfi
    vivotif typhim dukoral havrix vaqta engerix twinrix infanrix hexyon vaxelis priorix varivax
    varilrix proquad boostrix repevax revaxis imovax rabipur verorab shingrix zostavax fluad
    vaxigrip influvac flucelvax efluelda comirnaty spikevax nuvaxovid qdenga dengvaxia arexvy
    abrysvo beyfortus synflorix rotarix rotateq tetravac pentavac hexavac pneumovax
    vaxneuvance avaxim epaxal
    eutirox levothyrox sintrom clexane lovenox ventolin ventoline zyrtec malarone tachipirina
    lovavulo jaydess kyleena zoely voltarene staloral grazax mimpara"""
)
"""Brand names of medicines and vaccines ("il Movicol", "the Gardasil jab", "Stamaril") that
nobody is called: no first name, no surname of any census (the tests check it)."""

EPONYMOUS_DISEASES = _words(
    """alzheimer crohn basedow meniere ménière tourette asperger hodgkin dupuytren bechterew
    perthes marfan quervain heimlich apgar"""
)
"""Diseases, signs and tests named after a physician ("centro diurno Alzheimer", "morbo di
Crohn"), in no list of names nor any census: never a name alone. Not "Parkinson", "Raynaud",
"Graves" or "Addison", surnames and first names in use."""

FAMILY_WORDS = _words("mum mom dad mummy mommy daddy mamma mamá moglie maman tonton hubby")
"""What a family calls its members ("Mum wants her hair done", "la mamá de Valeria", "MIA
MOGLIE"): a relation, never a name. Not "papa" (an Italian surname), "nana" or "mamie"
(first names)."""

COMPANY_MARKS = _words("snc sasu sarl eurl srl spa sagl sl slu ltd llc gmbh plc")
"""Legal forms that end a company's name ("Officine Gatti snc", "Roussel SARL"): not a name.
Not "sas": Sas is a surname too."""

FORM_AND_CHAT_WORDS = _words(
    """titulaire intestatario intestataria policyholder cardholder insurer landline card suite
    dob dispo jab jabs pourriez pouvez rappelez"""
)
"""Labels of a form or a card ("Titulaire :", "Intestatario", "Policyholder", "Insurer:",
"Landline") and chat words ("je suis dispo", "FLU JAB", "Rappelez-moi") that a capital or a
place before a name makes look like one."""

EVERYDAY_WORDS = (
    CALENDAR_WORDS
    | _words(
        """sole luna mare stella fiore rosa viola aria luce neve pace gioia speranza fede
    bianca bianco nero rosso verde vera vero franco bruno grande piccolo forte
    sol luz mar paz cielo flor estrella alba alma amor gloria gracia salud socorro
    remedios dolores amparo consuelo esperanza soledad piedad caridad nieves pilar
    rocío rocio cruz reina dulce blanca clara
    soleil lune mer étoile etoile fleur rose paix claire blanche aimé aimée
    sun moon sea star flower peace hope faith grace joy will may mark bill bob
    frank jack guy ray dawn holly ivy lily daisy ruby amber pearl hazel
    buongiorno buonasera salve ciao grazie prego scusi bonjour bonsoir salut merci
    hola buenas gracias hello hi hey thanks please
    testa mano piede gamba braccio cuore schiena pancia collo occhio
    cabeza mano pie pierna brazo corazón espalda barriga cuello ojo
    tête main pied jambe bras cœur coeur dos ventre cou œil oeil
    head hand foot leg arm heart back neck eye
    visita referto esame analisi dottore dottoressa medico clinica ospedale
    consultation docteur médecin medecin cita consulta médico informe
    appointment doctor clinic hospital
    née nee né nata nato nacida nacido born nacque naquit nació nacieron"""
    )
    | NATIONALITIES
    | FAITHS_AND_NEEDS
    | MEDICINE_WORDS
    | EPONYMOUS_DISEASES
    | FAMILY_WORDS
    | FORM_AND_CHAT_WORDS
    | COMPANY_MARKS
)
"""Words of everyday talk that some names (first or last) also are; nationalities, medicines,
family and form words, companies' legal forms too."""

COUNTRIES = _words(
    """albania albanie cambodia cambogia cambodge camboya thailand thailandia thaïlande tailandia
    vietnam laos myanmar birmania birmanie indonesia indonésie malaysia malesia malaisie malasia
    philippines singapore singapour singapur bangladesh pakistan
    afghanistan iraq irak lebanon libano turkey turchia turquie turquía egypt egitto
    égypte egipto morocco marocco maroc marruecos algeria algérie senegal sénégal
    nigeria cameroon camerun cameroun ethiopia éthiopie uganda ouganda tanzania tanzanie
    zambia zambie zimbabwe mozambique mozambico madagascar botswana namibia namibie malawi
    rwanda burundi liberia brazil brasile brésil brasil colombie ecuador équateur venezuela
    paraguay uruguay mexico messico mexique méxico guatemala honduras nicaragua haiti haïti
    giamaica jamaïque giappone japon japón korea corea corée mongolia mongolie
    uzbekistan kazakhstan ukraine ucraina ucrania russie belarus moldova moldavia moldavie
    romania roumanie rumania rumanía bulgaria bulgarie serbia serbie croatia croazia croatie
    croacia slovenia slovénie slovakia slovacchia slovaquie hungary ungheria hongrie hungría
    pologne allemagne alemania germany austria autriche switzerland belgium belgio
    belgique bélgica netherlands olanda denmark danimarca danemark dinamarca sweden svezia
    suède suecia norway norvegia norvège noruega finland finlandia finlande islanda islande
    scotland scozia écosse escocia inghilterra angleterre inglaterra portogallo spagna espagne
    spain italie italy australie"""
)
"""Countries a patient travels to or comes from ("per Cambodia", "Durazzo (Albania)", "de
Puerto Rico", where "Puerto" is a place word), in the four languages; not those that are also
names in use ("Argentina", "Italia", "Germania", "Jordan", "Kenya", "Nepal", "Portugal")."""

AMBIGUOUS_FIRST_NAMES = _words(
    """rosa marina sole speranza domenica natale pasqua stella serena gioia bianca
    bruno franco vera viola aria aurora celeste fedele fiamma gemma greca greco
    leone lilla luce donna durante allegra amico benvenuto fortunata modesto
    romana sante santo salvi toni pia pio ben max lisa ida asia
    dolores amparo rocío luz mar sol paz pilar consuelo soledad esperanza socorro
    remedios salud nieves piedad caridad reyes cruz milagros luna alba alma amor
    angel ángeles gloria gracia clara blanca dulce estrella flor perla paloma
    reina victoria rosario trinidad visitación asunción ascensión encarnación
    concepción purificación inmaculada natividad abril domingo pastor pastora
    salvador santos severo benigno benigna cándido cándida clemente constanza
    coral corona felicidad fidel modesta primitivo plácido urbano violeta amado
    amada azucena custodia bienvenida buenaventura candela marco dan che eli
    claire rose constance victoire aurore marine capucine noël honoré aimé aimée
    will may june april autumn summer mark grace hope faith joy chase hunter
    grant frank jack bill bob don guy ray sue pat dawn holly ivy lily daisy
    crystal amber ruby pearl iris violet hazel heather sandy misty destiny
    melody diamond raven earl lance drew gene glen dale miles penny robin carol
    brandy"""
)
"""First names that are also everyday words ("rosa", "Luz", "Will", "Claire").

They count as a name only with a known surname after them or after a phrase
that introduces a name ("mi chiamo Rosa").
"""

PREDICATE_NAMES = (
    _words(
        """serena franco franca allegra bianca bruno bruna vera fedele modesto modesta sole
    santo felice stella clara blanca dulce severo benigno benigna cándido cándida
    claire rose blanche marine frank sandy misty grace joy hope faith"""
    )
    | NATIONALITIES
)
"""Ambiguous first names that also say how someone is ("sono serena", "je suis
claire", "i'm frank"): after "sono", "soy", "je suis", "i'm" they need a capital."""

EXTRA_FIRST_NAMES = _words(
    """speranza domenica natale pasqua will may
    agnese arianna asia assunta cinzia davide eleonora elia emanuela emanuele enea gaia
    ginevra greta immacolata katia samuele simona tommaso viola
    didier léa léo mathieu maxime pascal quentin raphaël romain sandrine
    alfie ava freddie isla ivy lily"""
)
"""Common first names missing from Faker's lists (checked against the most frequent
given names in Italy, France, Spain, the UK and the US)."""

EXTRA_LAST_NAMES = _words(
    """colombo giordano barbieri fontana mariani galli martini longo gentile vitale
    marchetti ferraro ferri bianco valentini messina gatti sanna rizzi morelli
    mazza testa pellegrino carbone giuliani barone caputo palmieri martino fiore
    basile riva piras vitali sartori neri costantini milani pagano ruggiero
    negri damico d'amico d'angelo"""
)
"""Common Italian surnames (ISTAT's most frequent) missing from Faker's it_IT list."""

DEPARTMENT_WORDS = _words(
    """urgenze urgenza urgencias urgencia urgences emergency emergencies pronto soccorso
    accettazione ambulatorio reparto servizio servicio service primaria primaire primary
    atención atencion medicina médecine medecine chirurgia chirurgie cirugía cirugia surgery
    ortopedia orthopédie orthopedie orthopaedics orthopedics ortodoncia orthodontie
    orthodontics odontoiatria odontología odontologia dentisterie dentistry
    fisioterapia physiothérapie physiotherapie physiotherapy physio kiné kine
    laboratorio laboratoire laboratory lab consultorio recepción recepcion reception
    segreteria secretaría secretaria secrétariat secretariat ufficio uffici oficina"""
)
"""Departments, services and offices of a clinic or an employer ("STEFANO DELL'UFFICIO
TECNICO"), which spaCy sometimes tags as names."""

_DEPARTMENT_ENDINGS: tuple[str, ...] = tuple(
    """logia logie logy iatria iatrie iatry iatrics scopia scopie scopy grafia graphie graphy
    terapia therapie therapy""".split()
)


def is_department(word: str) -> bool:
    """Tell whether ``word`` names a department or a specialty ("Dermatologia", "Urgencias")."""
    key = fold(word)
    return key in DEPARTMENT_WORDS or (len(key) > 7 and key.endswith(_DEPARTMENT_ENDINGS))


UNITS = _words(
    """volte volta ore ora minuti minuto min giorni giorno settimane settimana mesi mese
    anni anno euro eur € % sedute seduta lezioni incontri foto documenti file pagine
    copie persone bambini figli pezzi compresse pillole gocce mg ml kg cm km metri m
    fois heures heure h jours jour semaines mois ans séances seances personnes enfants
    comprimés comprimes euros veces vez horas hora días dias semanas meses años anos
    sesiones personas niños ninos hijos pastillas times hours hour hrs days day weeks
    months years sessions people kids children pills tablets minutes mins am pm"""
)
"""Words that follow a quantity, never a house number ("3 volte", "2 days")."""


def longest_first(phrase: str) -> tuple[int, str]:
    """Sort key for alternations: longest phrases first, ties in text order.

    Sorting a set by length alone leaves ties in the set's order, which changes
    with the process's hash seed, and so would the pattern's source (and any
    compiled-pattern cache keyed by it).
    """
    return -len(phrase), phrase
