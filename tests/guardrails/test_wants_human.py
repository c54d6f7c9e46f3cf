"""Wants-a-human guard: table tests, one commented row per case, in four languages."""

from __future__ import annotations

import re
import time

import pytest

from guardrails import Guard, GuardContext
from guardrails.lexicons import LexiconError
from guardrails.wants_human import (
    KINDS,
    WantsHumanGuard,
    compile_kind,
    compile_pairs,
    every_match,
    with_spellings,
)


@pytest.fixture(scope="module")
def guard() -> WantsHumanGuard:
    return WantsHumanGuard()


# (language, message, kind the reason must name)
WANTS_A_PERSON = [
    # --- the examples the guard is specified by ---
    ("it", "operatore", "asked"),
    ("it", "voglio parlare con una persona", "asked"),
    ("it", "passami qualcuno", "asked"),
    ("fr", "un humain svp", "asked"),
    ("fr", "je veux parler à quelqu'un", "asked"),
    ("en", "real person", "asked"),
    ("en", "agent please", "asked"),
    ("es", "hablar con alguien", "asked"),
    ("es", "con una persona de verdad", "asked"),
    ("it", "voglio fare un reclamo", "complaint"),
    ("fr", "c'est inadmissible", "complaint"),
    ("en", "this is ridiculous, third time", "complaint"),
    ("en", "you don't understand", "repeated_failure"),
    ("it", "non capisci niente", "repeated_failure"),
    ("es", "ya te lo dije", "repeated_failure"),
    # --- Italian ---
    # slang: "fammi parlà" and "uno vero"
    ("it", "ao ma c'è qualcuno lì?? fammi parlà con qualcuno", "asked"),
    # "basta col robot", a person wanted
    ("it", "basta con il bot, voglio una persona vera", "asked"),
    # bot frustration with an insult
    ("it", "sto bot è proprio inutile, non servi a niente", "anger"),
    # fear before surgery
    (
        "it",
        "sono terrorizzata per l'intervento di domani, non riesco a smettere di piangere",
        "distress",
    ),
    # a complaint told as a story
    (
        "it",
        "l'altra volta ho aspettato 3 ore e poi la visita è stata annullata senza avvisare",
        "complaint",
    ),
    # rude staff
    (
        "it",
        "la segretaria mi ha risposto in modo maleducato al telefono, è inaccettabile",
        "complaint",
    ),
    # call me back, no accents
    ("it", "mi potete richiamare per favore? preferisco parlare a voce", "asked"),
    # anger with swearing
    ("it", "ma che cazzo, è la terza volta che mi spostate l'appuntamento", "anger"),
    # repeated failure with a count
    ("it", "te l'ho già detto due volte, voglio disdire!!", "repeated_failure"),
    # --- French ---
    ("fr", "wesh y a quelqu'un de réel ?", "asked"),
    ("fr", "passe moi un humain stp", "asked"),
    ("fr", "ce robot sert à rien, tu sers à rien", "anger"),
    ("fr", "j'ai trop peur pour la biopsie de mon fils, je n'en dors plus", "distress"),
    ("fr", "on m'a annulé mon rdv sans me prévenir, c'est scandaleux", "complaint"),
    ("fr", "la secrétaire a été très impolie avec moi, je veux faire une réclamation", "complaint"),
    ("fr", "vous ne comprenez pas ce que je demande", "repeated_failure"),
    ("fr", "pouvez-vous me rappeler s'il vous plaît ?", "asked"),
    ("fr", "j'en ai marre de ce chat 😡", "anger"),
    # --- English ---
    ("en", "yo can i get a real human", "asked"),
    ("en", "need to speak to someone asap", "asked"),
    ("en", "this bot is useless", "anger"),
    ("en", "i'm terrified about the biopsy results, i can't stop shaking", "distress"),
    ("en", "i'm so anxious about tomorrow i haven't slept", "distress"),
    ("en", "last week i waited 3 hours and nobody told me anything, unacceptable", "complaint"),
    ("en", "your receptionist was so rude to me on the phone", "complaint"),
    ("en", "omg that's not what i asked", "repeated_failure"),
    ("en", "can someone call me back please", "asked"),
    # --- Spanish ---
    ("es", "oye pásame con alguien de la clínica", "asked"),
    ("es", "quiero hablar con una persona ya", "asked"),
    ("es", "eres un bot inútil", "anger"),
    ("es", "no me entiendes, quiero anular la cita", "repeated_failure"),
    ("es", "estoy muerta de miedo por la operación de mañana", "distress"),
    ("es", "me cancelaron la cita dos veces sin avisar, es una vergüenza", "complaint"),
    ("es", "estoy harta, llevo una semana esperando los resultados", "anger"),
    ("es", "me puede llamar alguien por favor?", "asked"),
    # --- formal letters, mixed languages, sarcasm, follow-ups ---
    ("it", "gradirei essere contattato da un vostro incaricato, grazie", "asked"),
    ("fr", "je vous serais reconnaissante de me faire téléphoner demain matin", "asked"),
    ("en", "could one of your staff telephone me this afternoon", "asked"),
    ("es", "les ruego que uno de sus empleados me llame cuando puedan", "asked"),
    ("it", "sorry, possible speak to someone? io non capisco bene", "asked"),
    ("fr", "besoin de quelqu'un de l'accueil, pas le bot", "asked"),
    ("en", "i ask about parking and you tell me the prices, brilliant", "repeated_failure"),
    ("es", "pregunto por la cita y me das el horario, muy bien", "repeated_failure"),
    ("fr", "je t'ai demandé s'il restait de la place jeudi", "repeated_failure"),
    ("it", "mi ha risposto in un modo che non si fa, voglio che lo sappia qualcuno", "complaint"),
    ("es", "me trataron fatal en recepción, no hay derecho", "complaint"),
    # --- availability as a question, a named role, results, billing ---
    ("it", "c'è qualcuno in questo momento che mi può rispondere?", "asked"),
    ("it", "posso parlare con l'infermiera di ieri? ho un dubbio sulla medicazione", "asked"),
    ("it", "mi avete fatto pagare il ticket due volte, non va bene", "complaint"),
    ("fr", "il y a quelqu'un au secrétariat en ce moment ?", "asked"),
    ("fr", "je peux avoir la standardiste ? c'est pour ma mutuelle", "asked"),
    ("fr", "vous pouvez me prendre au téléphone deux minutes ?", "asked"),
    ("en", "anybody there right now? need help with my booking", "asked"),
    ("en", "can i have a word with the nurse about my dressing", "asked"),
    ("en", "waiting on my biopsy for three weeks and i'm going to pieces", "distress"),
    ("en", "there's no point talking to you is there", "anger"),
    ("es", "alguien me puede atender ahora mismo? es urgente lo de la factura", "asked"),
    ("es", "quiero hablar con la enfermera que me sacó sangre", "asked"),
    ("es", "me habéis cobrado la ecografía dos veces, esto es un robo", "complaint"),
    # --- requests built from two halves: a verb of reaching or calling, and a person ---
    # "passez-moi" + "la secrétaire", with "du dr" in between
    ("fr", "passez moi la secretaire du dr svp", "asked"),
    # the secretariat as the one who should call back
    ("fr", "est ce que le secretariat peut me rappeler ce soir", "asked"),
    # "quelqu'un" typed without its apostrophe
    ("fr", "je peux parler a quelqun en vrai ?", "asked"),
    # "can" + "ring me back", the doctor's secretary doing it
    ("en", "can the doctors secretary ring me back pls", "asked"),
    # "someone" .. "phone me" four words apart
    ("en", "i'd like someone from the lab to phone me, my eyesight is poor", "asked"),
    # a colleague "in the flesh", asked for with an unlisted verb
    (
        "en",
        "hey could you hook me up with one of your colleagues, a flesh and blood one 😅",
        "asked",
    ),
    # "qualcuno mi può" + "telefonare"
    ("it", "qualcuno mi puo telefonare oggi pomeriggio? ho un casino con la prenotazione", "asked"),
    # "mi fa richiamare" by the secretary
    ("it", "mi fa richiamare dalla segretaria del dottore? grazie mille", "asked"),
    # "vorrei che" .. "mi chiamasse qualcuno"
    (
        "it",
        "vorrei che mi chiamasse qualcuno del centro prelievi, non vedo bene lo schermo",
        "asked",
    ),
    # "mi rimette in contatto con" + "la signora dell'accettazione"
    ("it", "mi rimette in contatto con la signora dell accettazione?", "asked"),
    # "sentire uno di voi" + "a voce"
    ("it", "ma c e un modo per sentire uno di voi a voce?", "asked"),
    # "un numero dove" + "risponde uno vero"
    ("it", "zio ma esiste un numero dove risponde uno vero? 😂", "asked"),
    # not the bot: "no un robot"
    ("es", "una persona por favor, no un robot", "asked"),
    # "que me devuelvan la llamada"
    ("es", "por favor que me devuelvan la llamada desde recepcion", "asked"),
    # "quisiera que alguien" .. "me llamara"
    ("es", "quisiera que alguien del laboratorio me llamara, veo mal la pantalla", "asked"),
    # "me podéis poner al teléfono con alguien"
    ("es", "me podeis poner al telefono con alguien? solo 2 minutos", "asked"),
    # a phone call "de votre part"
    (
        "fr",
        "bonsoir, est il possible d avoir un appel de votre part ? c est pour le devis",
        "asked",
    ),
    # "not a machine", typed as a refusal
    ("it", "nn voglio scrivere con un computer, voglio una persona", "asked"),
    # --- fed up with the bot, without swearing ---
    ("it", "sto robot non ne azzecca una, ma chi l ha programmato", "anger"),
    ("fr", "laisse tomber t es pire que le service client de la poste 🙄", "anger"),
    ("en", "this thing is hopeless, ffs", "anger"),
    ("es", "que desesperacion de bot, no hay manera", "anger"),
    # --- the same answer again, or an answer to something else ---
    (
        "it",
        "ma perche mi rimandi sempre alla pagina dei prezzi?? io voglio sapere un altra cosa",
        "repeated_failure",
    ),
    ("fr", "non non non c est pas ca, reponds a ma question", "repeated_failure"),
    ("en", "read my message properly, that's not what i'm asking", "repeated_failure"),
    ("es", "lee bien lo que te escribo, no te estoy preguntando eso", "repeated_failure"),
    # --- worry, told plainly ---
    (
        "it",
        "sono preoccupatissima per mio figlio, non dormo da giorni aspettando l esito",
        "distress",
    ),
    ("fr", "je m inquiete enormement pour mon operation demain", "distress"),
    ("en", "i cant stop worrying about my results, i'm a mess", "distress"),
    ("es", "no paro de darle vueltas a los resultados, tengo pavor", "distress"),
    # --- complaints told as what happened ---
    ("it", "l altra volta mi avete fatto aspettare 3 ore, neanche una scusa", "complaint"),
    (
        "fr",
        "hier le medecin avait 1h30 de retard et personne ne nous a rien dit, c est pas des facons",
        "complaint",
    ),
    (
        "en",
        "last time you kept me waiting 3 hours then sent me home, not even an apology",
        "complaint",
    ),
    ("es", "os cuento: llego puntual, me dicen que mi cita no existe. os parece normal", "anger"),
    # --- the whole message asks whether anyone is there ---
    ("it", "ehi... c'è nessuno??", "asked"),
    ("fr", "bonjour ya quelqu'un ?", "asked"),
    ("en", "hi, anyone there?", "asked"),
    ("es", "holaaa?? hay alguien?", "asked"),
    # --- asking whether a person reads or hears the messages ---
    ("it", "qualcuno mi legge o sto scrivendo al vento?", "asked"),
    ("fr", "est ce que quelqu'un lit ce que j'écris ?", "asked"),
    ("en", "does anybody actually read this chat", "asked"),
    ("es", "me lee alguien o hablo sola?", "asked"),
    # --- a number or contact to reach a person ---
    ("it", "che numero devo fare per parlare con una persona?", "asked"),
    ("fr", "quel numéro faut il composer pour avoir une vraie personne ?", "asked"),
    ("en", "which number do i dial to get a human", "asked"),
    ("es", "qué número marco para hablar con una persona de verdad?", "asked"),
    # --- named roles, put through or transferred ---
    ("it", "mi potete passare l'ufficio contabilità?", "asked"),
    ("fr", "vous pouvez me transférer au service comptabilité ?", "asked"),
    ("en", "can i get through to the accounts department please", "asked"),
    ("es", "me pasan con administración, por favor?", "asked"),
    # --- refusing the machine, asking to be sent a person ---
    ("it", "non parlo con un computer, mandatemi qualcuno", "asked"),
    ("fr", "je ne parle pas avec un robot, envoyez-moi quelqu'un", "asked"),
    ("en", "i'm not chatting with a bot, send me someone", "asked"),
    ("es", "no pienso hablar con una máquina, mándenme a alguien", "asked"),
    # --- someone to explain or sort it out ---
    ("it", "ho bisogno di qualcuno che mi spieghi questa fattura", "asked"),
    ("fr", "il me faut quelqu'un pour m'expliquer ce devis", "asked"),
    ("en", "i need someone to explain this invoice to me", "asked"),
    ("es", "necesito que alguien me explique esta factura", "asked"),
    # --- the person just named: "voglio parlargli" ---
    ("it", "chi è il direttore sanitario? vorrei parlargli", "asked"),
    ("fr", "qui est la responsable ? je voudrais lui parler", "asked"),
    ("en", "who runs the lab? i need to speak to them", "asked"),
    # --- a call preferred to writing ---
    ("it", "per me è più semplice essere chiamata, posso?", "asked"),
    ("en", "i'd much prefer a phone call, typing is hard for me", "asked"),
    ("es", "prefiero una llamada, escribir me cuesta", "asked"),
    # --- the answer was no use ---
    ("it", "la tua risposta non mi è utile, io chiedevo dei referti", "repeated_failure"),
    ("fr", "votre réponse ne m'aide pas, je parlais des résultats", "repeated_failure"),
    ("en", "your answer doesn't help, i was asking about results", "repeated_failure"),
    ("es", "tu respuesta no me sirve, yo preguntaba por los resultados", "repeated_failure"),
    ("it", "non mi hai capito, intendevo l'altro esame", "repeated_failure"),
    ("fr", "tu m'as pas compris, c'est pas ce que j'ai demandé", "repeated_failure"),
    ("en", "no, not what i meant at all", "repeated_failure"),
    ("es", "no me has entendido, no es lo que necesito", "repeated_failure"),
    # --- dissatisfaction said calmly ---
    ("it", "sono davvero insoddisfatta di come è andata la visita", "complaint"),
    ("fr", "je ne suis pas satisfaite de la prise en charge", "complaint"),
    ("en", "i'm dissatisfied with the way my booking was handled", "complaint"),
    ("es", "estoy descontenta con cómo me atendieron", "complaint"),
    # --- new phrasings: each row stands for a way of speaking, not one sentence ---
    # slang and shorthand
    ("it", "nn c'è 1 persona ke mi risp?", "asked"),
    ("it", "x favore fatemi parlare cn qlcn", "asked"),
    ("fr", "wesh y'a qqn ?", "asked"),
    ("fr", "qqn pour me rep svp", "asked"),
    ("en", "any1 there??", "asked"),
    ("en", "real ppl pls", "asked"),
    ("es", "alguien xfa", "asked"),
    ("it", "umano??", "asked"),
    ("es", "una persona plis", "asked"),
    ("es", "kiero hablar cn una persona", "asked"),
    # a person, said another way
    ("it", "RAGA C'È UNO DI VOI CHE MI CHIAMA??", "asked"),
    ("it", "oh ma un cristiano che risponde al telefono non c'è?", "asked"),
    ("fr", "y a moyen d'avoir quelqu'un au téléphone ?", "asked"),
    ("en", "seriously is there not one living soul who can answer me", "asked"),
    ("es", "alguien me lo puede explicar por teléfono?", "asked"),
    (
        "fr",
        "Madame, Monsieur, je souhaiterais être mis en relation avec un de vos employés. "
        "Cordialement",
        "asked",
    ),
    (
        "es",
        "Estimados señores, les agradecería que me pusieran en contacto con uno de sus "
        "empleados. Un saludo",
        "asked",
    ),
    ("it", "fatemi chiamare da una persona, non da una macchina", "asked"),
    # insults, sarcasm and giving up on the bot
    ("it", "siete veramente incompetenti", "anger"),
    ("fr", "vous êtes vraiment des incapables", "anger"),
    ("en", "you lot are seriously incompetent", "anger"),
    ("es", "eres un inutil", "anger"),
    ("fr", "quelle galère ce chat", "anger"),
    ("en", "what a nightmare this chat is", "anger"),
    ("en", "oh great, another useless answer 🙄", "anger"),
    ("fr", "va te faire voir", "anger"),
    ("en", "i give up, this is pointless", "anger"),
    ("es", "sois un chiste, lo sabéis?", "anger"),
    # complaints told as stories or threats
    ("it", "vi lascio una recensione negativa su google, sappiatelo", "complaint"),
    ("fr", "je vais changer de clinique, c'est la dernière fois", "complaint"),
    ("en", "i'll be reporting this to the ombudsman", "complaint"),
    ("es", "llevo 3 semanas esperando los resultados, no es normal", "complaint"),
    (
        "en",
        "went for my blood test at 7 and was kept waiting till 10, then told i wasn't even on "
        "the list, it's disrespectful",
        "complaint",
    ),
    ("it", "l'infermiera mi ha trattata malissimo davanti a tutti", "complaint"),
    ("fr", "80 euros pour une consultation de 5 minutes, c'est du vol", "complaint"),
    ("es", "me habéis cambiado la cita tres veces, no es serio", "complaint"),
    # worry, fear and feeling lost
    ("it", "sono super preoccupata per mio papà", "distress"),
    ("fr", "je me fais un sang d'encre pour ma mère", "distress"),
    ("en", "im so lost with all this paperwork", "distress"),
    ("es", "estoy con el alma en vilo por mi madre", "distress"),
    ("it", "ho il cuore in gola da quando ho letto il referto", "distress"),
    ("en", "i don't know who else to turn to, i'm exhausted", "distress"),
    # telling the bot it keeps failing
    ("it", "te l'ho chiesto tre volte, mi dici solo gli orari", "repeated_failure"),
    ("fr", "je t'ai posé une question précise et tu réponds autre chose", "repeated_failure"),
    ("en", "for the hundredth time: I WANT TO CANCEL", "repeated_failure"),
    ("es", "no lo has pillado, quiero ANULAR no cambiar", "repeated_failure"),
    # a person to talk to, giving up on the bot, errors told as stories, loneliness
    (
        "es",
        "perdone yo no me apaño con esto, hay alguna señorita con la que pueda hablar?",
        "asked",
    ),
    ("en", "sorry i'm not good with these things, is there a lady i can speak to?", "asked"),
    (
        "fr",
        "c'est pas croyable qu'un robot sache pas répondre à une question aussi simple",
        "anger",
    ),
    ("it", "guarda, lascia perdere, faccio prima a venire di persona", "anger"),
    ("en", "the report had another patient's name on it, that's really serious", "complaint"),
    (
        "es",
        "la semana pasada me hicieron la analítica equivocada y tuve que repetirla, "
        "nadie me pidió perdón",
        "complaint",
    ),
    ("it", "mi sento così sola in tutto questo, non so come fare", "distress"),
    ("en", "it's my first mri and the noise terrifies me", "distress"),
    # the clinic lost something: still a complaint
    ("en", "you lost my results AGAIN", "complaint"),
    ("en", "the lab has lost my samples, this is unacceptable", "complaint"),
]

