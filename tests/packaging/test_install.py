"""make install / make uninstall for one user, the icons, and the .deb's control data."""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

APP_ID = "io.github.netdesk.Netdesk"


@pytest.fixture
def icons(packaging, tmp_path, qapp):
    import render_icons

    folder = tmp_path / "icons"
    render_icons.render(folder)
    return folder


@pytest.fixture
def venv(tmp_path) -> Path:
    """A stand-in for the project's venv whose netdesk says what it was given."""
    folder = tmp_path / "venv"
    (folder / "bin").mkdir(parents=True)
    program = folder / "bin" / "netdesk"
    program.write_text('#!/bin/sh\necho "venv netdesk: $*"\n')
    program.chmod(0o755)
    return folder


def test_icons_from_16_to_512_and_the_svg(icons):
    from PySide6.QtGui import QImage

    sizes = [16, 22, 24, 32, 48, 64, 128, 256, 512]
    for size in sizes:
        image = QImage(str(icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn ...
        assert image.pixelColor(0, 0).alpha() == 0  # ... inside rounded, transparent corners
    svg = icons / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    source = Path(__file__).resolve().parents[2] / "netdesk/resources/icons/netdesk.svg"
    assert svg.read_bytes() == source.read_bytes()


def test_install_for_one_user_and_uninstall(packaging, icons, venv, tmp_path, capsys):
    import install_files

    prefix = tmp_path / "home" / ".local"
    assert install_files.install(prefix, icons, venv, bundle=None) == 0
    launcher = prefix / "bin" / "netdesk"
    assert stat.S_IMODE(launcher.stat().st_mode) == 0o755
    done = subprocess.run([str(launcher), "/tmp/a b.sqlite3"], capture_output=True, text=True)
    assert done.stdout.strip() == "venv netdesk: /tmp/a b.sqlite3"
    share = prefix / "share"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(share / "applications" / f"{APP_ID}.desktop")
    assert entry["Desktop Entry"]["Exec"] == f"{launcher} %f"  # PATH may lack ~/.local/bin
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert len(list((share / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.*"))) == 10
    if shutil.which("update-mime-database"):
        assert (share / "mime" / "application" / "x-netdesk-database.xml").is_file()
    if shutil.which("update-desktop-database"):
        cache = (share / "applications" / "mimeinfo.cache").read_text()
        assert f"application/x-netdesk-database={APP_ID}.desktop;" in cache
    assert "the project's venv" in capsys.readouterr().out

    assert install_files.uninstall(prefix) == 0
    left = [p for p in prefix.rglob("*") if p.is_file() and APP_ID in p.name]
    assert not left and not launcher.exists()
    if shutil.which("update-desktop-database"):
        assert APP_ID not in (share / "applications" / "mimeinfo.cache").read_text()


def test_install_copies_a_pyinstaller_bundle(packaging, icons, venv, tmp_path):
    import install_files

    bundle = tmp_path / "dist" / "netdesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "netdesk").write_text('#!/bin/sh\necho "bundle netdesk: $*"\n')
    (bundle / "netdesk").chmod(0o755)
    prefix = tmp_path / "prefix"
    assert install_files.install(prefix, icons, venv, bundle=bundle) == 0
    done = subprocess.run([str(prefix / "bin" / "netdesk"), "x"], capture_output=True,
                          text=True)
    assert done.stdout.strip() == "bundle netdesk: x"
    shutil.rmtree(bundle.parent)  # make clean: the copy keeps working
    assert subprocess.run([str(prefix / "bin" / "netdesk")]).returncode == 0
    assert install_files.install(prefix, icons, venv, bundle=None) == 0  # back to the venv
    assert not (prefix / "lib" / "netdesk").exists()
    assert install_files.install(prefix, icons, venv, bundle=None) == 0  # again: same result
    install_files.uninstall(prefix)
    assert not (prefix / "bin" / "netdesk").exists()


def test_a_netdesk_someone_else_installed_is_left_alone(packaging, icons, venv, tmp_path,
                                                        capsys):
    import install_files

    prefix = tmp_path / "prefix"
    (prefix / "bin").mkdir(parents=True)
    theirs = prefix / "bin" / "netdesk"
    theirs.write_text("#!/usr/bin/python3\n# pip's entry point\n")
    assert install_files.install(prefix, icons, venv, bundle=None) == 1
    assert "was not written by make install" in capsys.readouterr().err
    install_files.uninstall(prefix)
    assert theirs.read_text() == "#!/usr/bin/python3\n# pip's entry point\n"


def test_a_home_with_spaces_is_quoted_in_exec(packaging):
    import install_files

    entry = install_files.desktop_entry("/home/Ann Lee/.local/bin/netdesk")
    assert 'Exec="/home/Ann Lee/.local/bin/netdesk" %f' in entry
    assert "Exec=netdesk %f" in install_files.desktop_entry("netdesk")


def test_the_install_script_with_the_real_venv(tmp_path):
    """What make install and make uninstall run, with this Python's environment as the venv."""
    root = Path(__file__).resolve().parents[2]
    venv = Path(sys.prefix)
    if not (venv / "bin" / "netdesk").exists():
        pytest.skip("netdesk is not installed in this Python's environment")
    prefix = tmp_path / "p"
    script = root / "packaging" / "install_files.py"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    icons = tmp_path / "icons"
    subprocess.run([sys.executable, str(root / "packaging" / "render_icons.py"), str(icons)],
                   check=True, capture_output=True, env=env)
    subprocess.run([sys.executable, str(script), "install", "--prefix", str(prefix),
                    "--icons", str(icons), "--venv", str(venv)], check=True,
                   capture_output=True, env=env)
    done = subprocess.run([str(prefix / "bin" / "netdesk"), "--version"], capture_output=True,
                          text=True)
    assert done.returncode == 0 and "netdesk 0." in done.stdout
    subprocess.run([sys.executable, str(script), "uninstall", "--prefix", str(prefix)],
                   check=True, capture_output=True)
    assert not (prefix / "bin" / "netdesk").exists()


def test_the_newest_glibc_symbol_sets_the_libc6_version(packaging, tmp_path):
    import build_deb

    binary = tmp_path / "lib.so"
    binary.write_bytes(b"\x7fELF...GLIBC_2.17\0GLIBC_2.34\0GLIBC_2.2.5\0GLIBC_PRIVATE\0")
    assert build_deb.newest_glibc([binary]) == "2.34"


@pytest.mark.skipif(not (shutil.which("dpkg-query") and shutil.which("ldd")),
                    reason="a Debian system")
def test_depends_names_the_system_libraries_and_the_curated_list(packaging, tmp_path):
    import build_deb

    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copyfile(shutil.which("dpkg-query"), bundle / "netdesk")  # links libc, libmd
    depends = build_deb.depends(bundle)
    assert depends[0].startswith("libc6 (>= 2.")
    for package in build_deb.curated_packages():
        assert package in depends
    assert "libmd0" in depends  # found by ldd, as the bundle's system libraries are
    assert "libxcb-cursor0" in depends and "fonts-dejavu-core" in depends
    control = build_deb.control(1234, "amd64", depends)
    assert control.startswith("Package: netdesk\nVersion: ")
    assert "Depends: libc6 (>= 2." in control and control.endswith("\n")
    assert all(line.startswith(" ") or ": " in line for line in control.splitlines())
