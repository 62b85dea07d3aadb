"""Real vCards from phones, mail programs and address books (tests/data/vcard, sources in
tests/data/README.md), each read by the rules of its version; and broken ones."""

from __future__ import annotations

import pytest

from netdesk.core.person_details import Address, Entry
from netdesk.formats.records import SKIPPED, WARNING, FormatError
from netdesk.formats.vcard import parse_vcards, read_vcards
from tests.formats.conftest import DATA

VCARD = DATA / "vcard"


def _read(name: str):
    return read_vcards(VCARD / name)


def _messages(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_every_file_of_the_corpus_reads_without_an_error():
    for path in sorted(VCARD.glob("*.vcf")):
        if path.name.startswith("bad-"):
            continue
        result = read_vcards(path)
        assert result.records or result.organizations, path.name
        assert not result.errors, (path.name, result.errors)
        for record in result.records:
            assert record.first_name or record.last_name, path.name


def test_android_21_quoted_printable_names_and_email_only_cards():
    result = _read("ezvcard-John_Doe_ANDROID.vcf")
    john, jane, enye = result.records[:3]
    assert (john.first_name, john.email) == ("john.doe", "john.doe@company.com")
    assert "line 1: the card has no name; named “john.doe” after its email" in \
        _messages(result)[0]
    assert enye.last_name == "Ñ Ñ Ñ Ñ"  # CHARSET=UTF-8 quoted-printable
    bob = result.records[4]
    assert (bob.email, bob.email_label) == ("bob@company.com", "work")  # PREF first
    assert Entry("phone", "123456", "work fax") in bob.entries
    assert "line 52: the photo could not be read (it is not base64); left out" in \
        _messages(result)
    # a stray byte at the end of a UTF-8 note costs one character, not the note
    assert any("was replaced by" in m for m in _messages(result))


def test_outlook_2003_keeps_commas_of_21_and_every_field():
    (john,) = _read("ezvcard-outlook-2003.vcf").records
    assert john.organization == "Company, The"  # 2.1: a comma is a comma
    assert (john.name_prefix, john.name_suffix, john.nickname) == ("Mr.", "III", "Joey")
    assert (john.department, john.job_title, john.birthday) == (
        "TheDepartment", "The Job Title", "1980-03-21")
    assert john.notes == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert Entry("custom", "TheProfession", "Role") in john.entries
    assert john.addresses[0].label == "work"
    # Outlook's sample phones are words: kept as text, each said on its line
    assert Entry("custom", "BusinessPhone", "Phone (as written)") in john.entries


def test_outlook_2007_related_names_and_anniversary():
    (michael,) = _read("ezvcard-outlook-2007.vcf").records
    assert Entry("event", "2012-08-01", "anniversary") in michael.entries
    assert {e.label: e.value for e in michael.entries if e.kind == "related"} == {
        "manager": "TheManagerName", "assistant": "TheAssistantName", "spouse": "TheSpouse"}
    assert michael.birthday == "1922-03-10"
    assert michael.photo.startswith(b"\xff\xd8\xff")


def test_iphone_groups_labels_and_a_large_photo():
    result = _read("ezvcard-John_Doe_IPHONE.vcf")
    (john,) = result.records
    assert (john.middle_name, john.department) == ("Richter,James", "Accounting")
    assert Entry("phone", "905-888-1234", "home fax") in john.entries  # _$!<HomeFAX>!$_
    assert Entry("web", "http://www.ibm.com", "home page") in john.entries
    assert john.addresses[1] == Address("work", "Street4\nBuilding 6\nFloor 8", "New York", "",
                                        "12345", "USA")
    assert john.photo.startswith(b"\xff\xd8\xff")  # CR CR LF line ends read as one


def test_mac_address_book_related_names_and_phonetic_names():
    (john,) = _read("ezvcard-John_Doe_MAC_ADDRESS_BOOK.vcf").records
    assert Entry("related", "Jenny", "Spouse") in john.entries
    assert Entry("custom", "Jon", "Phonetic first name") in john.entries


def test_gmail_custom_labels_messaging_and_dates():
    result = _read("ezvcard-gmail-single2.vcf")
    (card,) = result.records
    assert Entry("email", "customcategory@example.com", "CustomEmailCategory") in card.entries
    assert Entry("im", "IM5", "Skype") in card.entries
    assert Entry("related", "Name2", "spouse") in card.entries
    assert Entry("event", "2000-09-12", "CustomDateCategory") in card.entries
    # a date before 1900 is kept as text, and said so
    assert Entry("custom", "1776-07-04", "Date (as written)") in card.entries
    assert any("“1776-07-04” is not a date netdesk keeps" in m for m in _messages(result))


def test_evolution_and_lotus_notes():
    (evolution,) = _read("ezvcard-John_Doe_EVOLUTION.vcf").records
    assert evolution.department == "Accounting; Dungeon"  # ORG units after the name
    assert evolution.tags == "VIP"
    notes = _read("ezvcard-John_Doe_LOTUS_NOTES.vcf")
    assert notes.records[0].nickname == "Johny,JayJay"
    assert any("left out (netdesk has no place for them): PROFILE" in m
               for m in _messages(notes))


def test_thunderbird_extension_and_the_rfc_examples():
    (john,) = _read("ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf").records
    assert john.tags == "category1, category2, category3"
    assert john.addresses[0].street == "Suite 100\n222 Broadway"
    frank, tim = _read("ezvcard-rfc2426-example.vcf").records
    assert Entry("phone", "+1-919-676-9564", "fax work") in frank.entries
    (simon,) = _read("ezvcard-rfc6350-example.vcf").records
    assert simon.birthday == "--02-03"  # 4.0 without a year
    assert simon.phone == "+1-418-656-9254;ext=102"  # tel: URI with an extension
    assert Entry("event", "2009-08-08", "anniversary") in simon.entries


def test_shift_jis_declared_per_property():
    (taro,) = _read("v21-shift-jis.vcf").records
    assert (taro.last_name, taro.first_name) == ("山田", "太郎")
    assert (taro.organization, taro.department) == ("株式会社サンプル", "営業部")
    assert taro.notes == "大学の先輩、来月会う"  # quoted-printable in Shift_JIS, soft break


def test_bare_quoted_printable_and_literal_commas():
    (asa,) = _read("v21-bare-quoted-printable.vcf").records
    assert asa.notes == ("Notes, with commas; and a semicolon … and a long line broken "
                         "softly\nSecond line")
    assert (asa.organization, asa.department) == ("Company, The", "Research, Data and Tools")


def test_latin1_with_and_without_a_declared_charset():
    result = _read("v21-latin1.vcf")
    (juergen,) = result.records
    assert (juergen.first_name, juergen.job_title) == ("Jürgen", "Geschäftsführer")
    assert juergen.addresses[0].street == "Königstraße 5"
    assert _messages(result) == [
        "line 6: text that is not UTF-8 and names no CHARSET was read as iso8859-1"]


def test_a_nested_card_becomes_a_related_name_and_the_file_reads_on():
    result = _read("v21-agent.vcf")
    john, jane = result.records
    assert Entry("related", "Fred Friday", "agent") in john.entries
    assert john.notes == "His assistant, Fred, books the meetings"
    assert jane.full_name == "Jane Doe"
    assert _messages(result) == ["line 6: a card nested after AGENT inside the card of line 1 "
                                 "was read as the related name “Fred Friday”"]
    (public,) = _read("v30-agent-inline.vcf").records
    assert Entry("related", "Susan Thomas", "agent") in public.entries


def test_company_cards_become_organizations_and_nameless_cards_are_kept():
    result = _read("companies-and-nameless.vcf")
    assert [(o.line, o.name, o.website) for o in result.organizations] == [
        (1, "Northwind Traders", "https://northwind.example"), (9, "アークデータ研究所", ""),
        (19, "Contoso Ltd", "")]
    assert "Phone: 05037543196" in result.organizations[1].notes
    jane, mobile = result.records
    assert (jane.first_name, jane.email) == ("jane.doe", "jane.doe@example.com")
    assert (mobile.first_name, mobile.phone) == ("+44 7700 900123", "+44 7700 900123")
    severities = {p.line: p.severity for p in result.problems}
    assert severities == {1: SKIPPED, 9: SKIPPED, 19: SKIPPED, 25: WARNING, 29: WARNING,
                          33: SKIPPED}


@pytest.mark.parametrize("name, message", [
    ("bad-nested-unclosed.vcf", "line 1: the file ends inside the card that begins on line 1"),
    ("bad-truncated-qp.vcf", "line 1: the file ends inside the card that begins on line 1"),
    ("bad-binary.vcf", "line 4: the file holds binary data"),
])
def test_broken_files_are_refused_naming_the_line(name, message):
    with pytest.raises(FormatError) as caught:
        _read(name)
    assert str(caught.value).startswith(message)


def test_a_wrong_charset_is_read_as_windows_1252_and_said_so():
    result = _read("bad-wrong-charset.vcf")
    (joao,) = result.records
    assert (joao.first_name, joao.last_name, joao.notes) == ("João", "Gonçalves", "Café à côté")
    assert _messages(result) == [
        "line 3: the text is not valid UTF-8; read as cp1252",
        "line 4: text that is not UTF-8 and names no CHARSET was read as cp1252"]


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_escapes_by_version(version):
    text = (f"BEGIN:VCARD\r\nVERSION:{version}\r\nN:Doe;Jane\r\n"
            "NOTE:one\\, two\\; three\\nfour\r\nORG:A\\, B;C\r\nEND:VCARD\r\n")
    (jane,) = parse_vcards(text).records
    if version == "2.1":  # no escapes but \; in a compound value
        assert jane.notes == "one\\, two\\; three\\nfour"
        assert (jane.organization, jane.department) == ("A\\, B", "C")
    else:
        assert jane.notes == "one, two; three\nfour"
        assert (jane.organization, jane.department) == ("A, B", "C")


@pytest.mark.parametrize("value, expected", [
    ("1985-03-15", "1985-03-15"), ("19850315", "1985-03-15"), ("--0315", "--03-15"),
    ("--03-15", "--03-15"), ("1985-03-15T00:00:00Z", "1985-03-15"),
])
def test_birthdays_with_and_without_a_year(value, expected):
    text = f"BEGIN:VCARD\r\nVERSION:4.0\r\nN:Doe;Jane\r\nBDAY:{value}\r\nEND:VCARD\r\n"
    assert parse_vcards(text).records[0].birthday == expected


def test_apple_birthday_without_a_year_and_preferred_order():
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane\r\n"
            "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15\r\n"
            "EMAIL;TYPE=INTERNET,HOME:home@example.org\r\n"
            "EMAIL;TYPE=INTERNET,WORK,pref:work@example.org\r\n"
            "TEL;TYPE=CELL:not a number\r\nEND:VCARD\r\n")
    result = parse_vcards(text)
    (jane,) = result.records
    assert jane.birthday == "--03-15"
    assert (jane.email, jane.email_label) == ("work@example.org", "work")
    assert jane.entries == [Entry("email", "home@example.org", "home"),
                            Entry("custom", "not a number", "Phone (as written)")]
    assert _messages(result)[0].startswith("line 7: “not a number” is not a phone number")


def test_a_photo_larger_than_netdesk_keeps_is_left_out_naming_the_line():
    import base64

    from netdesk.core.limits import PHOTO_BYTES

    photo = base64.b64encode(b"\xff\xd8\xff" + bytes(PHOTO_BYTES)).decode()
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane\r\n"
            f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\nEND:VCARD\r\n")
    result = parse_vcards(text)
    assert result.records[0].photo == b""
    assert _messages(result) == [
        f"line 4: the photo is {(PHOTO_BYTES + 3) / 1000:,.0f} KB; netdesk keeps photos of "
        f"up to {PHOTO_BYTES // 1000} KB; left out"]


def test_a_stray_byte_in_a_parameter_is_read_like_the_values(tmp_path):
    path = tmp_path / "stray.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane\r\n"
                     b"TEL;TYPE=\x80work:+44 20 7946 0000\r\nEND:VCARD\r\n")
    result = read_vcards(path)
    (jane,) = result.records
    assert jane.phone_label == "\u20acwork"  # 0x80 in Windows-1252
    assert "names no CHARSET was read as cp1252" in _messages(result)[0]
