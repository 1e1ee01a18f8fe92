"""The denouncer's identity store crypto (Luật Tố cáo 2018, Điều 9, 47, 56): no database needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from danvan.core.errors import DomainError
from danvan.files import sealing
from danvan.files.sealing import SealError

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
STRANGER_KEY = Fernet.generate_key().decode()
IDENTITY = {
    "name": "Nguyễn Thị Hồng Nhung",
    "address": "Số 12 kiệt 34 đường Lê Lợi, phường Thuận Hóa, thành phố Huế",
    "phone": "0905 123 456",
    "email": "nhung@example.vn",
    "id_number": "046190001234",
}


@pytest.fixture
def one_key(settings):
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY]
    return settings


def test_text_round_trip_keeps_vietnamese(one_key) -> None:
    token = sealing.seal_text("Nguyễn Thị Hồng Nhung")
    assert sealing.unseal_text(token) == "Nguyễn Thị Hồng Nhung"


def test_token_is_ascii_and_reveals_nothing_of_the_plaintext(one_key) -> None:
    token = sealing.seal_text("Nguyễn Thị Hồng Nhung")
    assert isinstance(token, str)
    token.encode("ascii")
    assert "Nhung" not in token
    assert sealing.unseal_text(token) != token


def test_sealing_the_same_text_twice_gives_different_tokens(one_key) -> None:
    # A fresh IV each time: equal identities cannot be matched by comparing ciphertexts.
    assert sealing.seal_text("Lê Văn Tám") != sealing.seal_text("Lê Văn Tám")


def test_bytes_round_trip(one_key) -> None:
    scan = bytes(range(256)) * 40
    token = sealing.seal_bytes(scan)
    assert isinstance(token, bytes)
    assert scan not in token
    assert sealing.unseal_bytes(token) == scan


def test_unseal_bytes_accepts_a_str_token_too(one_key) -> None:
    token = sealing.seal_bytes(b"ch\xe1\xbb\xaf k\xc3\xbd")
    assert sealing.unseal_bytes(token.decode("ascii")) == b"ch\xe1\xbb\xaf k\xc3\xbd"


def test_json_round_trip_of_an_identity_record(one_key) -> None:
    token = sealing.seal_json(IDENTITY)
    assert isinstance(token, str)
    assert sealing.unseal_json(token) == IDENTITY


def test_json_round_trip_of_other_values(one_key) -> None:
    for value in (None, 0, "", [1, "hai", {"ba": 3.5}], {"nested": {"đ": True}}):
        assert sealing.unseal_json(sealing.seal_json(value)) == value


def test_seal_refuses_the_wrong_types(one_key) -> None:
    with pytest.raises(TypeError):
        sealing.seal_text(b"bytes")
    with pytest.raises(TypeError):
        sealing.seal_bytes("text")
    with pytest.raises(TypeError):
        sealing.unseal_text(123)


def test_a_token_sealed_under_the_old_key_still_opens_after_a_new_key_is_added(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY]
    token = sealing.seal_json(IDENTITY)
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]
    assert sealing.unseal_json(token) == IDENTITY


def test_new_seals_use_the_first_key(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]
    token = sealing.seal_text("bí mật")
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY]
    assert sealing.unseal_text(token) == "bí mật"
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY]
    with pytest.raises(SealError):
        sealing.unseal_text(token)


def test_rotate_reseals_under_the_newest_key(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY]
    old_token = sealing.seal_json(IDENTITY)
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]
    new_token = sealing.rotate(old_token)
    assert isinstance(new_token, str)
    assert new_token != old_token
    assert sealing.token_key_fingerprint(old_token) != sealing.key_fingerprint()
    assert sealing.token_key_fingerprint(new_token) == sealing.key_fingerprint()
    # Step 4 of the rotation: the old key removed, the rotated token still opens; the old one does not.
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY]
    assert sealing.unseal_json(new_token) == IDENTITY
    with pytest.raises(SealError):
        sealing.unseal_json(old_token)


def test_rotate_keeps_bytes_as_bytes(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY]
    old_token = sealing.seal_bytes(b"%PDF-1.4 scan")
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]
    new_token = sealing.rotate(old_token)
    assert isinstance(new_token, bytes)
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY]
    assert sealing.unseal_bytes(new_token) == b"%PDF-1.4 scan"


def test_rotate_of_a_token_from_an_unknown_key_raises_seal_error(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [STRANGER_KEY]
    token = sealing.seal_text("x")
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]
    with pytest.raises(SealError):
        sealing.rotate(token)


def test_a_token_from_an_unknown_key_raises_seal_error(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [STRANGER_KEY]
    token = sealing.seal_json(IDENTITY)
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]
    with pytest.raises(SealError) as caught:
        sealing.unseal_json(token)
    assert isinstance(caught.value, DomainError)
    assert caught.value.code == "seal_invalid"
    assert "khóa" in str(caught.value) or "key" in str(caught.value)  # Vietnamese unless English is active
    with pytest.raises(SealError):
        sealing.token_key_fingerprint(token)


def test_a_tampered_token_raises_seal_error(one_key) -> None:
    token = sealing.seal_text("Trần Văn Bình")
    middle = len(token) // 2
    tampered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    with pytest.raises(SealError):
        sealing.unseal_text(tampered)


@pytest.mark.parametrize("garbage", ["", "not a token", "gAAAAA", "tôi không phải token", b"\x00\xff"])
def test_garbage_raises_seal_error(one_key, garbage) -> None:
    with pytest.raises(SealError):
        sealing.unseal_bytes(garbage) if isinstance(garbage, bytes) else sealing.unseal_text(garbage)


def test_unseal_json_of_something_not_json_raises_seal_error(one_key) -> None:
    with pytest.raises(SealError) as caught:
        sealing.unseal_json(sealing.seal_text("not json {"))
    assert caught.value.code == "seal_format"


def test_unseal_text_of_bytes_that_are_not_utf8_raises_seal_error(one_key) -> None:
    token = sealing.seal_bytes(b"\xff\xfe\xfd").decode("ascii")
    with pytest.raises(SealError):
        sealing.unseal_text(token)


def test_key_fingerprint_is_short_stable_and_not_the_key(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY]
    fingerprint = sealing.key_fingerprint()
    assert len(fingerprint) == 12 <= 16  # the key_id column holds 16
    assert all(ch in "0123456789abcdef" for ch in fingerprint)
    assert fingerprint not in OLD_KEY
    assert sealing.key_fingerprint() == fingerprint
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]
    assert sealing.key_fingerprint() != fingerprint
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY, NEW_KEY]
    assert sealing.key_fingerprint() == fingerprint


def test_token_key_fingerprint_names_the_key_that_sealed_it(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY]
    old_fingerprint = sealing.key_fingerprint()
    token = sealing.seal_text("x")
    settings.DANVAN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]
    assert sealing.token_key_fingerprint(token) == old_fingerprint


def test_no_key_configured_is_improperly_configured(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        sealing.seal_text("x")
    with pytest.raises(ImproperlyConfigured):
        sealing.key_fingerprint()


def test_a_malformed_key_is_improperly_configured_without_echoing_it(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY, "not-a-fernet-key-but-a-secret-string"]
    with pytest.raises(ImproperlyConfigured) as caught:
        sealing.seal_text("x")
    assert "not-a-fernet-key" not in str(caught.value)
    assert "number 2" in str(caught.value)


def test_keys_given_as_one_comma_separated_string_are_accepted(settings) -> None:
    settings.DANVAN_IDENTITY_KEYS = [OLD_KEY]
    token = sealing.seal_text("x")
    settings.DANVAN_IDENTITY_KEYS = f" {NEW_KEY} , {OLD_KEY} "
    assert sealing.unseal_text(token) == "x"


def test_the_test_settings_key_works_out_of_the_box() -> None:
    # No override: the labelled NOT SECRET key of config/settings/test.py (or the environment's).
    assert sealing.unseal_text(sealing.seal_text("ổn")) == "ổn"


ROOT = Path(__file__).resolve().parents[3]


def _import_production(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DANVAN_SECRET_KEY": "s" * 60, "DANVAN_ALLOW_SQLITE": "1"}, **extra_env)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_production_refuses_to_start_without_identity_keys() -> None:
    result = _import_production({})
    assert result.returncode != 0
    assert "DANVAN_IDENTITY_KEYS" in result.stderr


def test_production_starts_with_identity_keys_from_the_environment() -> None:
    result = _import_production({"DANVAN_IDENTITY_KEYS": f"{NEW_KEY},{OLD_KEY}"})
    assert result.returncode == 0, result.stderr
