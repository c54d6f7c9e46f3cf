"""A small cross-language lexicon of front-desk concepts (Italian, French, English, Spanish).

Patients ask in one language about documents written in another. Mapping
words to shared concepts lets the extractive composer pick the sentence that
answers a French question from an Italian document, and tells it when a
passage shares no concept with the question at all. Entries are word
prefixes, folded (lowercase, no accents).
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
from pathlib import Path

from agent.text import fold, words

# One concept a line: "concept: prefixes"; words shorter than four letters match only whole,
# longer ones as prefixes, unless they end with "." ("velo." is "velo", not "veloce");
# "a+b" is a phrase of several words.
PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>")
CONCEPT_TABLE = """
monday: luned lundi monday lunes
tuesday: marted mardi tuesday martes tue
wednesday: mercoled mercredi wednesday miercoles wed
thursday: gioved jeudi thursday jueves thu
friday: venerd vendredi friday viernes fri
saturday: sabat samedi saturday sabado sat
sunday: domenic dimanche sunday domingo sun
holiday: festiv ferie holiday holidays vacan jour+ferie dias+festivos bank+holiday agosto august aout natale noel christmas navidad capodanno nouvel+an new+year ano+nuevo pasqua paques easter pascua xmas ferragosto
weekday: feriali weekday weekdays semaine laborable entre+semana
weekend: weekend week-end fin+de+semana fine+settimana
open: apert apri aprite aprono open opens opening ouver ouvr abiert abre abren abrir abris abrimos apertura
close: chius chiud close closed closing ferm cerrad cierr
hours: orari orario ora ore hour hours time times heure heures horaire hora horas horario when quand cuando
address: indirizz via sede sedi address location locations adresse direccion situ dove where ou donde site sites
transport: metro metropolitan bus tram. trams. tramway autobus treno tren train stazion station estacion linea ligne line tranvia gare. taxi mezzi+pubblici coi+mezzi con+i+mezzi transports+en+commun transporte+publico public+transport navette navetta lanzadera shuttle
parking: parchegg parking stationn aparcamiento aparcar garage auto. autos. car cars voiture coche macchina. macchine. park. parked. garer. garez. posteggi estacionam estacionar
access: accessib disabil carrozzin wheelchair ascensor elevator lift fauteuil silla+de+ruedas sillas+de+ruedas sedia+a+rotelle sedie+a+rotelle handicap rampa ramp camminar caminar walk marcher deambulat andador rollator scale escalier stairs escaleras andar. silla. stampell bequille muleta muletas crutch crutches
sensory: sord sourd deaf cieco blind aveugle ciego malvoyant ipoveden malentend hipoacus ipoacus hard+of+hearing lingua+dei+segni langue+des+signes sign+language lengua+de+signos lis lsf lse bsl asl
pushchair: passeggin poussette pushchair stroller pram cochecito carrito+de+bebe
fasting: digiun fast fasting jeun ayun mangiar eat eating manger comer bere drink boire beber acqua water eau agua colazione breakfast desayuno dejeuner mange mangi comid repas pasto. meal meals petit+dej
blood: sangue prelievo prelievi prelev blood bloods sang sangre analisi analys analis prise+de+sang extraccion colesterol cholesterol glicem glycem glucemi glucos emocrom hemogram azucar zucchero blood+sugar
urine: urin orina urocult
mri: risonanz mri irm resonancia rmn
ultrasound: ecograf ultrasound echograph ecografia eco. echo. ecocardio echocardio sonogra doppler ecodoppler ecocolordoppler
colonoscopy: colonscop colonoscop coloscop
xray: radiograf radiograph raggi. x+ray xray rayos radio. radios. lastra. lastre.
metal: metall metal jewel gioiel bijou joya joyas piercing
pacemaker: pacemaker stimulat marcapaso
bring: portar porto bring apporter amener ramene traer llevar
identity: documento document documents identita identity identite identidad passport passaporto passeport pasaporte dni id+card photo+id
healthcard: tessera+sanitaria health+card carte+vitale tarjeta+sanitaria
prescription: impegnativ ricett prescri ordonnance receta referral
early: anticip early avance antes antelac preaviso preavis notice minut
book: prenot appuntament book booking appointment appt rendez rdv reserv cita prendre+rendez walk+in sans+rendez sin+cita turn+up drop+in
cancel: disdett disdir disdic annull cancel annul anul spost resched deplac cambiar modific rinviar rimandar decommand reprogram
phone: telefon teleph phone call chiamar appel llamar numero number cellular cellulare movil mobile smartphone
online: online portal portale internet web sito app en+ligne credenzial password login mot+de+passe contrasena
pay: paga pagar pagam pago pagare pay paying payment paie paye payer payant abon dinero argent soldi money
price: prezz cout coute coste cost costs price prices prix tarif precio cuest quanto combien cuanto euro eur gratis gratuit gratuito gratuita free
card: card cards carta carte carte+bancaire tarjeta bancomat credit debit pos contactless visa mastercard amex american+express
cash: contant cash espece especes efectivo liquide
transfer: bonific transfer virement transferencia
cheque: assegn cheque cheques check checks
invoice: fattur invoice factur ricevut receipt recu recibo
refund: rimbors refund rembours reembols devol devuel
fee: penal fee fees frais tassa multa penaliz supplement
copay: ticket copay ssn servizio+sanitario nhs securite+sociale mutuelle seguridad+social secu. mutua. cpam ameli assurance+maladie tiers+payant sanidad+publica complementaire+sante
insurance: assicuraz insur assuran seguro polizz cover. covered coverage copertura couverture cobertura
results: referto referti risultat esit result results resultat compte+rendu resultado informe
days: giorn day days jour jours dia dias settiman week weeks semaine semana lavorativ working ouvrable habil
delegate: deleg proxy procuration autoriz autoris someone+else qualcun quelqu alguien familiar parente authoris authoriz
paper: cartace paper papier papel stampat print copia copy copie
histology: istolog histolog biops
language: lingu lengua language languages langue idioma ingles english anglais inglese francese french francais frances spagnol spanish espagnol espanol tedesco german allemand aleman parla parlate speak speaks parle parlez habla hablan italian italien castellano portugu arab russo russe ruso russian chino chinois cinese chinese
interpreter: interpret tradutt translat traduct interprete
foreign: stranier foreign etranger extranjer internaz international internacional turist tourist touriste abroad estero italia italy france francia spagna espana spain inglaterra england germania alemania allemagne germany british britan erasmus expat
ehic: team ehic tessera+europea carte+europeenne tarjeta+sanitaria+europea european+health ghic
private: privat private prive privad solvent
visit: visit consult consulta medico medecin doctor dottor docteur specialist
child: bambin bimb child children enfant nino nina nene crio crios bebe baby babies neonat nourriss pediatr paediatr figli kid kids gamin gamins gosse gosses mome. momes. infant infants toddler ado. ados. adolescen teen teens teenager chaval chavales peque. peques.
duration: tempo tempi durata dura duration long how+long duree delai temps tiempo tard tarda tardan plazo demora
wait: attes wait waiting attente espera coda queue fila
email: email mail posta correo courriel
exam: esam exam prueb test study estudi
explain: spieg explic expliqu explain signific
tax: detraz detrai detrarr desgrav renta. irpf impot. impots. tax. taxes deducib deduct deducc hacienda dichiarazione+dei+redditi declaration+d+impots
installments: rate rateiz plazos instalment installment echelonn mensualit financ
account: conto compte cuenta account banca banco banque bank
complaint: reclam complaint plainte lament
noon: mezzogiorno midi mediodia noon lunch pranzo dejeuner almuerzo pausa
office: cabinet studio consultorio office ambulatori
clinic: clinic clinica clinique policlinic poliambulat centro+medico centre+medical medical+centre
patient: pazient patient pacient
front_desk: accettazion accueil reception recepcion segreteria sportello front+desk desk
staff: personale staff personnel operatore
vaccine: vaccin vacun vaccine vaccines antinfluenzal flu+shot
late: ritard retard late tarde tardi atraso retras
message: sms messagg message text txt mensaje whatsapp
skin: pelle peau piel skin dermat neo neei grain+de+beaute lunar lunares mole moles macchie. macchia. tache. taches. verruc verrue wart warts acne eczem psoria brufol
eyes: occhi occhio oeil yeux eye eyes ojo ojos ocul ophtalm ophthalm oftalm pupill pupil vista. eyesight dilat fundus fondo+dell+occhio fondo+oculare fondo+de+ojo fond+d+oeil
physio: fisio physio kine riabilit reeduc rehab
airport: aeroport airport aeropuerto
age: anni ans years anos eta edad minorenn mineur minor minors menor menores
teeth: dent denti dient teeth tooth dental dentist odontoiatr muela molar molair gengiv gencive encia
cleaning: pulizi detartr limpieza cleaning igien hygien
whitening: sbiancam blanchiment blanqueam whitening
sample: campion echantillon muestra muestras sample samples
quote: preventiv devis presupuest quote quotes estimate
drive: guidar conduire conduir conducir drive driving conduis
valid: valid valable vigenc vigente
certificate: certificat certificado certificate certificates
records: cartella+clinica dossier+medical historia+clinica medical+record medical+records fascicolo historial expediente dossier. dossiers. medical+file medical+history notes.
consent: consens consent consentim
form: modul formulaire formulario form forms
pregnancy: gravidanz incinta enceinte grossesse embaraz embarazada pregnan
animal: animal animali cane chien perro dog dogs
home: domicil domicilio home+visit home+visits
lab: laborator labo lab labs
glasses: occhiali lunettes glasses gafas lenti lentill lentes contact+lens
hearing: udito audition hearing audici audiometr
allergy: allerg
antihistamine: antistamin antihistamin
travel: viaggi voyage travel viaje trip viaj
toilet: bagno toilette toilets toilet wc aseo aseos restroom bathroom servizi+igienici
wifi: wifi wi-fi wi+fi
pharmacy: farmacia pharmacie pharmacy
cardiology: cardio cardia cuore coeur corazon heart
dermatology: dermatolog
gynecology: ginecolog gynecolog gynaecolog gyneco gine. gyno.
contraception: contracep anticoncez anticoncep pilule the+pill pillola+anticoncezionale pildora+anticonceptiva
midwife: midwife midwives matrona comadrona sagefemme. sagesfemmes. sage+femme sages+femmes
orthodontics: ortodon orthodon braces brackets apparecchio+per+i+denti appareil+dentaire aparato+dental
orthopedics: ortoped orthop traumatolog
urology: urolog
neurology: neurolog
psychology: psicolog psycholog psichiatr psychiatr
nutrition: nutrizion nutrition nutricion dietist dietet dietolog dieta. diete. diet.
podiatry: podolog podiatr pedicur chiropod pies. feet.
osteopathy: osteopat osteo
speech: logoped orthophon speech+therap
ct: tac ct+scan cat+scan scanner tomograf
mammography: mammograf mammograph mamograf mammogram mammo. mamo.
ecg: ecg ekg elettrocardiogramm electrocardiogram electrocardiograma
deposit: cauzion caution deposit deposito acompte
discount: scont remise reduc descuent discount
luggage: bagagl valigi bagage valise luggage suitcase maleta equipaje
mask: mascherin masque masks mask mascarill
companion: accompagn accompan acompan
clothes: vestit vetement clothes clothing ropa abbigliament tenue wear wearing indoss habill vestir tuta. survet chandal tracksuit pigiama pyjama pijama
cosmetics: deodorant desodorant deo crema creme cream trucco maquillage makeup maquillaje
urgent: urgen
ent: ent orl otorin otorrin orecchi oreill ear ears oreja orejas oido oidos
sleep: sonno sommeil sleep sueno dormi dormir dorme dort. duerm russa russare ronfl ronque ronc snor polysomno polisonno apnea apnee
bike: bici bicicl bicycle bicycles bike bikes cycling cyclist ciclist velo. velos villo
changing: pannolin fasciatoio couche couches langer nappy nappies diaper diapers changing panal panales cambiador
bladder: vescic vessie bladder vejiga
cervical: pap+test pap+smear frottis citolog cytolog smear striscio cervical cervic
gp: gp generalist generaliste traitant medico+di+base medico+di+famiglia medecin+de+famille family+doctor family+physician medico+de+cabecera medico+de+familia cabecera
sport: sport deport calcio football futbol soccer palestra gym gimnas nuoto natation natacion swimming club.
licence: patente permis+de+conduire driving+licence driving+license driver+license licencia+de+conducir carnet+de+conducir
shoes: scarp chaussure basket. baskets zapato zapatos zapatill shoes shoe sneakers trainers
towel: asciugaman serviette toalla toallas towel towels
shower: docc douche doucher ducha duchas duchar shower showers lavarmi lavarme laver. wash.
locker: armadiett casier taquilla taquillas locker lockers lock. cadenas lucchett consigna
stress_test: sforzo effort esfuerzo treadmill tapis+roulant cinta+de+correr stress+test exercise+test ergometr cicloergometr
bone_density: densitometr densito. moc. dexa dxa mineralometr osteoporo bone+density bone+scan
occupational: occupational medicina+del+lavoro medecine+du+travail medecin+du+travail medicina+del+trabajo medicina+laboral salud+laboral work+medical medico+competente
employer: employer employers employeur employeurs datore+di+lavoro datori+di+lavoro empleador azienda aziende entreprise entreprises empresa empresas company boulot jefe
school: scuola scuole ecole ecoles school schools escuela escuelas
sick_note: sicknote sick+note sick+notes sick+leave fit+note fit+notes arret+de+travail arret+maladie certificato+di+malattia certificato+medico+di+malattia la+baja baja+medica baja+laboral parte+de+baja incapacite+de+travail incapacity+for+work
yellow_fever: stamaril febbre+gialla fievre+jaune yellow+fever fiebre+amarilla carnet+amarillo tarjeta+amarilla yellow+card carte+jaune libretto+giallo
malaria: malaria paludisme paludismo antimalari
eye_drops: gocce collirio collyre colirio gouttes gotas eye+drops
blood_pressure: ipertens hypertens hipertens blood+pressure pressione+arteriosa pression+arterielle tension+arterielle presion+arterial
covid: covid coronavirus pcr antigen sars
laser: laser
contrast: contrast mezzo+di+contrasto
basement: sotterran seminterrat souterrain subterran sotano basement
atm: atm cajero cajeros cashpoint cash+machine cash+machines distributeur+de+billets distributore+di+banconote
vending: vending macchinett distributore+automatico distributori+automatici distributeur+automatique distributeurs+automatiques maquina+expendedora maquinas+expendedoras expendedor snack snacks merendin tentempie cafeteria caffetteria cafetaria cafet. bar
play: gioc jouet jouets jeux juguet juegos toy toys playroom playground ludoteca coin+jeux area+giochi zona+de+juegos play+area play+corner play+room
smoking: fumer fumez fumeu fumar fumare fumat fumo. smok tabac tabacc tabaco sigaret cigar
pregnancy_scan: obstetr ostetric echo+de+grossesse echographie+de+grossesse echo+grossesse ecografia+ostetrica ecografia+in+gravidanza ecografia+della+gravidanza ecografia+de+embarazo ecografias+de+embarazo ecografia+del+embarazo ecografias+del+embarazo pregnancy+scan pregnancy+ultrasound baby+scan dating+scan
denture: dentier dentiera dentadura denture dentures protesi+dentaria prothese+dentaire
implant: impiant implant
filling: otturaz plombage empast obturat filling fillings carie caries cavity cavities
root_canal: devitaliz devitalis endodon root+canal root+canals canal+radicular traitement+de+canal
crown: couronne crown crowns corona+dentale corona+dental capsula+dentale funda+dental
extraction: estraz extract arrach extraccion+dental
periodontics: parodont periodon piorrea pyorrh
panoramic: panoram ortopantomo
anesthesia: anestesi anesthes anaesthes
wisdom_tooth: sagesse. wisdom. dente+del+giudizio denti+del+giudizio dent+de+sagesse dents+de+sagesse muela+del+juicio muelas+del+juicio wisdom+tooth wisdom+teeth
abdomen: addom abdom pancia barriga tummy belly ventre
claustrophobia: claustrofob claustrophob espaces+fermes espace+ferme lieux+clos spazi+chiusi espacios+cerrados enclosed+spaces confined+spaces
exam_table: lettino lettini camilla camillas table+d+examen tables+d+examen lit+d+examen examination+table exam+table examining+table
hearing_aid: audifon appareill apparecchio+acustico apparecchi+acustici appareil+auditif appareils+auditifs hearing+aid hearing+aids
iud: sterilet diu iud coil coils spirale. espiral. dispositivo+intrauterino
birth: accouch partori parir. childbirth give+birth giving+birth dar+a+luz labour+ward delivery+room salle+de+naissance sala+parto
buy: achet achat buy buying bought purchas compra compro.
genetic: genetic genetiq genetica genetico genetici genetiche dna adn test+de+paternite tests+de+paternite prueba+de+paternidad pruebas+de+paternidad test+di+paternita paternity+test paternity+tests
telemedicine: visio videoconsult teleconsult telemedic video videochiam videollam zoom skype
"""

# Relatives and carers: the person someone else collects for, or comes with. They are the
# concept *delegate* for quoting ("my husband" / "the proxy form"), but they say who the
# question is about, not what it asks (see ``is_family``).
FAMILY = tuple(
    """
    mum mom mother madre mere mamma padre pere father dad husband wife marito moglie mari femme
    esposo esposa sister brother sorella fratello soeur frere hermana hermano figlia figlio
    fille fils hija hijo daughter son nonna nonno nonni abuel grandmother grandfather grandma
    grandpa grandparent suocer suegr mother-in-law nanny nounou babysitter
    """.split()
)

CONCEPTS: dict[str, tuple[str, ...]] = {
    name.strip(): tuple(p.replace("+", " ") for p in prefixes.split())
    for name, prefixes in (line.split(":", 1) for line in CONCEPT_TABLE.strip().splitlines())
}
CONCEPTS["delegate"] += FAMILY

# Words patients use that carry no concept but would otherwise look like content.
_OWN_STOPWORDS = frozenset(
    """
    a ai al alla alle allo agli anche ancora che chi ci come con cosa cose da dal dalla dalle dei
    del della delle di e ed gia gli ha hanno ho i il in io la le li lo ma mi mio mia molto ne nel
    nella no non o per piu po puo qual quale quali quando qualche qualcosa se si sia sono su sul
    sulla ti tu tutto tutti tutte un una uno vi voi vostro vostra vorrei volevo voglio posso puoi
    potete possiamo devo deve devono dovrei bisogna serve servono fare fate faccio fa sapere
    sapete dire dite ecco sempre solo esatto esattamente salve ciao buongiorno buonasera grazie
    favore scusate scusi the an and are as at be by can could do does for from have how i if is
    it me my of on or our please should so that this to we what when which will with would you
    your want wanted need needs like just also still only already very much many some something
    anything tell know get got going thing things there here hello hi hey thanks thank exactly
    wants needs pick picks place stuff okay bout vero true vrai verdad exactement exactly exactamente esattamente
    de des du et est il ils je la le les leur mais mes mon ne nous on ou par pas pour qu que qui
    sa se ses son sur ta te tes ton tu un une vos votre vous y voudrais veux peux pouvez puis dois
    doit faut faire fais fait savoir dire estce exactement aussi encore toujours seulement deja
    tres bien tout tous toutes quelque chose svp stp merci bonjour bonsoir salut etre avoir
    el ella ellos en es esta estan hay la las lo los me mi mis muy nos o para pero por que se si
    sin su sus te tu tus un una unos uds usted ustedes vosotros yo quiero queria quisiera puedo
    puede pueden podria necesito necesita tengo tiene tienen hacer hago hace saber decir tambien
    todavia siempre solo ya mucho todo todos algo alguna alguno hola gracias buenas buenos favor
    faites fanno font hacen haceis etes sommes
    hes shes im ive doesnt cant wont isnt jai cest youre whats thats theres didnt wasnt arent
    couldnt shouldnt wouldnt jsuis chui jdois jpeux jveux jsais jvais com
    cmq xke xk pls plz thx tnx grz tks bjr slt wsp ppl pq xq tmb mrc cia bsr dsl
    """.split()
)


def _spacy_stopwords() -> frozenset[str]:
    """Return spaCy's stop-word lists for the four languages, folded.

    The lists are read from their files: importing ``spacy.lang.fr`` would
    build the French tokenizer exceptions, which takes seconds.
    """
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    root = Path(next(iter(spec.submodule_search_locations))) / "lang"
    found: set[str] = set()
    for language in ("it", "fr", "en", "es"):
        tree = ast.parse((root / language / "stop_words.py").read_text(encoding="utf-8"))
        # Each file is ``STOP_WORDS = set("""...""".split())``: take its long string.
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found |= {fold(w) for w in node.value.split()}
    return frozenset(found)


# Everyday verbs in their common forms: they say what the patient wants to do, not what
# about, so they never make a question "unknown" to the documents.
_COMMON_VERBS = frozenset(
    """
    andare vado va andiamo andate andato venire vengo viene venite venuto arrivare arrivo arriva
    arrivato arrivata vedere vedo vede vedete visto mettere metto mette messo parlare parlo parla
    parlate dare do da date dato dire dico dice detto prendere prendo prende preso ricevere ricevo
    riceve ricevuto perdere perso persa mandare mando manda mandate inviare invio scrivere scrivo
    scrivete trovare trovo trova trovato uscire esce escono usare uso usa chiedere chiedo chiede
    sapere so sa volere vuole vogliono servire capire capito aspettare aspetto tornare torno
    aller vais allons allez venir viens vient venons venez voir vois voit voyez vu mettre mets met
    parler parle parlez donner donne donnez dire dis dit prendre prends prend prenez pris recevoir
    recois recoit recu perdre perdu envoyer envoie envoyez ecrire ecris ecrivez trouver trouve
    sortir utiliser demander demande savoir sais vouloir veut servir comprendre attendre attends
    rejoindre raggiungere raggiungo raggiunge raggiungervi raggiungerci llegar llego llega reach
    revenir reviens
    ir voy vamos venir vengo viene vienen ver veo ve mirar poner pongo pone ponen puesto hablar
    hablo hablan dar doy da dan decir digo dice tomar tomo coger recibir recibo recibe perder
    pierdo pierde perdido enviar envio envian mandar escribir escribo encontrar encuentro salir
    sale salen usar pedir pido pide saber se querer quiere quieren servir sirve sirven entender
    perdi perdio perdu perdue
    esperar espero volver vuelvo mandais mandan mandas pasa pasar succede passe happens happen rispondete
    rispondere repondez repondre responden responder reply answer
    go goes going went come comes came see sees seen saw put puts speak speaks spoke give gives
    gave say says said take takes took receive received lose lost send sends sent write writes
    find found use used ask asked drop dropped bring brings brought understand wait waiting
    """.split()
)

# Everyday verbs that say what the patient wants done, and words for when: they narrow a
# question the documents answer but never change its subject, so the relevance gate counts
# them neither as known nor as unknown. They stay content words for quoting, where the
# same word in question and passage is good evidence.
_NEUTRAL_VERBS = frozenset(
    """
    accettare accettate accettano accetta accetti lasciare lascio lascia lasciate restare resto
    resta rimanere rimango rimane ritirare ritiro ritira ritirate tradurre traduce traducete
    aiutare aiuta aiutate fermare fermarmi farmi farsi farlo farla pulire cambiare cambio
    accepter acceptez accepte acceptent laisser laisse laissez rester reste restez retirer
    recuperer recupere traduire traduisez aider aidez pourrai pourrais pourra pourrez pourront
    aceptar aceptan acepta aceptais dejar dejo deja dejan quedar quedarme quedarse quedo queda
    recoger recojo recoge traducir traducen ayudar ayudan podre podra podran podria podrian
    hable hablen accept accepts accepted leave leaves stay stays staying collect collects
    translate translates help helps helping running run runs
    riuscire riesco riesce riesci riescono avvisare avviso avvisa avvisate saltare salto salta
    prevenir previens previent sacar sacarme saca sacan tocca toca entrare entrer entrar enter
    chercher cherche cherchez buscar busca fetch
    possono potrebbe potrebbero potrei potremmo grab grabs getting gets echar echan besoin
    continuare continuer continuar continue continuing
    smettere smetto smette sospendere sospendo arreter arretez arrete fitted
    soffro soffre soffrire souffre souffrir sufro sufre sufrir suffer suffers
    """.split()
)

_TIME_WORDS = frozenset(
    """
    oggi domani ieri dopodomani mattina mattino pomeriggio sera stasera notte adesso ora subito
    prossimo prossima prossimi scorso scorsa minuto minuti min mese mesi anno estate inverno
    primavera autunno gennaio febbraio marzo aprile maggio giugno luglio settembre ottobre
    novembre dicembre qnd
    aujourd hui demain hier matin apres-midi soir soiree nuit maintenant bientot prochain
    prochaine dernier derniere minute minutes mois annee ete hiver printemps automne janvier
    fevrier mars avril mai juin juillet septembre octobre novembre decembre
    today tomorrow yesterday morning afternoon evening tonight night now soon next last minute
    minutes mins month months year summer winter spring autumn fall january february march
    april may june july september october november december
    hoy manana ayer tarde noche ahora pronto proximo proxima pasado pasada minuto minutos mes
    meses ano verano invierno primavera otono enero febrero marzo abril mayo junio julio
    till
    septiembre octubre noviembre diciembre rato momento momentino attimo moment instant while
    """.split()
)


# Everyday adjectives, adverbs and number words: how much, which one, how sure. They
# qualify what is asked and never name it ("dove si trova *di preciso*").
_QUALIFIERS = frozenset(
    """
    normale normali possibile possibili necessario necessaria necessari necessarie stesso stessa
    stessi stesse altro altra altri altre diverso diversa diversi nuovo nuova nuovi primo prima
    primi ultimo ultima ultimi intero intera esatto esatta preciso precisa precisamente
    abbastanza meno poco poca pochi poche grande grandi piccolo piccola piccoli breve veloce
    velocemente lento lenta facile difficile importante sicuro sicura pronto pronta davvero
    veramente forse magari probabilmente solitamente normalmente generalmente direttamente circa
    tipo verso uno due tre quattro cinque sei sette otto nove dieci mezza mezzo volta volte
    normal normale normaux normales necessaire necessaires meme memes autre autres different
    differente differents nouveau nouvelle nouveaux premier premiere derniere entier entiere
    exact exacte precis precise precisement assez moins peu grand grande grands petit petite
    petits courte rapide rapidement lente facile difficile important importante sur sure pret
    prete vraiment peut-etre peutetre probablement normalement generalement directement environ
    genre fois deux trois quatre cinq six sept huit neuf dix demi demie
    possible necessary same other others different new old first whole exact precise
    precisely enough less little big small short quick quickly slow easy difficult important
    sure ready really actually maybe perhaps probably usually normally generally directly again
    around roughly approximately kind sort one two three four five six seven eight nine ten half
    times
    normales posible posibles necesario necesaria necesarios mismo misma mismos otro otra otros
    otras diferente diferentes nuevo nueva nuevos primero primera ultimo ultima entero entera
    exacto exacta preciso precisa suficiente menos poco poca pocos grande grandes pequeno
    pequena corto corta rapido rapida rapidamente lento lenta facil dificil importante
    listo lista realmente quizas quiza probablemente normalmente generalmente
    directamente aproximadamente unos unas uno dos tres cuatro cinco seis siete ocho nueve diez
    medio media vez veces
    problema problemi probleme problemes problem problems problemas principale principali
    principal principaux main pieno piena plein pleine full lleno llena vuoto vuota vide empty
    right truc trucs coso cosas chose choses
    vacio vacia extra extras supplementaire supplementari additional adicional
    """.split()
)

STOPWORDS = _OWN_STOPWORDS | _COMMON_VERBS | _spacy_stopwords()
NEUTRAL_WORDS = _NEUTRAL_VERBS | _TIME_WORDS | _QUALIFIERS

_PREFIXES: list[tuple[str, str]] = sorted(
    (
        (prefix, concept)
        for concept, prefixes in CONCEPTS.items()
        for prefix in prefixes
        if " " not in prefix and not prefix.endswith(".")
    ),
    key=lambda item: -len(item[0]),
)
_WHOLE: dict[str, str] = {
    p[:-1]: concept for concept, prefixes in CONCEPTS.items() for p in prefixes if p.endswith(".")
}
_PHRASES: list[tuple[str, str]] = sorted(
    ((p, concept) for concept, prefixes in CONCEPTS.items() for p in prefixes if " " in p),
    key=lambda item: -len(item[0]),
)
_PHRASE_CONCEPT = dict(_PHRASES)


@functools.lru_cache(maxsize=65536)
def concept_of(word: str) -> str | None:
    """Return the concept a folded word (or a phrase of the lexicon) stands for, or None."""
    if " " in word:
        return _PHRASE_CONCEPT.get(word)
    for prefix, concept in _PREFIXES:
        if word == prefix or (len(prefix) >= 4 and word.startswith(prefix)):
            return concept
    return concept_of_whole(word)


def is_family(word: str) -> bool:
    """Tell whether a folded word names a relative or carer ("padre", "mum", "suegra")."""
    return any(word == p or (len(p) >= 4 and word.startswith(p)) for p in FAMILY)


def concept_of_whole(word: str) -> str | None:
    """Return the concept of a word the lexicon lists as a whole word only ("velo.")."""
    return _WHOLE.get(word)


def concepts(text: str) -> set[str]:
    """Return the concepts and content words of ``text``.

    Known words map to their concept (``sabato`` → ``saturday``); numbers and
    times are kept as they are (``8:00``); other words of four letters or
    more are kept folded, so same-language overlap still counts.
    """
    found: set[str] = set()
    for token in content_words(text, found):
        known = concept_of(token)
        if known is not None:
            found.add(known)
        elif token[0].isdigit() or len(token) >= 4:
            found.add(token)
    return found


def content_words(
    text: str, phrases: set[str] | None = None, found: list[str] | None = None
) -> list[str]:
    """Return the folded words of ``text`` that are neither stop-words nor part of a phrase.

    Concepts of the phrases found (``prise de sang`` → ``blood``) are added to
    ``phrases``, and the phrases themselves to ``found``.
    """
    tokens = words(PLACEHOLDER.sub(" ", text))
    padded = f" {' '.join(tokens)} "
    present = set(tokens)
    for phrase, concept in _PHRASES:
        if phrase.split(" ", 1)[0] in present and f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", " ")
            if phrases is not None:
                phrases.add(concept)
            if found is not None:
                found.append(phrase)
    return [t for t in padded.split() if t not in STOPWORDS or concept_of(t) is not None]


_POSSESSIVE = r"(?:(?:il|la)\s+mi[oa]|mon|ma|mes|my|mi|mis)\s+"
# Words that introduce an identifier, per language (regular expressions, ";" between).
_LABEL_TEXT = """
codice fiscale; cf; c\\.f\\.; cell; cellulare; tel; telefono; numero; mail; e-mail; email; iban;
tessera sanitaria; carta; sono; mi chiamo; nome; nato il; nata il; indirizzo; abito in; vivo in;
je m'appelle; je m appelle; je suis; numéro; portable; tél; téléphone; carte; carte vitale; nir;
né le; née le; adresse; courriel;
name; name is; i am; i'm; this is; phone; mobile; number; card; born on; address; ssn;
me llamo; soy; nombre; dni; nie; móvil; movil; teléfono; tlf; tarjeta; correo; nacido el;
nacida el; dirección; direccion
"""
_LABELS = "|".join(
    sorted((w.strip() for w in _LABEL_TEXT.split(";") if w.strip()), key=len, reverse=True)
)
_LABELLED_PLACEHOLDER = re.compile(
    rf"(?:\b(?:{_POSSESSIVE})?(?:{_LABELS})\s*(?:[:=]|\b(?:è|e|est|is|es)\b)?\s*)?"
    rf"{PLACEHOLDER.pattern}",
    re.IGNORECASE,
)


def search_query(question: str) -> str:
    """Return ``question`` without its redacted identifiers and the words that introduce them.

    "sono <PERSON_1>, codice fiscale <IT_FISCAL_CODE_1>: quando aprite sabato?" is
    looked up as "quando aprite sabato?": "codice fiscale" would otherwise steer
    retrieval to the passage about tax codes.
    """
    stripped = _LABELLED_PLACEHOLDER.sub(" ", question)
    stripped = re.sub(r"(?:\s*[,;:.]\s*)+(?=[,;:.]|$)", "", stripped)
    stripped = re.sub(r"^\W+", "", stripped)
    return " ".join(stripped.split()) or question
