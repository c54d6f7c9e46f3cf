"""The identifier types PHI redaction knows, importable without loading Presidio."""

from __future__ import annotations

ENTITIES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "IBAN_CODE",
    "CREDIT_CARD",
    "US_SSN",
    "IT_FISCAL_CODE",
    "IT_HEALTH_CARD",
    "ES_DNI_NIE",
    "FR_NIR",
    "DATE_OF_BIRTH",
    "STREET_ADDRESS",
    "MEDICAL_RECORD_NUMBER",
    "INSURANCE_POLICY",
    "ID_NUMBER",
)
"""Entity types redacted today (no DATE_TIME, LOCATION, NRP, ORGANIZATION, URL: a date
is redacted only as a date of birth, a place only as a street address). ``ID_NUMBER`` is
any other number shaped like an identifier (an insurer's, a fund's or a hospital's own
numbering), whatever phrase introduces it."""

SENSITIVE_IDENTIFIERS: frozenset[str] = frozenset(
    {
        "IT_FISCAL_CODE",
        "IT_HEALTH_CARD",
        "FR_NIR",
        "ES_DNI_NIE",
        "US_SSN",
        "IBAN_CODE",
        "CREDIT_CARD",
        "INSURANCE_POLICY",
        "MEDICAL_RECORD_NUMBER",
    }
)
"""Identifiers a patient must not send in chat: the safety reply points to the portal."""
