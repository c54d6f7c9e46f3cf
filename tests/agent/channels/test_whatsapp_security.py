"""Webhook signatures on a real signed Meta request, verify tokens, sealing and pseudonyms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from agent.channels.whatsapp_security import (
    SealBroken,
    Sealer,
    SignatureCheck,
    check_signature,
    check_verify_token,
    sign,
)

SIGNATURE = Path(__file__).resolve().parents[2] / "data" / "whatsapp_payloads" / "signature"
VECTOR: dict[str, Any] = json.loads(
    (SIGNATURE / "signed_text_message.vector.json").read_text(encoding="utf-8")
)
RAW: bytes = (SIGNATURE / VECTOR["body_file"]).read_bytes()
SECRET: str = VECTOR["app_secret"]
HEADER: str = VECTOR["x_hub_signature_256"]
PATIENT_NUMBER = "393551234567"


# ---------------------------------------------------------------- signatures


def test_the_captured_meta_request_is_valid() -> None:
    assert check_signature(RAW, HEADER, SECRET) is SignatureCheck.VALID


def test_sign_reproduces_the_header_meta_sent() -> None:
    assert sign(RAW, SECRET) == HEADER


def test_reserialised_json_does_not_match_even_though_it_means_the_same() -> None:
    reserialised = json.dumps(json.loads(RAW)).encode("utf-8")
    assert json.loads(reserialised) == json.loads(RAW)  # same content ...
    assert reserialised != RAW  # ... other bytes
    assert check_signature(reserialised, HEADER, SECRET) is SignatureCheck.MISMATCH


@pytest.mark.parametrize("position", [0, len(RAW) // 2, len(RAW) - 1])
def test_one_flipped_byte_is_a_mismatch(position: int) -> None:
    tampered = bytearray(RAW)
    tampered[position] ^= 0x01
    assert check_signature(bytes(tampered), HEADER, SECRET) is SignatureCheck.MISMATCH


def test_another_app_secret_is_a_mismatch() -> None:
    assert check_signature(RAW, HEADER, SECRET + "x") is SignatureCheck.MISMATCH


@pytest.mark.parametrize("header", [None, "", "   ", "\t\n"])
def test_a_missing_or_blank_header_is_missing(header: str | None) -> None:
    assert check_signature(RAW, header, SECRET) is SignatureCheck.MISSING


@pytest.mark.parametrize(
    "header",
    [
        HEADER.removeprefix("sha256="),  # the right digest without its prefix
        "sha1=" + HEADER.removeprefix("sha256="),  # another algorithm's prefix
        "sha256=",  # prefix only
        "sha256=not-hex-at-all",
        "sha256=" + "z" * 64,  # right length, not hex
        "sha256=" + "é" * 64,  # not even ASCII
        "sha256=" + HEADER.removeprefix("sha256=")[:-1],  # one digit short
        "sha256=" + HEADER.removeprefix("sha256=") + "0",  # one digit too many
        "sha256=" + "0" * 64,
    ],
)
def test_a_malformed_or_wrong_header_is_a_mismatch_not_an_exception(header: str) -> None:
    assert check_signature(RAW, header, SECRET) is SignatureCheck.MISMATCH


def test_header_case_and_surrounding_space_do_not_matter() -> None:
    # Hex digits are case-insensitive; proxies may add whitespace around header values.
    assert check_signature(RAW, "  " + HEADER.upper() + " ", SECRET) is SignatureCheck.VALID


# ---------------------------------------------------------------- verify token


@pytest.mark.parametrize(
    ("given", "expected", "ok"),
    [
        ("meatyhamhock", "meatyhamhock", True),  # the token Meta's docs use
        ("meatyhamhock ", "meatyhamhock", False),  # trailing space is another token
        ("MEATYHAMHOCK", "meatyhamhock", False),  # case matters
        ("meaty", "meatyhamhock", False),  # a prefix is not enough
        ("", "meatyhamhock", False),
        (None, "meatyhamhock", False),  # no hub.verify_token at all
        ("tòken-è", "tòken-è", True),  # non-ASCII compares without raising
        ("tòken-e", "tòken-è", False),
    ],
)
def test_check_verify_token(given: str | None, expected: str, ok: bool) -> None:
    assert check_verify_token(given, expected) is ok


# ---------------------------------------------------------------- sealing


def test_a_sealed_value_opens_to_the_same_bytes() -> None:
    sealer = Sealer(SECRET)
    assert sealer.open(sealer.seal(RAW)) == RAW
    # A new Sealer on the same secret (another process, a restart) opens it too.
    assert Sealer(SECRET).open(sealer.seal(b"\x00binary\xff")) == b"\x00binary\xff"


def test_sealing_twice_gives_different_bytes() -> None:
    sealer = Sealer(SECRET)
    assert sealer.seal(RAW) != sealer.seal(RAW)  # a fresh IV each time: equal texts do not show


def test_sealed_bytes_do_not_contain_the_plaintext() -> None:
    plaintext = "Ho la febbre alta, è urgente: Maria Rossi, tel 393551234567".encode()
    sealed = Sealer(SECRET).seal(plaintext)
    assert plaintext not in sealed
    for fragment in (b"febbre", b"Maria", b"Rossi", PATIENT_NUMBER.encode()):
        assert fragment not in sealed
    sealed_raw = Sealer(SECRET).seal(RAW)
    assert b"PyWa" not in sealed_raw and b"972544401243" not in sealed_raw


def test_another_secret_cannot_open_a_sealed_value() -> None:
    sealed = Sealer(SECRET).seal(b"patient address")
    with pytest.raises(SealBroken, match="FRONTDESK_WHATSAPP_APP_SECRET"):
        Sealer("another-app-secret").open(sealed)


def test_an_altered_sealed_value_cannot_be_opened() -> None:
    sealer = Sealer(SECRET)
    sealed = bytearray(sealer.seal(b"patient address"))
    sealed[len(sealed) // 2] ^= 0x01
    with pytest.raises(SealBroken):
        sealer.open(bytes(sealed))
    with pytest.raises(SealBroken):
        sealer.open(b"not a sealed value")


def test_an_empty_app_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="FRONTDESK_WHATSAPP_APP_SECRET"):
        Sealer("")


# ---------------------------------------------------------------- pseudonyms


def test_conversation_id_is_stable_for_one_secret() -> None:
    first = Sealer(SECRET).conversation_id(PATIENT_NUMBER)
    assert first == Sealer(SECRET).conversation_id(PATIENT_NUMBER)
    assert first.startswith("wa-") and len(first) == 3 + 32


def test_conversation_id_differs_between_patients_and_between_secrets() -> None:
    sealer = Sealer(SECRET)
    mine = sealer.conversation_id(PATIENT_NUMBER)
    assert mine != sealer.conversation_id("393551234568")  # one digit apart
    assert mine != Sealer("another-app-secret").conversation_id(PATIENT_NUMBER)


@pytest.mark.parametrize(
    "patient_key", [PATIENT_NUMBER, "972544401243", "16505551234", "US.13491208655302741918"]
)
def test_conversation_id_does_not_contain_the_number(patient_key: str) -> None:
    conversation_id = Sealer(SECRET).conversation_id(patient_key)
    digits = "".join(ch for ch in patient_key if ch.isdigit())
    assert digits not in conversation_id
    # Not even a recognisable tail of it (staff views often show the last digits).
    assert digits[-6:] not in conversation_id
