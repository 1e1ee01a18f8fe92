"""A fitted model to bytes and back without pickle (skops), checked against its SHA-256.

Why not pickle: a model file is data an operator can replace; unpickling runs whatever code the file
names. ``skops.io`` writes the estimator's parameters and refuses, on load, any type not on the list of
trusted ones (scikit-learn's own estimators and numpy/scipy arrays, plus the types a caller names).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import skops.io as sio


class ModelUnavailable(Exception):
    """A model's bytes are missing, do not match their checksum, or name a type nobody trusted."""


def model_to_bytes(model: Any) -> tuple[bytes, str]:
    """The model's bytes and their SHA-256 (hex): store both, check one against the other on load."""
    data = sio.dumps(model)
    return data, hashlib.sha256(data).hexdigest()


def model_from_bytes(data: bytes | None, sha256: str, *, trusted: Iterable[str] = ()) -> Any:
    """The model stored as ``data``; ``ModelUnavailable`` when it is missing, altered or untrusted.

    ``trusted`` names extra types (``"module.Class"``) the caller's model is built of; everything else
    the file names must be a type skops trusts by default.
    """
    if not data:
        raise ModelUnavailable("no model bytes")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ModelUnavailable("the model's bytes do not match their checksum")
    try:
        unknown = set(sio.get_untrusted_types(data=data)) - set(trusted)
        if unknown:
            raise ModelUnavailable(f"the model names untrusted types: {sorted(unknown)}")
        return sio.loads(data, trusted=sorted(set(sio.get_untrusted_types(data=data))))
    except ModelUnavailable:
        raise
    except Exception as exc:  # a truncated or corrupt file raises whatever the zip/json layer raises
        raise ModelUnavailable(f"the model could not be read: {exc.__class__.__name__}") from exc
