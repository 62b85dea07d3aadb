"""``netdesk FILE``: the window opens that database; every command still works."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from netdesk.app import build_parser, main, split_file_argument
from netdesk.core.demo import write_sample_database


@pytest.fixture
def opened(monkeypatch):
    """The paths the window would have opened (run_gui replaced: no event loop)."""
    calls = []

    def run_gui(db_path, *, demo=False, argv=None):
        calls.append((db_path, demo))
        return 0

    monkeypatch.setattr("netdesk.ui.shell.startup.run_gui", run_gui)
    return calls


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("open-file") / "network.sqlite3"
    write_sample_database(path)
    return path


def test_a_file_opens_in_the_window(sample, opened):
    assert main([str(sample)]) == 0
    assert opened == [(sample.resolve(), False)]


def test_options_may_come_before_the_file(sample, opened, monkeypatch):
    checked = []
    monkeypatch.setattr("netdesk.ui.shell.self_check.run_self_check",
                        lambda path: checked.append(path) or 0)
    assert main(["--self-check", str(sample)]) == 0
    assert checked == [sample]
    assert opened == []


def test_a_relative_file_resolves_from_the_current_folder(sample, opened, monkeypatch):
    monkeypatch.chdir(sample.parent)
    assert main([sample.name]) == 0
    assert opened == [(sample.resolve(), False)]


@pytest.mark.parametrize("spelling", [["./check"], ["--", "check"]])
def test_a_file_named_like_a_command_is_reachable(tmp_path, opened, monkeypatch, spelling):
    write_sample_database(tmp_path / "check")
    monkeypatch.chdir(tmp_path)
    assert main(spelling) == 0
    assert opened == [((tmp_path / "check").resolve(), False)]


def test_a_command_word_is_still_the_command(sample, opened, capsys):
    assert main(["check", "--db", str(sample)]) == 0
    assert opened == []
    assert "ok" in capsys.readouterr().out.lower()


def test_a_command_alias_is_still_the_command(opened):
    parser = build_parser()
    assert split_file_argument(["export-ics", "-o", "x.ics"], parser.commands) == (
        ["export-ics", "-o", "x.ics"], None)


def test_the_value_of_db_is_not_taken_for_a_file():
    parser = build_parser()
    assert split_file_argument(["--db", "a.sqlite3", "sheet", "1"], parser.commands) == (
        ["--db", "a.sqlite3", "sheet", "1"], None)
    assert split_file_argument(["--db", "a.sqlite3"], parser.commands) == (
        ["--db", "a.sqlite3"], None)
    assert split_file_argument(["--demo", "b.sqlite3"], parser.commands) == (
        ["--demo"], "b.sqlite3")


def usage_error(capsys, arguments) -> str:
    with pytest.raises(SystemExit) as stop:
        main(arguments)
    assert stop.value.code == 2
    return capsys.readouterr().err


def test_a_mistyped_command_is_not_created_as_a_database(tmp_path, opened, capsys,
                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    err = usage_error(capsys, ["chek"])
    assert "chek is neither a command" in err and "check" in err
    assert "netdesk --db chek" in err
    assert not list(tmp_path.iterdir()) and opened == []


@pytest.mark.parametrize(("arguments", "message"), [
    (["{file}", "--db", "{file}"], "either FILE or --db"),
    (["--demo", "{file}"], "--demo opens the sample network"),
    (["{file}", "check"], "netdesk check --db"),
    (["{folder}"], "is a folder"),
])
def test_a_file_with_something_that_does_not_go_with_it(sample, opened, capsys, arguments,
                                                         message):
    filled = [a.format(file=sample, folder=sample.parent) for a in arguments]
    assert message in usage_error(capsys, filled)
    assert opened == []


def test_help_says_how_to_open_a_file(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "[--db PATH | FILE]" in out and "netdesk COMMAND" in out
    assert "netdesk ./check" in out
    assert "demo-db" in out and "sheet" in out


def test_a_file_from_a_file_manager_in_a_new_process(sample):
    """What ``Exec=netdesk %f`` runs, checked offscreen through --self-check."""
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "--self-check", str(sample)], capture_output=True,
        text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "database: ok" in result.stdout and "main window: ok" in result.stdout
    assert str(sample.resolve()) in result.stdout or sample.name in result.stdout
