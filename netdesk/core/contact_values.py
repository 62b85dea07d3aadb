"""One validator for emails and phone numbers, used by the person editor and every importer,
so whatever an import stores the editor accepts.

Phones go through ``phonenumbers``: a number may carry an extension (``;ext=102``,
``ext. 12``, ``x12``) and a dial sequence after a pause (``p``, ``w``, ``,``), kept as
typed and shown formatted. Emails go through ``email-validator`` for syntax only (never
the network); ``"Omega" <omega@example.org>`` is read as its address.

Both libraries are imported at their first use, not with this module: together they
take longer to import than everything else the window's first frame needs.
"""

from __future__ import annotations

import functools
import locale
import os
import re

_PAUSE = re.compile(r"[pw,]", re.IGNORECASE)
_EXTENSION = re.compile(r"\s*(?:;\s*ext=|ext\.?|extension|x|#)\s*(\d+)\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d")


def load_validators() -> None:
    """Import both libraries now rather than at their first use (the window does this in a
    quiet moment after start-up, so that showing the first person does not wait for it)."""
    import phonenumbers  # noqa: F401

    _special_domains()


def user_region() -> str | None:
    """The user's country code from the locale ('GB' for en_GB.UTF-8), or None."""
    for name in ("LC_ALL", "LC_TELEPHONE", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            break
    else:
        value = locale.getlocale()[0] or ""
    match = re.match(r"^[a-z]{2,3}[_-]([A-Z]{2})", value)
    return match.group(1) if match else None


def _split_phone(text: str) -> tuple[str, str, str]:
    """(number, extension, dial sequence after a pause) of a phone as typed."""
    text = text.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    pause = _PAUSE.search(text)
    tail = ""
    if pause:
        text, tail = text[:pause.start()], text[pause.start():]
    extension = ""
    if match := _EXTENSION.search(text):
        text, extension = text[:match.start()], match.group(1)
    return text.strip(), extension, tail


def _parsed(number: str, region: str | None):
    import phonenumbers

    try:
        return phonenumbers.parse(number, region if not number.startswith("+") else None)
    except phonenumbers.NumberParseException:
        return None


def phone_problem(text: str, region: str | None = None) -> str | None:
    """Why ``text`` (blank is allowed) is not a phone number, or None."""
    if not text.strip():
        return None
    number, _extension, _tail = _split_phone(text)
    digits = len(_DIGITS.findall(number))
    if re.search(r"[^\d\s+()./\-]", number) or not 3 <= digits <= 17:
        return (f"“{text.strip()}” is not a phone number (digits, spaces and + ( ) - . "
                "with an extension as “ext. 12” or a pause as “p”).")
    if number.startswith("+"):
        import phonenumbers

        parsed = _parsed(number, None)
        if parsed is None or not phonenumbers.is_possible_number(parsed):
            return f"“{text.strip()}” is not a possible international number."
    return None


def format_phone(text: str, region: str | None = None) -> str:
    """``text`` formatted for reading (national in the user's region, international
    elsewhere), with its extension and dial sequence; as typed when it cannot be read."""
    if phone_problem(text, region):
        return text.strip()
    import phonenumbers

    number, extension, tail = _split_phone(text)
    region = region if region is not None else user_region()
    parsed = _parsed(number, region)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return text.strip()  # a guess at the region would change the number
    style = (phonenumbers.PhoneNumberFormat.NATIONAL
             if region and phonenumbers.region_code_for_number(parsed) == region
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    shown = phonenumbers.format_number(parsed, style)
    if not number.startswith("+") and _DIGITS.findall(shown) != _DIGITS.findall(number):
        return text.strip()  # read as another number than the one typed
    if extension:
        shown += f" ext. {extension}"
    return shown + tail


def phone_key(text: str, region: str | None = None) -> str:
    """A number reduced for comparing ('+442079460000'): the same phone typed two ways
    gives the same key; '' when there is no number."""
    import phonenumbers

    number, extension, _tail = _split_phone(text)
    parsed = _parsed(number, region if region is not None else user_region())
    if parsed is not None and phonenumbers.is_possible_number(parsed):
        key = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    else:
        key = "".join(_DIGITS.findall(number))
    return key + (f";{extension}" if extension and key else "")


def email_address(text: str) -> str:
    """The address in ``text``: '"Omega" <omega@example.org>' and 'mailto:x@y.org' give
    the bare address; anything else is returned stripped."""
    text = text.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if "<" in text and text.endswith(">"):
        return text[text.rindex("<") + 1:-1].strip()
    return text


_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


@functools.cache
def _special_domains() -> tuple[str, ...]:
    import email_validator

    return tuple(email_validator.SPECIAL_USE_DOMAIN_NAMES)


def _plain_email(address: str) -> bool:
    """True for a plain ASCII address the validator is sure to accept, told without it:
    the validator takes a quarter of a millisecond per address, too long for an import of
    30,000 rows. Anything else goes to the validator."""
    if len(address) > 254 or not _PLAIN_EMAIL.fullmatch(address):
        return False
    local, _, domain = address.rpartition("@")
    domain = domain.casefold()
    return len(local) <= 64 and not any(
        domain == special or domain.endswith("." + special) for special in _special_domains())


def email_problem(text: str) -> str | None:
    """Why ``text`` (blank is allowed) is not an email address, or None."""
    address = email_address(text)
    if not address or _plain_email(address):
        return None
    import email_validator

    try:
        email_validator.validate_email(address, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        return f"“{text.strip()}” is not an email address: {error}"
    return None
