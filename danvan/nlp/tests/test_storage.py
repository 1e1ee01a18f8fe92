import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from danvan.nlp import storage


def _fitted() -> LogisticRegression:
    return LogisticRegression().fit(np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1]))


def test_a_model_comes_back_as_it_went():
    data, sha = storage.model_to_bytes(_fitted())
    back = storage.model_from_bytes(data, sha)
    assert back.predict(np.array([[0.0], [3.0]])).tolist() == [0, 1]


def test_altered_bytes_are_refused_by_their_checksum():
    data, sha = storage.model_to_bytes(_fitted())
    with pytest.raises(storage.ModelUnavailable, match="checksum"):
        storage.model_from_bytes(data[:-1] + bytes([data[-1] ^ 1]), sha)


def test_missing_and_corrupt_bytes_are_unavailable_not_a_crash():
    with pytest.raises(storage.ModelUnavailable, match="no model bytes"):
        storage.model_from_bytes(b"", "")
    junk = b"not a model at all"
    import hashlib

    with pytest.raises(storage.ModelUnavailable, match="could not be read"):
        storage.model_from_bytes(junk, hashlib.sha256(junk).hexdigest())


class Custom:
    """A type nobody trusted: skops stores its attributes, and loading it must be refused."""

    def __init__(self) -> None:
        self.weights = [1, 2]


def test_a_type_nobody_trusted_is_refused():
    data, sha = storage.model_to_bytes(Custom())
    with pytest.raises(storage.ModelUnavailable, match="untrusted"):
        storage.model_from_bytes(data, sha)
    assert storage.model_from_bytes(data, sha, trusted=[f"{__name__}.Custom"]).weights == [1, 2]
