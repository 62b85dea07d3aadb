"""The command line: version, help, sample files, self-check, bad files."""

import os
import subprocess
import sys

import pytest

from netdesk import __version__
from netdesk.app import main


def run_netdesk(*arguments, env=None):
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *arguments], capture_output=True, text=True,
        timeout=120, env={**os.environ, **(env or {})},
    )


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--db" in out and "--demo" in out and "demo-db" in out


def test_demo_db_writes_a_sample_and_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "sample.sqlite3"
    assert main(["demo-db", str(target)]) == 0
    assert "44 people" in capsys.readouterr().out
    before = target.read_bytes()
    assert main(["demo-db", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("*.partial*"))


def test_self_check_on_a_sample_database(tmp_path):
    target = tmp_path / "sample.sqlite3"
    assert main(["demo-db", str(target)]) == 0
    result = run_netdesk("--db", str(target), "--self-check")
    assert result.returncode == 0, result.stderr
    assert "database: ok" in result.stdout and "main window: ok" in result.stdout


def test_self_check_without_a_database_uses_a_temporary_one():
    result = run_netdesk("--self-check")
    assert result.returncode == 0, result.stderr
    assert "self-check passed" in result.stdout


def test_self_check_reports_a_file_that_is_not_a_database(tmp_path):
    target = tmp_path / "notes.sqlite3"
    target.write_text("just some notes\n")
    result = run_netdesk("--db", str(target), "--self-check")
    assert result.returncode == 1
    assert "not a netdesk database" in result.stdout
    assert "Traceback" not in result.stderr
    assert target.read_text() == "just some notes\n"


def test_database_path_from_flag_environment_or_default(tmp_path, monkeypatch):
    from netdesk.app import build_parser
    from netdesk.paths import chosen_db_path

    def db_path(args):
        return chosen_db_path(args.db)

    monkeypatch.setenv("NETDESK_DB", str(tmp_path / "env.sqlite3"))
    assert db_path(build_parser().parse_args([])) == tmp_path / "env.sqlite3"
    flagged = build_parser().parse_args(["--db", str(tmp_path / "flag.sqlite3")])
    assert db_path(flagged) == tmp_path / "flag.sqlite3"
    after_command = build_parser().parse_args(["demo-db", "x", "--db", str(tmp_path / "c")])
    assert db_path(after_command) == tmp_path / "c"
    monkeypatch.delenv("NETDESK_DB")
    default = db_path(build_parser().parse_args([]))
    assert default.name == "netdesk.sqlite3"
    assert str(default).startswith(os.environ["XDG_DATA_HOME"])  # never the real home
