"""Build netdesk's .deb from the PyInstaller bundle, with dpkg-deb alone.

    python packaging/build_deb.py [--bundle dist/netdesk] [--icons build/icons] [--out build]

The package holds the bundle in /usr/lib/netdesk, /usr/bin/netdesk (a link to
it), the desktop entry, AppStream metainfo, mime type and hicolor icons under
/usr/share. Desktops' caches are refreshed by the dpkg triggers of
desktop-file-utils, shared-mime-info and hicolor-icon-theme, so it needs no
maintainer scripts.

Depends: the libraries Qt loads that the bundle leaves to the system, found
with ldd and named with dpkg -S (libc6 at the newest glibc symbol version any
bundled binary asks for), plus packaging/debian-packages.txt (the xcb
libraries and fonts Qt's xcb platform plugin needs) and the Wayland libraries
Qt's wayland plugin opens. Prints the path of the .deb.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from install_files import ROOT, install_share  # noqa: E402

PACKAGING = ROOT / "packaging"
HOMEPAGE = "https://github.com/netdesk/netdesk"
# Opened by Qt's wayland platform plugin, which the bundle carries; small, and on a
# Wayland desktop they let Qt draw natively instead of through Xwayland.
WAYLAND = ("libwayland-client0", "libwayland-cursor0", "libwayland-egl1")
GLIBC = re.compile(rb"GLIBC_2\.(\d+)(?:\.(\d+))?")


def version() -> str:
    text = (ROOT / "netdesk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def curated_packages() -> list[str]:
    lines = (PACKAGING / "debian-packages.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_libraries(bundle: Path, binaries: list[Path]) -> set[str]:
    """The libraries outside the bundle that its binaries load (as ldd resolves them)."""
    internal = bundle / "_internal"
    search = [internal, internal / "PySide6" / "Qt" / "lib", internal / "shiboken6"]
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(map(str, search))}
    outside = set()
    for binary in binaries:
        done = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, env=env)
        for line in done.stdout.splitlines():
            match = re.match(r"\s*\S+ => (/\S+) \(", line)
            if match and not Path(match.group(1)).resolve().is_relative_to(bundle.resolve()):
                outside.add(match.group(1))
    return outside


def owning_packages(libraries: set[str]) -> set[str]:
    packages = set()
    for library in sorted(libraries):
        candidates = [library, str(Path(library).resolve())]
        for candidate in dict.fromkeys(candidates):
            done = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True,
                                  text=True)
            if done.returncode == 0:
                packages.add(done.stdout.split(":", 1)[0].split(",")[0].strip())
                break
        else:
            raise SystemExit(f"build_deb: no Debian package owns {library}")
    return packages


def newest_glibc(binaries: list[Path]) -> str:
    newest = (2, 0)
    for binary in binaries:
        for match in GLIBC.finditer(binary.read_bytes()):
            newest = max(newest, (int(match.group(1)), int(match.group(2) or 0)))
    return f"2.{newest[0]}" + (f".{newest[1]}" if newest[1] else "")


def depends(bundle: Path) -> list[str]:
    binaries = elf_files(bundle)
    found = owning_packages(system_libraries(bundle, binaries)) - {"libc6"}
    wanted = sorted(set(curated_packages()) | set(WAYLAND) | found)
    return [f"libc6 (>= {newest_glibc(binaries)})", *wanted]


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def normalise_modes(root: Path) -> None:
    """0755 folders and programs, 0644 everything else: the same whatever the umask."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    return -(-total // 1024)


def control(size: int, arch: str, depends_on: list[str]) -> str:
    return (
        "Package: netdesk\n"
        f"Version: {version()}\n"
        f"Architecture: {arch}\n"
        "Maintainer: netdesk developers <netdesk@users.noreply.github.com>\n"
        f"Installed-Size: {size}\n"
        f"Depends: {', '.join(depends_on)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Homepage: {HOMEPAGE}\n"
        "Description: build a professional network and run informational interviews\n"
        " netdesk helps students, career changers and job seekers list the people\n"
        " they already know, record who referred them to whom, research people and\n"
        " organizations, prepare and run informational interviews, and follow up\n"
        " as a habit. Everything stays on the computer, in one SQLite file.\n"
        " .\n"
        " This package carries its own Python and Qt (a PyInstaller bundle).\n"
    )


COPYRIGHT = f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: netdesk
Source: {HOMEPAGE}

Files: *
License: MIT
Comment: The Python, Qt and other libraries in /usr/lib/netdesk keep their own
 licenses (Python: PSF; Qt for Python: LGPL-3.0; Peewee, platformdirs: MIT).
"""


def build(bundle: Path, icons: Path, out: Path) -> Path:
    if not (bundle / "netdesk").is_file():
        raise SystemExit(f"build_deb: no PyInstaller bundle in {bundle}; run make package")
    arch = architecture()
    name = f"netdesk_{version()}_{arch}"
    root = out / "deb" / name
    if root.exists():
        shutil.rmtree(root)
    usr = root / "usr"
    shutil.copytree(bundle, usr / "lib" / "netdesk", symlinks=True)
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / "netdesk").symlink_to("../lib/netdesk/netdesk")
    install_share(usr / "share", icons, exec_command="netdesk")
    doc = usr / "share" / "doc" / "netdesk"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    normalise_modes(root)
    sums = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root)}")
    meta = root / "DEBIAN"
    meta.mkdir()
    (meta / "control").write_text(control(installed_size_kib(root), arch, depends(bundle)),
                                  encoding="utf-8")
    (meta / "md5sums").write_text("\n".join(sums) + "\n", encoding="utf-8")
    normalise_modes(meta)
    target = out / f"{name}.deb"
    # gzip: every dpkg reads it, and it packs the 180 MB bundle in seconds (xz takes a minute).
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root),
                    str(target)], check=True, stdout=subprocess.DEVNULL)
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build_deb.py")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "netdesk")
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--out", type=Path, default=ROOT / "build")
    args = parser.parse_args(argv)
    print(build(args.bundle.absolute(), args.icons.absolute(), args.out.absolute()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
