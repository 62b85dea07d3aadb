"""Random and mutated input: every importer either imports or refuses cleanly, never crashes."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdesk.formats.database_json import load_dump
from netdesk.formats.importing import import_people
from netdesk.formats.linkedin import parse_connections
from netdesk.formats.records import FormatError, ParseResult
from netdesk.formats.table import guess_mapping, parse_table, table_records
from netdesk.formats.textfile import decode
from netdesk.formats.vcard import parse_vcards
from tests.conftest import examples
from tests.formats.conftest import GOOD, table_dump

FUZZ = settings(max_examples=examples(120), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

_csv_alphabet = st.sampled_from(list(',;"\n\r\t \'=+-@:') + list("abcXYZéß09"))
_csv_text = st.text(_csv_alphabet, max_size=400)
_vcard_lines = st.lists(st.one_of(
    st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:3.0", "VERSION:4.0", "VERSION:2.1",
                     "FN:Ada Lovelace", "N:Lovelace;Ada;;;", "N:;;;;", "ORG:Engines;R&D",
                     "EMAIL;TYPE=pref:ada@x.org", "TEL;VALUE=uri:tel:+1555", "PHOTO;ENCODING=b:@@",
                     "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=", "NOTE;CHARSET=nope;ENCODING"
                     "=QUOTED-PRINTABLE:=FF", " folded", "BEGIN:VEVENT", "END:VEVENT",
                     "CATEGORIES:a,b", "URL:https\\://linkedin.com/in/x", "item1.X-ABLabel:x",
                     "BDAY:1815-12-10", "REV:garbage", ""]),
    st.text(max_size=30)), max_size=30)


def _parse_csv(text: str) -> ParseResult:
    table = parse_table(text)
    return table_records(table, guess_mapping(table.header))


def _refuses_cleanly(parse, text):
    try:
        result = parse(text)
    except FormatError as error:
        assert str(error)
        return
    assert isinstance(result, ParseResult)
    for record in result.records:
        assert record.first_name or record.last_name


@FUZZ
@given(st.text(max_size=300))
def test_any_text(text):
    for parse in (parse_connections, parse_vcards, _parse_csv):
        _refuses_cleanly(parse, text)


@FUZZ
@given(_csv_text)
def test_csv_like_text(text):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    _refuses_cleanly(parse_connections, header + text)
    _refuses_cleanly(parse_connections, text)
    _refuses_cleanly(_parse_csv, "Name,Email,Company,Relationship,Stage\n" + text)


@FUZZ
@given(_vcard_lines, st.sampled_from(["\r\n", "\n"]))
def test_vcard_like_text(lines, newline):
    _refuses_cleanly(parse_vcards, newline.join(lines))


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "cp1252", "utf-16", "nope"]))
def test_any_bytes(data, encoding):
    try:
        text = decode(data, "a file", encoding)
    except FormatError:
        return
    for parse in (parse_connections, parse_vcards, _parse_csv):
        _refuses_cleanly(parse, text)


def _mutate(data: bytes, draw) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["cut", "delete", "insert", "flip", "repeat"]))
        if how == "cut":
            data = data[:at]
        elif how == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)):]
        elif how == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif how == "flip":
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        else:
            data = data[:at] + data[at:at + 60] * 2 + data[at + 60:]
    return data


SAMPLES = [("linkedin", "linkedin_connections.csv"), ("vcard", "google.vcf"),
           ("vcard", "apple.vcf"), ("vcard", "outlook.vcf"), ("vcard", "vcard4.vcf"),
           ("csv", "people.csv")]


@FUZZ
@given(st.sampled_from(SAMPLES), st.data())
def test_mutated_samples_import_or_leave_the_database_alone(sample_db, tmp_path, sample, data):
    kind, name = sample
    content = _mutate((GOOD / name).read_bytes(), data.draw)
    path = tmp_path / name
    path.write_bytes(content)
    before = table_dump(sample_db)
    with sample_db.atomic() as transaction:
        try:
            _, summary = import_people(kind, path, skip_invalid=data.draw(st.booleans()))
        except FormatError as error:
            assert str(error)
            assert table_dump(sample_db) == before
        else:
            assert summary.added + summary.merged + summary.skipped >= 0
        transaction.rollback()
    assert table_dump(sample_db) == before


_dump_cache: dict[str, str] = {}


@FUZZ
@given(st.data())
def test_mutated_database_dumps_load_or_refuse(db, tmp_path, data):
    if "dump" not in _dump_cache:
        from netdesk.core.demo import populate_sample
        from netdesk.formats.database_json import dump_database

        with db.atomic() as transaction:
            populate_sample()
            _dump_cache["dump"] = json.dumps(dump_database())
            transaction.rollback()
    text = _mutate(_dump_cache["dump"].encode(), data.draw)
    before = table_dump(db)
    with db.atomic() as transaction:
        try:
            from netdesk.formats.database_json import read_dump

            path = tmp_path / "dump.json"
            with open(path, "wb") as handle:
                handle.write(text)
            load_dump(read_dump(path))
        except FormatError as error:
            assert str(error)
            assert table_dump(db) == before
        transaction.rollback()
    assert table_dump(db) == before
