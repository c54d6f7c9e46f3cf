"""Secrets of the WhatsApp channel: webhook signatures, sealed storage, patient pseudonyms.

Meta signs every webhook POST with ``X-Hub-Signature-256: sha256=<hex>``, an
HMAC-SHA256 of the raw request bytes keyed with the app secret. The hash must
be taken over the bytes as received: re-serialised JSON differs in whitespace.

What the channel must keep before it has redacted it — the raw update, the
patient's WhatsApp address, a staff reply waiting to be sent — is *sealed*
(Fernet: AES-128-CBC with HMAC-SHA256) under a key derived from the app
secret, which lives in the environment and never in the data directory. So a
copy of the data directory holds no readable patient text, number or profile
name. Conversations are keyed by a keyed hash of the patient's WhatsApp id, so
transcripts and logs never name the number.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from enum import Enum

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


class SignatureCheck(Enum):
    """The outcome of checking a webhook signature (maps to 200 / 401 / 403)."""

    VALID = "valid"
    MISSING = "missing"
    MISMATCH = "mismatch"


def check_signature(raw_body: bytes, header: str | None, app_secret: str) -> SignatureCheck:
    """Check ``X-Hub-Signature-256`` against HMAC-SHA256(app secret, raw body), in constant time."""
    if not header or not header.strip():
        return SignatureCheck.MISSING
    value = header.strip()
    if not value.lower().startswith(_PREFIX):
        return SignatureCheck.MISMATCH
    expected = hmac.new(app_secret.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
    given = value[len(_PREFIX) :].lower()
    if hmac.compare_digest(expected.encode("ascii"), given.encode("ascii", "replace")):
        return SignatureCheck.VALID
    return SignatureCheck.MISMATCH


def sign(raw_body: bytes, app_secret: str) -> str:
    """Return the ``X-Hub-Signature-256`` header value Meta would send for ``raw_body``."""
    digest = hmac.new(app_secret.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
    return _PREFIX + digest


def check_verify_token(given: str | None, expected: str) -> bool:
    """Compare the ``hub.verify_token`` of a verification request in constant time."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class SealBroken(Exception):
    """A sealed value cannot be opened: it was sealed under another app secret, or altered."""


class Sealer:
    """Seals and opens values stored by the channel, and names patients by a keyed hash."""

    def __init__(self, app_secret: str) -> None:
        if not app_secret:
            raise ValueError("the app secret is empty; set FRONTDESK_WHATSAPP_APP_SECRET")
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(app_secret, b"storage")))
        self._pseudonym_key = _derive(app_secret, b"pseudonym")

    def seal(self, value: bytes) -> bytes:
        """Encrypt and authenticate ``value``."""
        return self._fernet.encrypt(value)

    def open(self, sealed: bytes) -> bytes:
        """Return the value sealed in ``sealed``; raise :class:`SealBroken` if it cannot be."""
        try:
            return self._fernet.decrypt(sealed)
        except InvalidToken as exc:
            raise SealBroken(
                "a stored WhatsApp value cannot be opened: "
                "was FRONTDESK_WHATSAPP_APP_SECRET changed?"
            ) from exc

    def conversation_id(self, patient_key: str) -> str:
        """Return the conversation id of a WhatsApp patient: stable, and not their number."""
        digest = hmac.new(self._pseudonym_key, patient_key.encode("utf-8"), hashlib.sha256)
        return "wa-" + digest.hexdigest()[:32]


def _derive(app_secret: str, purpose: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"frontdesk-whatsapp",
        info=purpose,
    ).derive(app_secret.encode("utf-8"))
