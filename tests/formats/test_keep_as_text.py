"""Whatever an import stores, the person editor accepts: values the validator refuses are
kept as written, as custom fields, and the preview says so on their line."""

from netdesk.core.people import PersonForm, validate
from netdesk.db.models import Person
from netdesk.formats.importing import import_people

CARD = """BEGIN:VCARD
VERSION:3.0
N:Ruiz;Ana;;;
FN:Ana Ruiz
EMAIL;TYPE=WORK:ana at acme
EMAIL;TYPE=HOME:ana@example.org
TEL;TYPE=CELL:call the office
BDAY:2199-01-01
END:VCARD
"""


def test_refused_values_are_kept_as_custom_fields_and_the_editor_saves(tmp_path, db):
    path = tmp_path / "ana.vcf"
    path.write_text(CARD, encoding="utf-8")
    plan, summary = import_people("vcard", path)
    warnings = [str(p) for p in plan.problems]
    assert any("ana at acme" in w for w in warnings), warnings
    assert any("kept as written" in w and "2199-01-01" in w for w in warnings), warnings
    form = PersonForm.from_person(Person.get())
    assert form.email == "ana@example.org" and form.birthday == ""
    kept = {(e.label, e.value) for e in form.entries if e.kind == "custom"}
    assert ("Email (as written)", "ana at acme") in kept
    assert ("Birthday (as written)", "2199-01-01") in kept
    assert any(label == "Phone (as written)" for label, _ in kept)
    assert validate(form) == {}
