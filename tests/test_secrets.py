"""The keyring wrapper: stored secrets come back; without a keyring callers are told so."""

import keyring
import pytest
from keyring.backends import fail

from netdesk import secrets


def test_a_stored_secret_comes_back_and_can_be_forgotten(memory_keyring):
    secrets.store("sync:1", "s3cret")
    assert secrets.load("sync:1") == "s3cret"
    assert memory_keyring.secrets == {("netdesk", "sync:1"): "s3cret"}
    secrets.forget("sync:1")
    assert secrets.load("sync:1") is None


def test_without_a_keyring_loading_gives_none_and_storing_says_why(monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    assert not secrets.available()
    assert secrets.load("sync:1") is None
    with pytest.raises(secrets.NoKeyring):
        secrets.store("sync:1", "s3cret")
    secrets.forget("sync:1")
