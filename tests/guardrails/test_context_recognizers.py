"""Recognizers whose value is PHI because of its context: date of birth, street address,
medical record number, insurance policy. Each table mixes positives and look-alikes."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from guardrails.recognizers.date_of_birth import DateOfBirthRecognizer
from guardrails.recognizers.insurance_policy import InsurancePolicyRecognizer
from guardrails.recognizers.medical_record import MedicalRecordNumberRecognizer
from guardrails.recognizers.street_address import StreetAddressRecognizer


def _found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted(text[r.start : r.end] for r in results)


DATES_OF_BIRTH = [
    # --- Italian ---
    ("nato il 12/03/1985", ["12/03/1985"]),
    ("nata il 12-3-85", ["12-3-85"]),
    ("data di nascita: 12 marzo 1985", ["12 marzo 1985"]),
    ("sono nata a roma il 3 marzo 1990", ["3 marzo 1990"]),
    ("mio figlio e nato il 3 marzo e ha la febbre", ["3 marzo"]),
    ("ho appuntamento il 12 marzo alle 10:30", []),
    ("sono nata a milano e ho appuntamento il 12 marzo", []),
    ("nato a Roma. Ho la visita il 12/03/2025", []),
    # close to the birth phrase, but an appointment word comes in between
    ("nato a bari, visita il 12 marzo", []),
    ("born in Rome, appointment 3/4/2025", []),
    ("sono nato nel 1985, la visita e il 12 marzo", []),
    ("nato il 32/13/1985", []),
    # --- French ---
    ("né le 3 mars 1990", ["3 mars 1990"]),
    ("née le 1er février 1985", ["1er février 1985"]),
    ("nee le 1er fevrier 1985", ["1er fevrier 1985"]),
    ("date de naissance : 03/03/1990", ["03/03/1990"]),
    ("rdv le 3 mars", []),
    # "ne" without accent is the negation
    ("je ne suis pas disponible le 3 mars", []),
    # --- Spanish ---
    ("nacido el 3 de marzo de 1990", ["3 de marzo de 1990"]),
    ("nacida el 3/3/90", ["3/3/90"]),
    ("fecha de nacimiento 3 de marzo de 1990", ["3 de marzo de 1990"]),
    ("tengo cita el 3 de marzo", []),
    # --- English ---
    ("born on March 3, 1990", ["March 3, 1990"]),
    ("born on the 3rd of March 1990", ["3rd of March 1990"]),
    ("date of birth 1990-03-03", ["1990-03-03"]),
    ("dob 12-3-85", ["12-3-85"]),
    ("D.O.B.: 3/12/1985", ["3/12/1985"]),
    ("my appointment on March 3", []),
    ("born 12/03/1985, seen 14/05/2024", ["12/03/1985"]),
]


@pytest.mark.parametrize(("text", "expected"), DATES_OF_BIRTH)
def test_date_of_birth(text: str, expected: list[str]) -> None:
    assert _found(DateOfBirthRecognizer(), text) == expected


ADDRESSES = [
    # --- Italian ---
    ("abito in via roma 12", ["via roma 12"]),
    ("via G. Verdi 5, 20121 milano", ["via G. Verdi 5, 20121 milano"]),
    ("viale XX Settembre 3", ["viale XX Settembre 3"]),
    ("piazza 4 novembre 12", ["piazza 4 novembre 12"]),
    ("via dell'Ospedale 3", ["via dell'Ospedale 3"]),
    ("corso buenos aires 12/A", ["corso buenos aires 12/A"]),
    ("radiologia al secondo piano", []),
    ("vi mando via whatsapp 3 foto", []),
    ("ho pagato via bonifico 80 euro", []),
    ("il corso dura 3 settimane", []),
    ("corso di yoga 2 volte a settimana", []),
    ("siamo in via Roma e il 3 arrivo", []),
    ("via roma 10:30", []),
    ("via roma senza numero", []),
    # --- French ---
    ("12 rue de la paix 75002 paris", ["12 rue de la paix 75002 paris"]),
    ("rue de la paix 75002 paris", ["rue de la paix 75002 paris"]),
    ("j'habite au 3 place de la gare", ["3 place de la gare"]),
    ("j'ai 2 cours de yoga", []),
    # --- Spanish ---
    ("calle mayor 5, 28013 madrid", ["calle mayor 5, 28013 madrid"]),
    ("vivo en c/mayor 5", ["c/mayor 5"]),
    ("avda de la constitucion 15", ["avda de la constitucion 15"]),
    ("camino 20 minutos cada dia", []),
    # --- English ---
    ("221b baker street", ["221b baker street"]),
    ("10 Downing St, London SW1A 2AA", ["10 Downing St, London SW1A 2AA"]),
    (
        "1600 Pennsylvania Avenue, Washington DC 20500",
        ["1600 Pennsylvania Avenue, Washington DC 20500"],
    ),
    ("I live at 5 Park Lane", ["5 Park Lane"]),
    ("can 2 people park close to the clinic?", []),
    ("send it via email 2 times", []),
    # "via" as "by way of", with no unit after the number
    ("I sent it via whatsapp at 3", []),
    ("posso pagare via bonifico 3 o 4 rate?", []),
    ("take 2 pills a day", []),
    # --- Swiss / German ---
    ("Bahnhofstrasse 12, 8001 Zürich", ["Bahnhofstrasse 12, 8001 Zürich"]),
]


@pytest.mark.parametrize(("text", "expected"), ADDRESSES)
def test_street_address(text: str, expected: list[str]) -> None:
    assert _found(StreetAddressRecognizer(), text) == expected


MEDICAL_RECORDS = [
    ("MRN 4471823", ["4471823"]),
    ("mrn: 4471823", ["4471823"]),
    ("n. cartella 2023/55812", ["2023/55812"]),
    ("numero cartella clinica 55812", ["55812"]),
    ("dossier n° 88123", ["88123"]),
    ("numéro de dossier 88123", ["88123"]),
    ("historia clinica 665432", ["665432"]),
    ("nº de historia 665432", ["665432"]),
    ("patient id 12345", ["12345"]),
    ("record number 77812", ["77812"]),
    ("mi numero de historia clinica es 665432, gracias", ["665432"]),
    # no number after the phrase, or too few digits
    ("la cartella clinica è pronta? sono passati 3 giorni", []),
    ("dossier complet pour le 12 mars", []),
    ("patient id abc", []),
    ("MRN 123", []),
    # a number with no record phrase before it
    ("ho pagato 4471823", []),
]


@pytest.mark.parametrize(("text", "expected"), MEDICAL_RECORDS)
def test_medical_record_number(text: str, expected: list[str]) -> None:
    assert _found(MedicalRecordNumberRecognizer(), text) == expected


POLICIES = [
    ("polizza n. AX-55812", ["AX-55812"]),
    ("numero polizza 123456789", ["123456789"]),
    ("police n° 44 551 223", ["44 551 223"]),
    ("numéro d'adhérent 123456", ["123456"]),
    ("n° adhérent 99887766", ["99887766"]),
    ("policy number GHP-2231-889", ["GHP-2231-889"]),
    ("member id XYZ123456", ["XYZ123456"]),
    ("poliza 55-889-12", ["55-889-12"]),
    ("numero de poliza 7788991", ["7788991"]),
    # "police" without a number sign is the police
    ("la police est venue 2024", []),
    ("la polizza copre 2 visite?", []),
    ("what is your cancellation policy for 24 hours", []),
    ("member id please", []),
]


@pytest.mark.parametrize(("text", "expected"), POLICIES)
def test_insurance_policy(text: str, expected: list[str]) -> None:
    assert _found(InsurancePolicyRecognizer(), text) == expected


def test_context_ids_beat_a_phone_number_on_the_same_digits() -> None:
    # a context-named number scores 1.0, above a phone number with context (0.95)
    results = InsurancePolicyRecognizer().analyze("numero polizza 123456789", ["INSURANCE_POLICY"])
    assert [r.score for r in results] == [1.0]
