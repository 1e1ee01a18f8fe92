"""Secrets derived from the server's key, for links a citizen holds and the database does not.

A derived token can be recomputed by the server (so a receipt printed today can carry the QR of a
rating link that opens later) but not by someone who reads only the database, which keeps just
``token_digest(token)``.
"""

from __future__ import annotations

import hashlib

from django.utils.crypto import constant_time_compare, salted_hmac


def derived_token(purpose: str, ident: object) -> str:
    return salted_hmac(f"danvan.{purpose}", str(ident), algorithm="sha256").hexdigest()[:40]


def token_digest(token: str, *, purpose: str = "") -> str:
    """The stored form of a token; ``purpose`` gives unrelated digests of the same token."""
    return hashlib.sha256(f"{purpose}:{token}".encode() if purpose else token.encode()).hexdigest()


def token_matches(token: str, digest: str, *, purpose: str = "") -> bool:
    return constant_time_compare(token_digest(token, purpose=purpose), digest)