# People mentioned, thanks, patience, curiosity about the bot: they must pass.
JUST_MENTIONS_PEOPLE = [
    # --- the examples the guard is specified by ---
    ("en", "can I bring a person with me?"),
    ("en", "is the doctor a woman?"),
    ("en", "do you do human papillomavirus tests?"),
    ("en", "who is the cardiologist?"),
    ("en", "thanks, that's all"),
    ("en", "ok whatever"),
    # --- Italian ---
    ("it", "mia sorella può accompagnarmi alla colonscopia?"),
    ("it", "chi è l'ortopedico del martedì?"),
    ("it", "ok perfetto, ci vediamo lunedì"),
    ("it", "va bene aspetto, nessuna fretta"),
    ("it", "il prezzo del pacchetto è a persona?"),
    ("it", "ma sei un bot? comunque a che ora aprite sabato?"),
    ("it", "fate il vaccino contro il papilloma virus umano?"),
    ("it", "non ho paura degli aghi, posso fare il prelievo senza sdraiarmi?"),
    # --- French ---
    ("fr", "mon fils peut venir avec moi ?"),
    ("fr", "c'est quel médecin le mardi ?"),
    ("fr", "d'accord j'attends, merci"),
    ("fr", "vous êtes un robot ? bon, vous ouvrez à quelle heure ?"),
    ("fr", "le tarif c'est par personne ?"),
    ("fr", "vous faites le vaccin contre le papillomavirus humain ?"),
    ("fr", "pas de souci, je rappellerai demain"),
    # --- English ---
    ("en", "can my carer come in with me?"),
    ("en", "who's the physio on fridays?"),
    ("en", "great, see you monday"),
    ("en", "no rush, still waiting on the letter but whenever"),
    ("en", "are you a bot? anyway what time do you close?"),
    ("en", "i'm afraid i can't make thursday, can we do friday?"),
    ("en", "where do i send my cv for human resources?"),
    ("en", "do you have staff who speak polish?"),
    # --- Spanish ---
    ("es", "puede entrar mi madre conmigo?"),
    ("es", "quién es la ginecóloga de los jueves?"),
    ("es", "vale, gracias, hasta luego"),
    ("es", "eres un robot? bueno, a qué hora abrís?"),
    ("es", "el precio es por persona?"),
    ("es", "tenéis a alguien que hable inglés en recepción?"),
    ("es", "hacéis la prueba del virus del papiloma humano?"),
    # look-alikes of the phrases for letters, mixed languages and sarcasm
    ("en", "i asked if i could bring my husband and they said yes, what time should we come?"),
    ("en", "is it possible to speak english at the front desk? my mum only speaks english"),
    ("fr", "je vous ai demandé si je pouvais venir avec ma fille, c'est ok finalement ?"),
    ("en", "the lift is out of order, is there another entrance?"),
    ("it", "vorrei segnalare un cambio di indirizzo"),
    # the same roles and places, asked about rather than asked for
    ("it", "c'è qualcuno in segreteria il sabato pomeriggio?"),
    ("it", "l'infermiera mi ha detto di tenere il cerotto fino a stasera, posso fare la doccia?"),
    ("fr", "il y a quelqu'un au secrétariat le mercredi après-midi ?"),
    ("fr", "la standardiste m'a donné rendez-vous à 9h, je dois venir un peu avant ?"),
    ("en", "is someone at the front desk on bank holidays?"),
    ("en", "the nurse told me to drink water before the scan, how much?"),
    ("es", "hay alguien en recepción los domingos?"),
    ("es", "la enfermera me dijo que trajera el volante, hace falta el dni también?"),
    ("es", "la factura de la ecografía me la podéis mandar por correo? sin prisa"),
    # --- look-alikes of the two-half requests ---
    # asking the name of a doctor
    ("it", "come si chiama il dottore che fa le ecografie il lunedi?"),
    ("en", "whats the name of the doctor who does the ultrasounds?"),
    # a person coming along
    ("fr", "est ce qu une personne peut m accompagner pour la coloscopie ?"),
    ("es", "puede acompañarme una persona a la colonoscopia?"),
    # hours of the desk, reaching it oneself
    ("en", "what time does the reception desk open on saturdays?"),
    ("en", "until what time can i reach the secretary by phone?"),
    ("it", "posso chiamare io la segreteria domani mattina o e meglio scrivere qui?"),
    ("es", "hasta que hora se puede llamar a secretaria?"),
    # a human resources office
    ("en", "is there a human resources office i can send my application to?"),
    # "rappeler" as "remind"
    ("fr", "le secretariat peut me rappeler la date de mon rdv ?"),
    ("fr", "rappelez moi l adresse du labo svp"),
    # a call announced, not asked for
    ("it", "ho chiamato ieri e mi hanno detto che mi richiamano loro, aspetto senza problemi"),
    ("en", "i phoned yesterday and they said they'd call me back, happy to wait"),
    ("en", "the doctor's secretary told me to call back at the end of the month, can i book now?"),
    # the patient will talk to their own doctor
    ("en", "i'll talk to my gp about it, thanks"),
    ("it", "ne parlero con il mio medico di base, grazie"),
    # who is answering: curiosity, then a question
    ("it", "ma rispondi tu o qualcuno della clinica? comunque quanto costa l holter"),
    ("es", "eres una persona o un programa? bueno, donde se aparca?"),
    # fear of needles: an accommodation, not distress
    ("it", "mia mamma ha paura degli aghi, puo fare il prelievo sdraiata?"),
    ("en", "my son is scared of needles, can he lie down for the blood test?"),
    # --- look-alikes of the new constructions ---
    # "anyone" inside a sentence, not the whole message
    ("en", "can anyone come with me to the scan?"),
    ("es", "alguien de mi familia puede recoger los resultados?"),
    # the desk's number, to call it oneself
    ("it", "qual è il numero della segreteria? chiamo io lunedì"),
    ("en", "what's the number for the front desk? i'll ring monday"),
    # a number left with someone
    ("en", "i gave my number to someone at reception, is that ok?"),
    ("fr", "j'ai laissé mon numéro à une personne de l'accueil, ça va ?"),
    # which desk to go to
    ("fr", "à qui dois-je m'adresser à l'accueil pour mon dossier ?"),
    ("it", "a chi mi devo rivolgere in accettazione per la cartella?"),
    ("es", "a quién me dirijo en recepción para el historial?"),
    # a slot that does not suit, not an answer that does not help
    ("it", "questo orario non va bene, avete giovedì?"),
    ("en", "that time doesn't work for me, anything on thursday?"),
    ("es", "el volante no me sirve si es de otro centro?"),
    # thanks while waiting for the call already arranged
    ("it", "ok grazie, allora aspetto che mi richiamate voi"),
    ("fr", "merci, j'attends qu'on me rappelle alors"),
    ("en", "lovely, i'll wait for the nurse to call me then"),
    ("es", "vale, espero a que me llaméis, gracias"),
    # staff praised or described
    ("it", "grazie all'operatrice di prima, gentilissima"),
    ("it", "l'operatore sanitario deve avere la mia impegnativa?"),
    ("fr", "vous êtes une vraie personne ou un programme ? juste pour savoir"),
    ("en", "do i need someone to drive me home after sedation?"),
    # "don't worry", "is that enough", "lost my own letter"
    ("en", "fine i'll wait, don't worry about it"),
    ("fr", "mon generaliste m a fait un courrier, ca suffit pour prendre rdv ?"),
    ("it", "ho perso le mie analisi, me le potete rimandare per mail?"),
    # --- look-alikes of the new phrasings ---
    # greetings with a name
    ("es", "hola, me llamo Alba Quintana"),
    ("it", "ciao sono Marco"),
    ("fr", "bonjour je suis Claire"),
    ("en", "hi I'm Tom"),
    # lost in the building, tired after a test, a companion's nerves
    ("it", "mi sono perso, l'ingresso del laboratorio dov'è?"),
    ("en", "i'm lost, where's the entrance to the lab?"),
    ("es", "estoy agotada después de la analítica, puedo conducir?"),
    ("fr", "ma mère est stressée avant les examens, elle peut venir avec moi ?"),
    ("en", "my husband gets really nervous before tests, can he come in with me?"),
    # thinking the bot was a person
    ("en", "haha i thought you were a real person! anyway how much is the gynae appointment?"),
    ("fr", "mdr je croyais que t'étais une vraie personne ! sinon c'est combien la gynéco ?"),
    ("en", "are you a robot or a real person? anyway i need a sick note"),
    # moving one's own appointment, calm waiting, found on google
    ("it", "ho spostato l'appuntamento due volte, posso spostarlo ancora o si paga?"),
    ("en", "i've moved my appointment twice already, can i still change it or is there a fee?"),
    ("es", "llevo 3 días esperando el informe, sin prisa, para cuándo está?"),
    ("it", "vi ho trovato su google, siete aperti anche ad agosto?"),
    ("en", "can i leave a good review somewhere? great team"),
    # talking to the doctor at the visit, the receptionist's instructions
    ("it", "posso parlare con il medico dei risultati durante la visita di controllo?"),
    ("en", "can i talk to the doctor about my results at the check up?"),
    ("en", "the receptionist told me to message here to book"),
    # figures of speech and everyday words
    ("it", "ho il cuore in gola per l'esame di domani ahah, a che ora devo essere lì?"),
    ("fr", "merci mille fois, vous avez été top"),
    ("fr", "c'est toujours le même médecin le mardi ?"),
    ("es", "el consumo de alcohol el día antes afecta al análisis?"),
    ("es", "tenéis otra clínica en el centro?"),
    # worry that is over, or someone else's; staff who gave instructions; curiosity
    ("it", "ok grazie mille, ero un po' preoccupata ma ora è tutto chiaro"),
    ("en", "my mum is a bit worried about the anaesthetic, can my brother go with her?"),
    ("es", "mi madre está un poco preocupada por la anestesia, la puede acompañar mi hermano?"),
    ("fr", "la dame de l'accueil m'a donné une feuille à remplir, je la ramène le jour même ?"),
    ("fr", "par curiosité t'es une IA ? sinon le labo ouvre à quelle heure"),
    # the patient lost something, the patient fears needles: an administrative question
    ("en", "i lost my referral letter, can i still come?"),
    ("es", "me dan miedo las agujas, puede venir alguien conmigo?"),
]


