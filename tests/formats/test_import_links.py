"""Company cards become organizations, and referrals named by cards become referrals."""

from netdesk.core.demo import populate_sample
from netdesk.core.referrals import add_referral
from netdesk.db import open_database
from netdesk.db.models import Organization, Person, Referral
from netdesk.formats.exporting import export_text
from netdesk.formats.import_undo import redo_import, undo_import
from netdesk.formats.people_import import apply_plan, plan_import
from netdesk.formats.vcard import parse_vcards
from tests.formats.conftest import table_dump

COMPANIES = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Acme Labs\r\nORG:Acme Labs\r\n"
    "URL:https://acme.example\r\nNOTE:Makes anvils.\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Globex\r\nORG:Globex\r\n"
    "X-ABShowAs:COMPANY\r\nURL:https://globex.example\r\nNOTE:Second note.\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n"
    "ORG:Acme Labs\r\nEND:VCARD\r\n")


def _pairs(db) -> list[tuple[str, str]]:
    return sorted(db.execute_sql(
        "SELECT trim(a.first_name || ' ' || a.last_name), trim(b.first_name || ' ' || "
        "b.last_name) FROM referral r JOIN person a ON a.id = r.referrer_id "
        "JOIN person b ON b.id = r.referred_id").fetchall())


def test_company_cards_become_organizations_and_undo_takes_them_back(db):
    Organization.create(name="globex", notes="Kept as it is.")
    before = table_dump(db)
    plan = plan_import(parse_vcards(COMPANIES))
    assert plan.organizations_to_add() == 1
    assert plan.counts()["skip"] == 0  # the company cards are imported, not skipped
    summary = apply_plan(plan)
    assert "1 organization added" in summary.text()
    acme = Organization.get(Organization.name == "Acme Labs")
    assert (acme.website, acme.notes) == ("https://acme.example", "Makes anvils.")
    globex = Organization.get(Organization.name == "globex")
    assert (globex.website, globex.notes) == ("https://globex.example", "Kept as it is.")
    assert Person.get().organization_id == acme.id
    assert Organization.select().count() == 2
    after = table_dump(db)
    undo_import(summary.record)
    assert table_dump(db) == before
    redo_import(summary.record)
    assert {k: v for k, v in table_dump(db).items() if k != "person_search_data"} == {
        k: v for k, v in after.items() if k != "person_search_data"}


def test_importing_the_same_company_cards_again_changes_nothing(db):
    apply_plan(plan_import(parse_vcards(COMPANIES)))
    before = table_dump(db)
    plan = plan_import(parse_vcards(COMPANIES))
    assert not any(o.writes for o in plan.organizations)
    apply_plan(plan)
    assert Organization.select().count() == 2
    assert {k: v for k, v in table_dump(db).items() if k not in ("person", "person_search")} \
        == {k: v for k, v in before.items() if k not in ("person", "person_search")}


def test_vcard_export_then_import_into_an_empty_database_gives_the_same_referrals(db, tmp_path):
    populate_sample()
    before = _pairs(db)
    # A card names one referrer: of several, the latest (as the editor shows it).
    latest = {}
    for referred, referrer in db.execute_sql(
            "SELECT referred_id, referrer_id FROM referral ORDER BY id"):
        latest[referred] = referrer
    kept = sorted(db.execute_sql(
        "SELECT trim(a.first_name || ' ' || a.last_name), trim(b.first_name || ' ' || "
        f"b.last_name) FROM person a, person b WHERE (b.id, a.id) IN "
        f"(VALUES {', '.join(f'({b}, {a})' for b, a in latest.items())})").fetchall())
    assert len(kept) >= len(before) - 2
    text, _count, _ = export_text("vcard")
    db.close()
    other = open_database(tmp_path / "empty.db")
    try:
        summary = apply_plan(plan_import(parse_vcards(text)))
        assert not summary.problems
        assert summary.changes.referrals
        assert _pairs(other) == kept
        undo_import(summary.record)
        assert Referral.select().count() == 0
    finally:
        other.close()


def _card(name: str, uid: str = "", referred_by: str = "", referred_uid: str = "",
          email: str = "") -> str:
    last, first = name.split()[1], name.split()[0]
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{last};{first};;;", f"FN:{name}"]
    if email:
        lines.append(f"EMAIL:{email}")
    if uid:
        lines.append(f"UID:{uid}")
    if referred_by:
        lines.append(f"X-ABRELATEDNAMES;X-NETDESK=REFERRED-BY:{referred_by}")
    if referred_uid:
        lines.append(f"X-NETDESK-REFERRED-BY:{referred_uid}")
    return "\r\n".join([*lines, "END:VCARD", ""])


def test_referrals_by_name_in_the_file_or_the_database_and_refusals_are_warnings(db):
    ravi = Person.create(first_name="Ravi", last_name="Iyer")
    grace = Person.create(first_name="Grace", last_name="Hopper", email="grace@navy.mil")
    add_referral(grace.id, ravi.id)
    text = (_card("Ada Lovelace", "a")
            + _card("Alan Turing", "t", referred_by="Someone Else", referred_uid="a")
            + _card("Kat Johnson", referred_by="Alan Turing")
            + _card("Mary Jackson", referred_by="Ravi Iyer")
            + _card("Grace Hopper", "g", referred_by="Ravi Iyer", email="grace@navy.mil")
            + _card("Dot Vaughan", referred_by="Nobody Known")
            + _card("Ed Self", "e", referred_uid="e"))
    result = parse_vcards(text)
    summary = apply_plan(plan_import(result))
    assert ("Ada Lovelace", "Alan Turing") in _pairs(db)
    assert ("Alan Turing", "Kat Johnson") in _pairs(db)
    assert ("Ravi Iyer", "Mary Jackson") in _pairs(db)
    assert ("Ravi Iyer", "Grace Hopper") not in _pairs(db)
    warnings = {p.line: p.message for p in summary.problems}
    lines = {r.first_name: r.line for r in result.records}
    assert "loop" in warnings[lines["Grace"]]  # merged into Grace, who referred Ravi
    assert "Nobody Known" in warnings[lines["Dot"]]
    assert "same person" in warnings[lines["Ed"]]
    assert len(warnings) == 3


def test_the_command_line_imports_company_cards_and_referrals(tmp_path, capsys):
    from netdesk.app import main

    path = tmp_path / "cards.vcf"
    path.write_text(COMPANIES + _card("Alan Turing", referred_by="Ada Lovelace")
                    + _card("Ed Self", "e", referred_uid="e"), encoding="utf-8")
    status = main(["import", "vcard", str(path), "--db", str(tmp_path / "n.db")])
    out = capsys.readouterr().out
    assert status == 0
    assert "line 30: referred by “e”, the same person" in out
    assert "added 3, merged 0, skipped 0, errors 0, 2 organizations added" in out
    db = open_database(tmp_path / "n.db")
    try:
        assert _pairs(db) == [("Ada Lovelace", "Alan Turing")]
        assert Organization.select().count() == 2
    finally:
        db.close()
