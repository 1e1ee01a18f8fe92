"""Sealing secrets at rest (a denouncer's identity, first): symmetric encryption with keys from the environment.

Luật Tố cáo 2018, Điều 9(1)(b) and 47 give the denouncer the right to have their name, address,
handwriting (bút tích) and other personal information kept secret; Điều 56(2) requires that these
be removed from the file before it goes to the verifiers and that the originals be kept under the
secrecy regime. Dân Vận Số keeps them in a separate store, sealed with this module: the database
(and every backup and replica of it) holds only ciphertext, and the key lives outside it.

What it is
    Fernet (AES-128-CBC with HMAC-SHA256, from ``cryptography``) under ``MultiFernet``, so that
    several keys can be in use during a rotation. Tokens are authenticated: a tampered token or
    one sealed under a key that is no longer configured raises ``SealError`` and never yields
    garbage. The keys come from the setting ``DANVAN_IDENTITY_KEYS``, newest first, which the
    settings read from the environment variable of the same name (comma-separated). Django's
    error reports hide any setting whose name contains ``KEY``, this one included.

What it does not hide
    A Fernet token carries the time it was made in clear, and its length follows the length of
    the plaintext (to 16 bytes). Both are acceptable here: the row already has a creation time,
    and tokens are shown to nobody. Access control and the audit log of every opening belong to
    the services (``cases/services/protection.py``); this module only does the cryptography.

Keys and rotation (also in docs/cases.md, "Protecting the denouncer's identity")
    A key is 32 random bytes, urlsafe-base64 encoded (44 characters). Make one with::

        .venv/bin/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"

    1. Add the new key *second* (``old,new``) on every process (web, task worker, shell hosts) and
       restart them. All of them can now read what the new key will seal, so no server can meet a
       token it cannot open during the change-over.
    2. Put the new key *first* (``new,old``) everywhere and restart. New seals use it from now on,
       and ``key_fingerprint()`` (stored beside each sealed row) names it.
    3. Re-seal the old rows: for every row whose stored fingerprint differs from
       ``key_fingerprint()``, store ``rotate(token)`` and the new fingerprint, in batches, each
       batch in a transaction. It is idempotent and can be resumed. (A ``danvan
       rotate_identity_keys`` command will do this once the models exist; until then, the loop in
       docs/cases.md.)
    4. When no row carries an old fingerprint, remove the old key from the list and restart.
    5. Keep the retired key in the offline key escrow for as long as database backups made before
       step 3 are kept: those backups can only be read with it. Destroying it later makes those
       backups' identities unreadable for good, which is the intended end of their retention.

    If a key has leaked: do steps 1–4 at once, and treat it as a personal-data breach (notify
    within the period of Luật Bảo vệ dữ liệu cá nhân 2025 and its decree; legal-spec §11).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from functools import lru_cache
from typing import Any, overload

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError

__all__ = [
    "SealError",
    "key_fingerprint",
    "rotate",
    "seal_bytes",
    "seal_json",
    "seal_text",
    "token_key_fingerprint",
    "unseal_bytes",
    "unseal_json",
    "unseal_text",
]

# Domain separation: a fingerprint is a hash of the key under this label, so it can never equal a
# hash computed for any other purpose, and it reveals nothing usable about a 256-bit random key.
# The label predates the move to files: changing it would change every stored key fingerprint.
_FINGERPRINT_LABEL = b"danvan.cases.sealing/key-fingerprint/v1:"
FINGERPRINT_LENGTH = 12  # fits the 16-character key_id column beside each sealed row


class SealError(DomainError):
    """A sealed value that cannot be opened: unknown key, damaged or tampered token, wrong format."""

    code = "seal_invalid"


def _configured_keys() -> tuple[str, ...]:
    keys = getattr(settings, "DANVAN_IDENTITY_KEYS", None) or []
    if isinstance(keys, str):  # a single key given as a string instead of a list: accept it
        keys = [k for k in (part.strip() for part in keys.split(",")) if k]
    return tuple(str(k).strip() for k in keys if str(k).strip())


@lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, tuple[Fernet, ...], tuple[str, ...]]:
    # Cached per key list, so changing the setting (a test, a reload) takes effect at once.
    if not keys:
        raise ImproperlyConfigured(
            "DANVAN_IDENTITY_KEYS is empty: the denouncer's identity cannot be sealed (Luật Tố cáo 2018, Điều 56)."
        )
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, binascii.Error) as exc:
            # Never echo the key itself into a log or a traceback.
            raise ImproperlyConfigured(
                f"DANVAN_IDENTITY_KEYS: key number {position} is not a urlsafe-base64 Fernet key of 32 bytes."
            ) from exc
    return MultiFernet(fernets), tuple(fernets), tuple(_fingerprint(k) for k in keys)


def _fingerprint(key: str) -> str:
    raw = base64.urlsafe_b64decode(key.encode("ascii"))
    return hashlib.sha256(_FINGERPRINT_LABEL + raw).hexdigest()[:FINGERPRINT_LENGTH]


def _multi() -> MultiFernet:
    return _fernets(_configured_keys())[0]


def _invalid() -> SealError:
    return SealError(
        _(
            "The protected identity data could not be opened: it was sealed with a key that is no longer "
            "configured, or it is damaged."
        )
    )


def _as_bytes(token: str | bytes) -> bytes:
    if isinstance(token, bytes):
        return token
    if isinstance(token, str):
        try:
            return token.encode("ascii")
        except UnicodeEncodeError:
            raise _invalid() from None
    raise TypeError(f"a sealed token is str or bytes, not {type(token).__name__}")


def seal_bytes(data: bytes) -> bytes:
    """Seal raw bytes (a scan of a signed petition, say) under the newest key; the token is ASCII."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"seal_bytes takes bytes, not {type(data).__name__}")
    return _multi().encrypt(bytes(data))


