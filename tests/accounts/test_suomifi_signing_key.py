"""The key that signs Suomi.fi client assertions follows the deployment's key rules (keys.py): given
from the environment or a 0600 file outside the data directory, generated only for the demo, and
asked for only when Suomi.fi sign-in is configured."""

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.core.exceptions import ImproperlyConfigured

from coprocure import keys

from .conftest import pem


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv("COPROCURE_SUOMIFI_SIGNING_KEY", raising=False)
    monkeypatch.delenv("COPROCURE_SUOMIFI_SIGNING_KEY_FILE", raising=False)


def test_a_deployment_with_suomifi_refuses_to_start_without_a_signing_key(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="COPROCURE_SUOMIFI_SIGNING_KEY"):
        keys.suomifi_signing_key(tmp_path / "var", demo=False, enabled=True)
    assert keys.suomifi_signing_key(tmp_path / "var", demo=False, enabled=False) == ""
    assert not (tmp_path / "var").exists()


def test_the_key_file_must_be_private_and_outside_the_data_directory(tmp_path, monkeypatch):
    var = tmp_path / "var"
    var.mkdir()
    key = pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    for where, mode, refused in ((tmp_path / "signing.pem", 0o644, "readable by others"),
                                 (var / "signing.pem", 0o600, "inside the data directory")):
        where.write_text(key)
        where.chmod(mode)
        monkeypatch.setenv("COPROCURE_SUOMIFI_SIGNING_KEY_FILE", str(where))
        with pytest.raises(ImproperlyConfigured, match=refused):
            keys.suomifi_signing_key(var, demo=False, enabled=True)
    (tmp_path / "signing.pem").chmod(0o600)
    monkeypatch.setenv("COPROCURE_SUOMIFI_SIGNING_KEY_FILE", str(tmp_path / "signing.pem"))
    assert keys.suomifi_signing_key(var, demo=False, enabled=True) == key.strip()


def test_the_demo_generates_one_private_key_and_keeps_it(tmp_path):
    first = keys.suomifi_signing_key(tmp_path, demo=True, enabled=True)
    assert (tmp_path / "suomifi_signing_key.pem").stat().st_mode & 0o777 == 0o600
    assert load_pem_private_key(first.encode(), password=None).key_size >= 2048
    assert keys.suomifi_signing_key(tmp_path, demo=True, enabled=True) == first
