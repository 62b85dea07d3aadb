"""Text encodings: UTF-16 without a byte-order mark is text, not binary data."""

from __future__ import annotations

import codecs
import random

import pytest

from netdesk.formats.importing import import_people, read_people
from netdesk.formats.records import FormatError
from netdesk.formats.textfile import decode

CONNECTIONS = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
               "Ada,Lovelace,,ada@example.org,Analytical Engines,Analyst,05 Mar 2024\r\n"
               "José,García,,,Café Ñandú,Chef,17 Jan 2023\r\n"
               "小明,王,,,北京大学,教授,01 Feb 2022\r\n")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(codec):
    data = CONNECTIONS.encode(codec)
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert decode(data, "a CSV file") == CONNECTIONS
    assert decode(data, "a CSV file", "utf-16") == CONNECTIONS  # chosen by hand, too


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16", "utf-8", "utf-8-sig"])
def test_every_unicode_file_imports_the_same_people(db, tmp_path, codec):
    path = tmp_path / "Connections.csv"
    path.write_bytes(CONNECTIONS.encode(codec))
    result = read_people("linkedin", path)
    assert [r.full_name for r in result.records] == ["Ada Lovelace", "José García", "小明 王"]
    _, summary = import_people("linkedin", path)
    assert summary.added == 3


def test_a_vcard_in_utf16_without_a_mark_is_read(db):
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Öberg;Åsa;;;\r\nFN:Åsa Öberg\r\nEND:VCARD\r\n"
    assert decode(text.encode("utf-16-be"), "a vCard file") == text


@pytest.mark.parametrize("data", [
    random.Random(seed).randbytes(3000) + b"\x00" for seed in range(5)
] + [bytes(2000), bytes(range(256)) * 8, b"\x01\x00\x00\x00" * 500])
def test_real_binary_data_is_still_refused_clearly(data):
    with pytest.raises(FormatError, match=r"binary data \(a zero byte at byte \d+\)"):
        decode(data, "a CSV file")


def test_utf16_cut_in_the_middle_of_a_character_is_explained():
    data = CONNECTIONS.encode("utf-16-le")[:-1]
    with pytest.raises(FormatError) as caught:
        decode(data, "a CSV file")
    assert "binary data" in str(caught.value) or "not valid" in str(caught.value)