def unseal_bytes(token: bytes) -> bytes:
    """The bytes sealed in ``token``, under any configured key; ``SealError`` if it cannot be opened."""
    try:
        return _multi().decrypt(_as_bytes(token))
    except InvalidToken:
        raise _invalid() from None


def seal_text(plain: str) -> str:
    """Seal a string; the token is an ASCII string, fit for a text column."""
    if not isinstance(plain, str):
        raise TypeError(f"seal_text takes str, not {type(plain).__name__}")
    return seal_bytes(plain.encode("utf-8")).decode("ascii")


def unseal_text(token: str) -> str:
    try:
        return unseal_bytes(_as_bytes(token)).decode("utf-8")
    except UnicodeDecodeError:
        raise SealError(_("The protected data is not in the expected format."), code="seal_format") from None


def seal_json(obj: Any) -> str:
    """Seal a JSON-serialisable value (the identity record: name, address, phone, ...)."""
    # Keys sorted and no ASCII escaping: the same record always gives the same plaintext, and
    # Vietnamese letters take 2–3 bytes instead of the 6 of a \uXXXX escape.
    return seal_text(json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def unseal_json(token: str) -> Any:
    text = unseal_text(token)
    try:
        return json.loads(text)
    except ValueError:
        raise SealError(_("The protected data is not in the expected format."), code="seal_format") from None


@overload
def rotate(token: str) -> str: ...
@overload
def rotate(token: bytes) -> bytes: ...
def rotate(token: str | bytes) -> str | bytes:
    """Re-seal ``token`` under the newest key (step 3 of the rotation); same type in, same type out.

    The original creation time inside the token is kept. ``SealError`` when no configured key opens it.
    """
    try:
        rotated = _multi().rotate(_as_bytes(token))
    except InvalidToken:
        raise _invalid() from None
    return rotated.decode("ascii") if isinstance(token, str) else rotated


def key_fingerprint() -> str:
    """A short, non-secret name of the newest key, to store beside each sealed row.

    Fernet tokens do not say which key sealed them; this does, so a rotation can find the rows
    still sealed under an old key without trying to open every one.
    """
    return _fernets(_configured_keys())[2][0]


def token_key_fingerprint(token: str | bytes) -> str:
    """The fingerprint of the configured key that opens ``token``; ``SealError`` if none does.

    For checking a row whose stored fingerprint is missing or doubtful; it decrypts, so it is slow.
    """
    data = _as_bytes(token)
    _multi_fernet, fernets, fingerprints = _fernets(_configured_keys())
    for fernet, fingerprint in zip(fernets, fingerprints, strict=True):
        try:
            fernet.decrypt(data)
        except InvalidToken:
            continue
        return fingerprint
    raise _invalid()
