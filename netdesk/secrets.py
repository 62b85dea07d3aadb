"""Passwords and passphrases in the system keyring, never in the database, settings or logs.

One place decides whether a keyring is there: a headless machine often has none (or one
that fails on first use), and then callers ask the person each time instead.
"""

from __future__ import annotations

SERVICE = "netdesk"


class NoKeyring(Exception):
    """No usable system keyring: ask the person instead."""


def _backend():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise NoKeyring("no system keyring is available")
    return backend


def available() -> bool:
    """Whether a keyring exists that can store a secret."""
    try:
        _backend()
    except NoKeyring:
        return False
    return True


def load(key: str) -> str | None:
    """The secret stored under key, or None when none is stored or no keyring answers."""
    try:
        return _backend().get_password(SERVICE, key)
    except Exception:  # noqa: BLE001 - a locked or broken keyring means "ask the person"
        return None


def store(key: str, secret: str) -> None:
    """Keep secret under key; raises NoKeyring when it cannot be kept."""
    try:
        _backend().set_password(SERVICE, key, secret)
    except NoKeyring:
        raise
    except Exception as error:  # noqa: BLE001 - every backend has its own errors
        raise NoKeyring(f"the system keyring refused to store it: {error}") from error


def forget(key: str) -> None:
    """Remove the secret under key, if any."""
    try:
        _backend().delete_password(SERVICE, key)
    except Exception:  # noqa: BLE001 - nothing stored, or no keyring: nothing to forget
        pass
