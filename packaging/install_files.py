"""Install netdesk for the current user (``make install``) or into a package tree.

    python packaging/install_files.py install [--prefix P] [--icons DIR] [--venv DIR]
                                              [--bundle DIR]
    python packaging/install_files.py uninstall [--prefix P]

``install`` puts into PREFIX (default ``~/.local``): ``bin/netdesk``, a launcher
that runs the PyInstaller bundle when one is given (copied to ``lib/netdesk``),
else netdesk in the project's venv; the desktop entry, AppStream metainfo,
shared-mime-info type and hicolor icons under ``share/``; then it refreshes the
desktop, mime and icon caches with whichever of ``update-desktop-database``,
``update-mime-database`` and ``gtk-update-icon-cache`` is installed. Nothing
needs root. ``uninstall`` removes exactly those files and refreshes the caches.

``build_deb.py`` uses :func:`install_share` for the ``/usr/share`` part of the .deb.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
APP_ID = "io.github.netdesk.Netdesk"
LAUNCHER_MARK = "# netdesk launcher, written by make install (make uninstall removes it)"


def share_files(share: Path) -> dict[str, Path]:
    """Where each file from packaging/ goes under ``share``."""
    return {
        "desktop": share / "applications" / f"{APP_ID}.desktop",
        "metainfo": share / "metainfo" / f"{APP_ID}.metainfo.xml",
        "mime": share / "mime" / "packages" / f"{APP_ID}.xml",
    }


def icon_files(share: Path, icons: Path | None = None) -> list[Path]:
    """The icons under ``share``: those rendered in ``icons``, else every one netdesk installs."""
    if icons is not None:
        return [share / "icons" / p.relative_to(icons)
                for p in sorted(icons.rglob(f"{APP_ID}.*"))]
    theme = share / "icons" / "hicolor"
    return sorted(theme.glob(f"*/apps/{APP_ID}.*")) if theme.is_dir() else []


def desktop_entry(exec_command: str) -> str:
    """The desktop entry, with ``Exec`` running ``exec_command`` (a name on PATH or a path)."""
    text = (PACKAGING / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    return text.replace("Exec=netdesk %f", f"Exec={_desktop_quote(exec_command)} %f")


def _desktop_quote(command: str) -> str:
    """``command`` as one argument of a desktop entry's Exec key."""
    if not any(c in command for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return command
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in command)
    return f'"{escaped}"'.replace("\\", "\\\\")  # the key's own escaping comes on top


def install_share(share: Path, icons: Path, exec_command: str = "netdesk") -> list[Path]:
    """Install the desktop entry, metainfo, mime type and icons under ``share``."""
    targets = share_files(share)
    written = []
    for kind, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "desktop":
            target.write_text(desktop_entry(exec_command), encoding="utf-8")
        else:
            source = {"metainfo": f"{APP_ID}.metainfo.xml", "mime": f"{APP_ID}.mime.xml"}[kind]
            shutil.copyfile(PACKAGING / source, target)
        target.chmod(0o644)
        written.append(target)
    rendered = sorted(icons.rglob(f"{APP_ID}.*"))
    if not rendered:
        raise SystemExit(f"install: no icons in {icons}; run packaging/render_icons.py first")
    for source, target in zip(rendered, icon_files(share, icons), strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        target.chmod(0o644)
        written.append(target)
    return written


def refresh_caches(share: Path) -> None:
    """Rebuild the caches desktops read, with the tools this system has."""
    commands = [
        ["update-desktop-database", "-q", str(share / "applications")],
        ["update-mime-database", str(share / "mime")],
        ["gtk-update-icon-cache", "-q", "-f", "-t", str(share / "icons" / "hicolor")],
    ]
    for command in commands:
        if shutil.which(command[0]) and Path(command[-1]).is_dir():
            subprocess.run(command, check=False)


def _launcher_is_ours(path: Path) -> bool:
    try:
        return LAUNCHER_MARK in path.read_text(encoding="utf-8", errors="replace")[:400]
    except OSError:
        return False


def _is_bundle(folder: Path) -> bool:
    """A PyInstaller netdesk folder (the program beside its _internal folder)."""
    return (folder / "netdesk").is_file() and (folder / "_internal").is_dir()


def install(prefix: Path, icons: Path, venv: Path, bundle: Path | None) -> int:
    launcher = prefix / "bin" / "netdesk"
    if (launcher.exists() or launcher.is_symlink()) and not _launcher_is_ours(launcher):
        print(f"install: {launcher} exists and was not written by make install (a pip "
              "install?); remove it first, or choose another PREFIX", file=sys.stderr)
        return 1
    target = prefix / "lib" / "netdesk"
    if _is_bundle(target):  # an earlier install's copy: replaced, or no longer used
        shutil.rmtree(target)
    if bundle is not None:
        shutil.copytree(bundle, target, symlinks=True)
        program, what = target / "netdesk", f"the PyInstaller bundle (copied to {target})"
    else:
        program = venv / "bin" / "netdesk"
        if not os.access(program, os.X_OK):
            print(f"install: {program} is missing; run make install (it sets up the venv)",
                  file=sys.stderr)
            return 1
        what = f"the project's venv ({venv}; keep it: make clean removes it)"
    launcher.parent.mkdir(parents=True, exist_ok=True)
    launcher.write_text(f'#!/bin/sh\n{LAUNCHER_MARK}\nexec "{program}" "$@"\n',
                        encoding="utf-8")
    launcher.chmod(0o755)
    share = prefix / "share"
    # The full path: a desktop session started by a display manager may not have
    # ~/.local/bin on its PATH.
    install_share(share, icons, exec_command=str(launcher))
    refresh_caches(share)
    print(f"Installed netdesk in {prefix}: {launcher} runs {what}.")
    if str(launcher.parent) not in os.environ.get("PATH", "").split(os.pathsep):
        print(f"Note: {launcher.parent} is not on your PATH; the menu entry works anyway.")
    return 0


def uninstall(prefix: Path) -> int:
    share = prefix / "share"
    removed = []
    launcher = prefix / "bin" / "netdesk"
    if _launcher_is_ours(launcher):
        launcher.unlink()
        removed.append(launcher)
    bundle = prefix / "lib" / "netdesk"
    if _is_bundle(bundle):
        shutil.rmtree(bundle)
        removed.append(bundle)
    for path in [*share_files(share).values(), *icon_files(share)]:
        if path.exists():
            path.unlink()
            removed.append(path)
    refresh_caches(share)
    print(f"Removed {len(removed)} netdesk files from {prefix}"
          + ("" if removed else " (nothing was installed there)") + ".")
    print("Your database and backups stay where they are (see README, Where your data lives).")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="install_files.py")
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument("--prefix", type=Path, default=Path.home() / ".local")
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    parser.add_argument("--bundle", type=Path, default=None,
                        help="a PyInstaller folder (dist/netdesk) to install instead of the venv")
    args = parser.parse_args(argv)
    prefix = args.prefix.expanduser().absolute()
    if args.action == "uninstall":
        return uninstall(prefix)
    return install(prefix, args.icons.absolute(), args.venv.absolute(),
                   args.bundle.absolute() if args.bundle else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
