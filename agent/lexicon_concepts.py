# ruff: noqa: E501  (one concept a line reads better than wrapped lists of words)
"""The concept table of the front-desk lexicon: one concept a line, its words in four languages."""

from __future__ import annotations

# One concept a line: "concept: prefixes"; words shorter than four letters match only whole,
# longer ones as prefixes, unless they end with "." ("velo." is "velo", not "veloce");
# "a+b" is a phrase of several words.
CONCEPT_TABLE = """
monday: luned lundi monday lunes
tuesday: marted mardi tuesday martes tue
wednesday: mercoled mercredi wednesday miercoles wed
thursday: gioved jeudi thursday jueves thu
friday: venerd vendredi friday viernes fri
saturday: sabat samedi saturday sabado sat
sunday: domenic dimanche sunday domingo sun
holiday: festiv ferie holiday holidays vacan jour+ferie dias+festivos bank+holiday agosto august aout natale noel christmas navidad capodanno nouvel+an new+year ano+nuevo pasqua paques easter pascua xmas ferragosto
weekday: feriali weekday weekdays en+semaine laborable entre+semana
weekend: weekend week-end fin+de+semana fine+settimana
open: apert apri aprite aprono open opens opening ouver ouvr abiert abre abren abrir abris abrimos apertura
close: chius chiud close closed closing ferm cerrad cierr
hours: orari orario ora ore hour hours time times heure heures horaire hora horas horario when quand cuando
address: indirizz via sede sedi address location locations adresse direccion situ dove where ou donde site sites
transport: metro metropolitan bus tram autobus treno tren train stazion station estacion linea ligne line
parking: parchegg parking stationn aparcamiento aparcar garage auto car cars voiture coche macchina garer garez estacionar estacionamiento parquear
access: accessib disabil carrozzin wheelchair ascensor elevator lift fauteuil silla+de+ruedas sillas+de+ruedas handicap rampa ramp camminar caminar walk marcher scale escalier stairs escaleras fauteuil+roulant
sensory: sord sourd deaf cieco blind aveugle ciego malvoyant ipoveden lingua+dei+segni langue+des+signes sign+language lengua+de+signos lis lsf lse bsl asl
pushchair: passeggin poussette pushchair stroller pram cochecito carrito+de+bebe
fasting: digiun fast fasting jeun ayun mangiar eat eating manger comer bere drink boire beber acqua water eau agua colazione breakfast desayuno dejeuner mange
blood: sangue prelievo prelievi prelev blood bloods sang sangre analisi analys analis prise+de+sang extraccion colesterol cholesterol glicem glycem glucemi glucos emocrom hemogram azucar zucchero blood+sugar
urine: urin orina urocult
mri: risonanz mri irm resonancia
ultrasound: ecograf ultrasound echograph ecografia eco. echo. ecocardio echocardio
colonoscopy: colonscop colonoscop coloscop
xray: radiograf raggi x+ray xray rayos
metal: metall metal jewel gioiel bijou joya joyas piercing
pacemaker: pacemaker stimulat marcapaso
bring: portar porto bring apporter amener traer llevar
identity: documento document documents identita identity identite identidad passport passaporto passeport pasaporte codice+fiscale code+fiscal tax+code
healthcard: tessera+sanitaria health+card carte+vitale tarjeta+sanitaria
prescription: impegnativ ricett prescri ordonnance receta referral
early: anticip early avance antes antelac preaviso preavis notice minut avant. before preced veille vigilia dia+antes dia+anterior day+before
book: prenot appuntament book booking appointment appt rendez rdv reserv cita prendre+rendez walk+in sans+rendez sin+cita
cancel: disdett disdir disdic annull cancel annul anul spost resched deplac cambiar modific
phone: telefon teleph phone call chiamar appel llamar numero number cellular cellulare movil mobile smartphone
online: online portal portale internet web sito app en+ligne credenzial password login mot+de+passe contrasena
pay: paga pagar pagam pago pagare pay paying payment paie paye payer payant abon dinero argent soldi money
price: prezz cout coute coste cost costs price prices prix tarif precio cuest quanto combien cuanto euro. euros eur chf gratis gratuit gratuito gratuita free dollar
card: card cards carta carte carte+bancaire tarjeta bancomat credit debit pos contactless visa mastercard amex american+express
cash: contant cash espece especes efectivo liquide
transfer: bonific transfer virement transferencia
cheque: assegn cheque cheques check checks
invoice: fattur invoice factur ricevut receipt recu recibo bill. bills billing
refund: rimbors refund rembours reembols devol devuel
fee: penal fee fees frais tassa multa penaliz supplement
copay: ticket copay ssn servizio+sanitario nhs securite+sociale mutuelle seguridad+social
insurance: assicuraz insur assuran seguro polizz
results: referto referti risultat esit result results resultat compte+rendu resultado informe
days: giorn day days jour jours dia dias settiman week weeks semaine semana lavorativ working ouvrable habil
delegate: deleg proxy procuration autoriz autoris someone+else qualcun quelqu alguien familiar parente
paper: cartace paper papier papel stampat print copia copy copie
histology: istolog histolog biops
language: lingu lengua language languages langue idioma ingles english anglais inglese francese french francais frances spagnol spanish espagnol espanol tedesco german allemand aleman parla parlate speak speaks parle parlez habla hablan
interpreter: interpret tradutt translat traduct interprete
foreign: stranier foreign etranger extranjer internaz international internacional turist tourist touriste abroad estero italia italy france francia spagna espana spain inglaterra england germania alemania allemagne germany svizzer suisse suiz swiss switzerland belg
ehic: team ehic tessera+europea carte+europeenne tarjeta+sanitaria+europea european+health tessera+sanitaria+europea carte+europeenne+d+assurance+maladie european+health+insurance+card
private: privat private prive privad solvent
visit: visit consult consulta medico medecin doctor dottor docteur specialist doc.
child: bambin bimb child children enfant nino nina nene crio crios bebe baby babies neonat nourriss pediatr paediatr figli kid kids
duration: tempo tempi durata dura duration long how+long duree delai temps tiempo tard tarda tardan plazo demora quanto+ci+vuole quanto+ci+vogliono ci+vuole ci+vogliono quanto+tempo combien+de+temps cuanto+tiempo how+much+time
wait: attes wait waiting attente espera coda queue fila aspett
email: email mail posta correo courriel
exam: esam exam prueb test study estudi
explain: spieg explic expliqu explain signific
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
late: ritard retard late tarde tardi atraso
message: sms messagg message text txt mensaje whatsapp
skin: pelle peau piel skin dermat neo neei grain+de+beaute lunar lunares mole moles
eyes: occhi occhio oeil yeux eye eyes ojo ojos ocul ophtalm ophthalm oftalm pupill pupil
physio: fisio physio kine riabilit reeduc rehab
airport: aeroport airport aeropuerto
age: anni ans years anos eta edad minorenn mineur minor minors menor menores
teeth: dent denti dient teeth tooth dental dentist odontoiatr
cleaning: pulizi detartr limpieza cleaning igien hygien
whitening: sbiancam blanchiment blanqueam whitening
sample: campion echantillon muestra muestras sample samples contenitor flacon frasco barattol pot. container
quote: preventiv devis presupuest quote quotes estimate
drive: guidar conduire conduir conducir drive driving
valid: valid valable vigenc vigente
certificate: certificat certificado certificate certificates
records: cartella+clinica dossier+medical historia+clinica medical+record medical+records fascicolo historial
consent: consens consent consentim
form: modul formulaire formulario form forms
pregnancy: gravidanz incinta enceinte grossesse embaraz embarazada pregnan
animal: animal animali cane chien perro dog dogs
home: domicil domicilio home+visit home+visits
lab: laborator labo lab labs
glasses: occhiali lunettes glasses gafas lenti lentill lentes contact+lens
hearing: udito audition hearing audici audiometr
allergy: allerg alerg
travel: viaggi voyage travel viaje trip
toilet: bagno toilette toilets toilet wc aseo aseos restroom bathroom servizi+igienici
wifi: wifi wi-fi wi+fi
pharmacy: farmacia pharmacie pharmacy
cardiology: cardio cardia cuore coeur corazon heart
dermatology: dermatolog
gynecology: ginecolog gynecolog gynaecolog gyneco gine. gyno.
orthopedics: ortoped orthop traumatolog
urology: urolog
neurology: neurolog
psychology: psicolog psycholog psichiatr psychiatr
nutrition: nutrizion nutrition nutricion dietist dietet dietolog
podiatry: podolog podiatr
osteopathy: osteopat osteo
speech: logoped orthophon speech+therap
ct: tac ct+scan scanner tomograf
mammography: mammograf mammograph mamograf mammogram
ecg: ecg ekg elettrocardiogramm electrocardiogram electrocardiograma
deposit: cauzion caution deposit deposito acompte
discount: scont remise reduc descuent discount
luggage: bagagl valigi bagage valise luggage suitcase maleta equipaje
mask: mascherin masque masks mask mascarill
companion: accompagn accompan acompan
clothes: vestit vetement clothes clothing ropa abbigliament tenue wear wearing indoss survet habill vestir habits.
cosmetics: deodorant desodorant crema creme cream trucco maquillage makeup maquillaje
urgent: urgen
ent: ent orl otorin otorrin orecchi oreill ear ears oreja orejas oido oidos
sleep: sonno sommeil sleep sueno dormi dormir russa russare ronfl ronque ronc snor polysomno polisonno apnea apnee
bike: bici bicicl bicycle bicycles bike bikes cycl velo. velos villo
changing: pannolin fasciatoio couche couches langer nappy nappies diaper diapers changing panal panales cambiador
bladder: vescic vessie bladder vejiga
cervical: pap+test pap+smear frottis citolog cytolog smear striscio cervical cervic
gp: gp generalist generaliste traitant medico+di+base medico+di+famiglia medecin+de+famille family+doctor family+physician medico+de+cabecera medico+de+familia cabecera
sport: sport deport calcio football futbol soccer palestra gym gimnas nuoto natation natacion swimming club.
licence: patente permis+de+conduire driving+licence driving+license driver+license licencia+de+conducir carnet+de+conducir
bone: ossea ossee osseo ossei osseuse osseux osea oseo oseas oseos bone bones hueso huesos densito dexa moc. bone+scan bone+density mineralometr osteopor
effort: sforzo sforz effort esfuerzo ergometr cicloergometr stress+test exercise+test treadmill tapis+roulant
shower: doccia docce douche ducha shower showers spogliatoi vestiaire vestuario changing+room locker
work: aziend entrepris employeur employer employers company companies empresa empleador lavorator travailleur trabajador worker workers workplace occupational work. job. jobs medecine+du+travail medecin+du+travail medico+del+lavoro medico+del+trabajo medicina+del+lavoro medicina+del+trabajo
tax: detraib detrazion detrarre deduc desgrav tax. taxes impot impuest hacienda reddit renta. irpf
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
    papa mama cognat cunad zia zio tante oncle tia tio aunt uncle fidanzat copain copine novio
    novia boyfriend girlfriend
    """.split()
)