@pytest.mark.parametrize(("language", "text", "kind"), WANTS_A_PERSON)
def test_wanting_a_person_is_handed_over(
    guard: WantsHumanGuard, language: str, text: str, kind: str
) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert not verdict.allowed
    assert verdict.reason == f"wants human: {kind}"
    assert 0.5 <= verdict.risk <= 1
    assert verdict.text == text


@pytest.mark.parametrize(("language", "text"), JUST_MENTIONS_PEOPLE)
def test_mentioning_people_passes(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, verdict.reason
    assert verdict.risk == 0


def test_it_is_a_guard(guard: WantsHumanGuard) -> None:
    assert isinstance(guard, Guard)
    assert guard.name == "wants_human"


def test_distress_outranks_a_plain_request(guard: WantsHumanGuard) -> None:
    # both kinds are present; the queue should see the distress
    verdict = guard.check("ho paura, passatemi un operatore", GuardContext(language="it"))
    assert verdict.reason == "wants human: distress"
    assert {f.type for f in verdict.findings} == {"distress", "asked"}


def test_other_sense_only_hides_the_words_it_covers(guard: WantsHumanGuard) -> None:
    # "human" in "human papilloma" does not count, "talk to a human" still does
    verdict = guard.check("hpv = human papilloma? i want to talk to a human", GuardContext())
    assert verdict.reason == "wants human: asked"


def test_language_is_only_a_hint(guard: WantsHumanGuard) -> None:
    italian = guard.check("voglio un operatore", GuardContext(language="it"))
    english = guard.check("voglio un operatore", GuardContext(language="en"))
    assert not italian.allowed and not english.allowed
    assert english.risk < italian.risk


def test_shouting_and_missing_accents(guard: WantsHumanGuard) -> None:
    verdict = guard.check("QUIERO HABLAR CON UNA PERSONA YA!!!", GuardContext(language="es"))
    assert verdict.reason == "wants human: asked"


def test_findings_point_into_the_original_text(guard: WantsHumanGuard) -> None:
    text = "Grüße, straße… je veux parler à un conseiller"
    verdict = guard.check(text, GuardContext(language="fr"))
    assert not verdict.allowed
    assert any("conseiller" in text[f.start : f.end] for f in verdict.findings)


def test_placeholders_are_not_words(guard: WantsHumanGuard) -> None:
    verdict = guard.check("sono <PERSON_1>, chiamate <PHONE_NUMBER_1>", GuardContext())
    assert verdict.allowed


@pytest.mark.parametrize(
    "text",
    ["", "  \n ", "🙂" * 200, "b" * 4096, "!" * 4096, "ok grazie " * 400, "\x00\u202e\ufeff"],
)
def test_odd_input_never_raises(guard: WantsHumanGuard, text: str) -> None:
    verdict = guard.check(text, GuardContext(language="xx"))
    assert verdict.guard == "wants_human"
    assert verdict.text == text


def test_long_message_with_the_request_at_the_end(guard: WantsHumanGuard) -> None:
    text = "buongiorno " * 350 + "operatore per favore"
    assert len(text) <= 4096
    assert not guard.check(text, GuardContext(language="it")).allowed


def test_fails_closed_when_checking_breaks() -> None:
    class Broken(WantsHumanGuard):
        def _check(self, text: str, context: GuardContext) -> object:  # type: ignore[override]
            raise RuntimeError("boom")

    verdict = Broken().check("ciao", GuardContext())
    assert not verdict.allowed
    assert verdict.risk == 1
    assert verdict.reason == "wants human: could not decide"


def test_not_a_string_fails_closed(guard: WantsHumanGuard) -> None:
    verdict = guard.check(None, GuardContext())  # type: ignore[arg-type]
    assert not verdict.allowed
    assert verdict.text == ""


def test_fast_enough(guard: WantsHumanGuard) -> None:
    messages = [text for _, text, _ in WANTS_A_PERSON] + [text for _, text in JUST_MENTIONS_PEOPLE]
    runs = []
    for _ in range(3):  # best of three: the machine may be busy with something else
        start = time.perf_counter()
        for text in messages:
            guard.check(text, GuardContext(language="en"))
        runs.append((time.perf_counter() - start) / len(messages) * 1000)
    assert min(runs) < 3


def test_missing_lexicon_raises_at_construction() -> None:
    with pytest.raises(LexiconError):
        WantsHumanGuard(lexicon="no_such_lexicon")


def test_every_kind_can_be_reported(guard: WantsHumanGuard) -> None:
    reported = {kind for _, _, kind in WANTS_A_PERSON}
    assert reported == set(KINDS)


def test_a_pair_needs_both_halves(guard: WantsHumanGuard) -> None:
    # "mi può" + "telefonare" asks for a call; "telefonare" alone, the patient calling, does not
    asked = guard.check("mi puo telefonare la segretaria?", GuardContext(language="it"))
    assert asked.reason == "wants human: asked"
    assert guard.check("posso telefonare domani?", GuardContext(language="it")).allowed


def test_pairs_join_halves_of_one_language_only() -> None:
    lists = {"verb": {"it": ["richiamare"]}, "who": {"en": ["nurse"], "it": ["infermiera"]}}
    pairs = compile_pairs("test", [{"first": "verb", "then": "who", "gap": 1}], lists)
    assert set(pairs) == {"it"}
    assert pairs["it"].search("richiamare l infermiera")
    assert not pairs["it"].search("richiamare the nurse")


def test_pairs_respect_the_gap() -> None:
    lists = {"verb": {"en": ["call me"]}, "who": {"en": ["someone"]}}
    pairs = compile_pairs("test", [{"first": "who", "then": "verb", "gap": 2}], lists)
    assert pairs["en"].search("someone please call me")
    assert not pairs["en"].search("someone i met at the shop said they would call me")


@pytest.mark.parametrize(
    ("pair", "problem"),
    [
        ({"first": "verb", "then": "nobody"}, "unknown list"),  # a list that does not exist
        ({"first": "verb", "then": "verb", "gap": 9}, "gap must be"),  # too far apart
        ({"first": "verb", "then": "verb", "gap": "2"}, "gap must be"),  # not a number
        ({"first": "verb", "then": "verb", "within": 2}, "must be a mapping"),  # unknown key
    ],
)
def test_malformed_pairs_are_rejected(pair: dict[str, object], problem: str) -> None:
    with pytest.raises(LexiconError, match=problem):
        compile_pairs("test", [pair], {"verb": {"en": ["call me"]}})


def test_every_match_keeps_overlapping_matches() -> None:
    # finditer would give only "ab"; a veto must see "bc" too
    assert every_match(re.compile("ab|bc"), "abc") == [(0, 2), (1, 3)]


def test_alone_phrases_need_the_whole_message(guard: WantsHumanGuard) -> None:
    # "hay alguien?" asks whether a person is there; inside a question it does not
    assert not guard.check("buenas, hay alguien??", GuardContext(language="es")).allowed
    assert guard.check("hay alguien que hable inglés?", GuardContext(language="es")).allowed


def test_alone_phrases_may_end_with_please(guard: WantsHumanGuard) -> None:
    # "humano xfa" asks for a person; "humano" inside a sentence about HPV does not
    assert not guard.check("humano xfa!!", GuardContext(language="es")).allowed
    assert not guard.check("hello? a human please", GuardContext(language="en")).allowed
    assert guard.check("persona mayor, hay ascensor?", GuardContext(language="es")).allowed


def test_short_spellings_match_like_the_full_words(guard: WantsHumanGuard) -> None:
    # "nn" for "non", "qqn" for "quelqu'un", "some1" for "someone", "q" for "que"
    for short, full, language in [
        ("nn capisci", "non capisci", "it"),
        ("je veux parler a qqn", "je veux parler a quelqu'un", "fr"),
        ("can some1 call me", "can someone call me", "en"),
        ("q me llame alguien", "que me llame alguien", "es"),
    ]:
        verdict = guard.check(short, GuardContext(language=language))
        assert not verdict.allowed, short
        assert verdict.reason == guard.check(full, GuardContext(language=language)).reason
        assert verdict.findings[0].end <= len(short)


def test_spellings_add_phrases_and_never_remove_them() -> None:
    data = {"spellings": {"non": ["nn"]}, "lists": {"l": {"it": ["non so", "altro"]}}}
    assert with_spellings("test", data)["lists"]["l"]["it"] == ["non so", "nn so", "altro"]
    assert with_spellings("test", {"lists": {}}) == {"lists": {}}


def test_malformed_spellings_are_rejected() -> None:
    with pytest.raises(LexiconError, match="spellings"):
        with_spellings("test", {"spellings": {"non": "nn"}})


def test_a_long_run_of_greetings_is_quick(guard: WantsHumanGuard) -> None:
    # "buongiorno" is both a greeting and a greeting with any ending: no exponential backtracking
    for ending in ("c'è nessuno?", "grazie"):
        start = time.perf_counter()
        guard.check("buongiorno " * 350 + ending, GuardContext(language="it"))
        assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"alone_after": "greeting"}, "without 'alone'"),  # greetings before nothing
        ({"alone": {"en": ["anyone there"]}, "alone_after": "nobody"}, "unknown list"),
        ({"alone_then": "greeting"}, "without 'alone'"),  # "please" after nothing
        ({"alone": {"en": ["anyone there"]}, "alone_then": "nobody"}, "unknown list"),
    ],
)
def test_malformed_alone_is_rejected(raw: dict[str, object], problem: str) -> None:
    vetoes = {"greeting": re.compile("hello")}
    with pytest.raises(LexiconError, match=problem):
        compile_kind("test", "asked", {"phrases": {"en": ["operator"]}, **raw}, vetoes)
