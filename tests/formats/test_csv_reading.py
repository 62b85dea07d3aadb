"""CSV by RFC 4180 rules: delimiter from the header, quotes never guessed, bad files refused."""

from __future__ import annotations

import pytest

from netdesk.formats.csvtext import choose_delimiter
from netdesk.formats.importing import RowErrors, import_people
from netdesk.formats.records import FormatError
from netdesk.formats.table import guess_mapping, parse_table, read_table, table_records
from netdesk.formats.textfile import MAX_IMPORT_BYTES, decode_detected
from tests.formats.conftest import DATA

CSV = DATA / "csv"


@pytest.mark.parametrize("header, delimiter", [
    ("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ('"x;y",b,c', ","),
    ('"a,b";"c,d";e', ";"), ("name", ","), ("\n\n a;b,c;d", ";"),
])
def test_the_delimiter_comes_from_the_header_line(header, delimiter):
    assert choose_delimiter(header + "\nlater,rows;never\tcount\n") == delimiter


def test_a_quote_in_a_later_cell_never_breaks_a_row():
    # 9 KB of plain rows first: a sample-based guess would not see the quotes coming
    plain = "".join(f"P{i},Q{i},p{i}@example.org,Note {i}\n" for i in range(300))
    text = ("First name,Last name,Email,Notes\n" + plain
            + 'Ada,Lovelace,ada@example.org,She said "hi"\n'
            + 'Grace,Hopper,grace@example.org,"quoted, with a comma\nand a newline"\n'
            + "Alan,Turing,alan@example.org,5'11\" tall\n")
    table = parse_table(text)
    result = table_records(table, guess_mapping(table.header))
    assert len(result.records) == 303 and not result.problems
    ada, grace, alan = result.records[-3:]
    assert ada.notes == 'She said "hi"'
    assert grace.notes == "quoted, with a comma\nand a newline"
    assert alan.notes == "5'11\" tall"
    assert (grace.line, alan.line) == (303, 305)


def test_semicolons_with_quotes_and_newlines():
    table = read_table(CSV / "later_quotes.csv")
    ada, grace = table_records(table, guess_mapping(table.header)).records
    assert ada.notes == 'He said "hi"; twice'
    assert grace.notes == "two\nlines"


@pytest.mark.parametrize("name, message", [
    ("stray_quote.csv", "line 3: the file ends inside a quoted cell that starts on line 3"),
    ("mixed_delimiters.csv", "line 3: the row is separated by semicolons, the header by commas"),
    ("unquoted_comma.csv", "line 3: 5 cells for 4 columns"),
])
def test_bad_files_leave_the_tables_identical(sample_db, dump, name, message):
    before = dump(sample_db)
    with pytest.raises(FormatError) as caught:
        import_people("csv", CSV / name)
    assert message in str(caught.value)
    assert dump(sample_db) == before
    if isinstance(caught.value, RowErrors):  # the other rows import when asked
        _, summary = import_people("csv", CSV / name, skip_invalid=True)
        assert summary.added >= 1 and len(summary.errors) == 1


def test_binary_and_huge_files_are_refused(sample_db, dump, tmp_path):
    before = dump(sample_db)
    (tmp_path / "binary.csv").write_bytes(b"First name,Last name\n\x00\x01\x02" * 100)
    with pytest.raises(FormatError, match="binary data"):
        import_people("csv", tmp_path / "binary.csv")
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(b"First name,Last name\n")
        handle.write(b"Ada,Lovelace\n" * (50_000_000 // 13 + 1))
    assert big.stat().st_size > MAX_IMPORT_BYTES
    with pytest.raises(FormatError, match="netdesk imports files of up to 40 MB"):
        import_people("csv", big)
    assert dump(sample_db) == before


ENCODED = {
    "cp1252": "Name,Email\nJosé Núñez,jose@example.org\nFrançoise Müller,f@example.org\n",
    "cp1250": "Jméno,E-mail\nJiří Dvořák,jiri@example.cz\nŽofie Šťastná,zofie@example.cz\n",
    "cp1251": "Имя,Почта\nИван Петров,ivan@example.ru\nМария Иванова,maria@example.ru\n",
    "cp932": "名前,メール\n山田太郎,taro@example.jp\n佐藤花子,hanako@example.jp\n",
    "big5": "姓名,電郵\n陳大文,chan@example.tw\n林美玲,lin@example.tw\n",
    "cp949": "이름,이메일\n김철수,kim@example.kr\n이영희,lee@example.kr\n",
    "gb18030": "姓名,邮箱,单位,备注\n"
               + "王小明,wang@example.cn,北京大学,他是我们学校的老师，喜欢读书和写字。\n" * 4,
}


@pytest.mark.parametrize("codec", sorted(ENCODED))
def test_a_file_that_is_not_utf8_is_read_with_a_guess(codec):
    decoded = decode_detected(ENCODED[codec].encode(codec), "a CSV file")
    assert (decoded.text, decoded.encoding, decoded.guessed) == (ENCODED[codec], codec, True)


def test_a_declared_encoding_is_honoured(tmp_path):
    text = "Name\nJosé Núñez\n"
    path = tmp_path / "x.csv"
    path.write_bytes(text.encode("cp1252"))
    assert read_table(path, "cp1251").encoding == "cp1251"  # chosen: never second-guessed
    assert not read_table(path, "latin-1").encoding_guessed
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # a byte-order mark
    table = read_table(path)
    assert (table.encoding, table.encoding_guessed, table.header) == ("utf-8", False, ["Name"])
    path.write_bytes(text.encode("utf-16"))
    assert read_table(path).rows[0][1] == ["José Núñez"]
    (tmp_path / "sjis.csv").write_bytes((CSV / "shift_jis.csv").read_bytes())
    assert read_table(tmp_path / "sjis.csv").rows[0][1][0] == "山田太郎"
