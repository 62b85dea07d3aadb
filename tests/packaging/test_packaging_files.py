"""The files in packaging/: one application id everywhere, a desktop entry and AppStream
metainfo that validate, a mime type that recognises netdesk's own SQLite files."""

from __future__ import annotations

import configparser
import datetime
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from netdesk import __version__
from netdesk.db.integrity import APPLICATION_ID, SQLITE_HEADER

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.netdesk.Netdesk"
MIME_TYPE = "application/x-netdesk-database"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME = PACKAGING / f"{APP_ID}.mime.xml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
# The freedesktop.org menu specification's main categories.
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game",
                   "Graphics", "Network", "Office", "Science", "Settings", "System", "Utility"}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_one_application_id_everywhere(qapp, monkeypatch):
    from netdesk.ui.shell.startup import create_application

    monkeypatch.syspath_prepend(str(PACKAGING))
    import install_files
    import render_icons

    assert install_files.APP_ID == render_icons.APP_ID == APP_ID
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert desktop_entry()["Icon"] == APP_ID
    mime = ET.parse(MIME).getroot().find("m:mime-type", MIME_NS)
    assert mime.find("m:icon", MIME_NS).get("name") == APP_ID
    assert create_application([]).desktopFileName() == APP_ID  # Wayland's app id
    assert not (PACKAGING / "netdesk.desktop").exists()


def test_the_desktop_entry_opens_files_of_netdesk_type():
    entry = desktop_entry()
    assert entry["Exec"] == "netdesk %f"
    assert entry["MimeType"] == f"{MIME_TYPE};"
    categories = [c for c in entry["Categories"].split(";") if c]
    assert [c for c in categories if c in MAIN_CATEGORIES] == ["Office"]
    assert len(categories) > 1  # additional ones too
    assert entry["Terminal"] == "false" and entry["Type"] == "Application"
    assert entry["StartupWMClass"] == "netdesk"  # Qt's WM_CLASS from the application name


def test_the_mime_type_matches_the_database_header():
    mime = ET.parse(MIME).getroot().find("m:mime-type", MIME_NS)
    assert mime.get("type") == MIME_TYPE
    assert mime.find("m:sub-class-of", MIME_NS).get("type") == "application/vnd.sqlite3"
    magic = mime.find("m:magic", MIME_NS)
    assert int(magic.get("priority")) >= 80  # above SQLite's own, and over a *.sqlite3 name
    header = magic.find("m:match", MIME_NS)
    assert header.get("type") == "string" and header.get("offset") == "0"
    assert header.get("value").replace("\\000", "\0").encode() == SQLITE_HEADER
    application_id = header.find("m:match", MIME_NS)
    assert application_id.get("type") == "big32" and application_id.get("offset") == "68"
    assert int(application_id.get("value"), 16) == APPLICATION_ID
    globs = {g.get("pattern"): int(g.get("weight")) for g in mime.findall("m:glob", MIME_NS)}
    assert set(globs) == {"*.netdesk", "*.sqlite3"}
    assert all(weight < 50 for weight in globs.values())  # below the default weight


def test_the_header_really_sits_where_the_magic_looks(tmp_path):
    from netdesk.db import open_database

    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    head = path.read_bytes()[:72]
    assert head[:16] == SQLITE_HEADER
    assert int.from_bytes(head[68:72], "big") == APPLICATION_ID


def test_the_metainfo_has_what_software_centres_show():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("url[@type='homepage']").startswith("https://")
    developer = root.find("developer")
    assert developer.get("id") and developer.findtext("name")
    assert root.find("content_rating").get("type") == "oars-1.1"
    release = root.find("releases/release")
    assert release.get("version") == __version__
    assert datetime.date.fromisoformat(release.get("date")) <= datetime.date.today()
    images = [i.text for i in root.findall("screenshots/screenshot/image")]
    assert images and len(root.findall("screenshots/screenshot[@type='default']")) == 1
    for url in images:
        name = re.fullmatch(r"https://raw\.githubusercontent\.com/[^/]+/[^/]+/main/(docs/\S+)",
                            url)
        assert name and (ROOT / name.group(1)).is_file(), url  # the README's own images
    assert root.findtext("provides/mediatype") == MIME_TYPE


def test_pyproject_version_is_the_released_one():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{__version__}"' in text


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_desktop_file_validate():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream")
def test_appstreamcli_validate():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not re.search(r"^[EW]:", done.stdout, re.MULTILINE), done.stdout


@pytest.mark.skipif(not (shutil.which("update-mime-database") and shutil.which("gio")),
                    reason="shared-mime-info and gio")
def test_a_desktop_tells_netdesk_files_from_other_sqlite_files(tmp_path):
    """The installed type, read by GLib as a file manager would."""
    from netdesk.db import open_database

    share = tmp_path / "share"
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copyfile(MIME, share / "mime" / "packages" / f"{APP_ID}.xml")
    subprocess.run(["update-mime-database", str(share / "mime")], check=True,
                   capture_output=True)
    ours = tmp_path / "network.sqlite3"
    open_database(ours).close()
    renamed = tmp_path / "network-copy"
    shutil.copyfile(ours, renamed)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")

    def content_type(path: Path) -> str:
        done = subprocess.run(
            ["gio", "info", "-a", "standard::content-type", str(path)], check=True,
            capture_output=True, text=True,
            env={"XDG_DATA_DIRS": f"{share}:/usr/share", "XDG_DATA_HOME": str(tmp_path / "h"),
                 "PATH": "/usr/bin:/bin"})
        return done.stdout.rsplit("content-type:", 1)[1].strip()

    assert content_type(ours) == MIME_TYPE
    assert content_type(renamed) == MIME_TYPE  # by content, whatever the name
    assert content_type(other) == "application/vnd.sqlite3"
