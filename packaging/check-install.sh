#!/bin/sh
# make check-install (CI, after the tests): the .deb that make deb built passes
# desktop-file-validate and appstreamcli, installs with apt, and the installed netdesk
# starts through its desktop entry under Xvfb, on a file and on a first start, until
# its window is on the screen. Needs root (it installs packages); about a minute.
# KEEP_NETDESK=1 leaves the package installed afterwards.
set -eu
cd "$(dirname "$0")/.."
began=$(date +%s)
APP_ID=io.github.netdesk.Netdesk
ENTRY=/usr/share/applications/$APP_ID.desktop

step() { echo "check-install [$(($(date +%s) - began)) s]: $*"; }
fail() { echo "check-install: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "it installs a .deb; run it as root (CI, a container or a VM)"
set -- build/netdesk_*.deb
[ $# = 1 ] && [ -f "$1" ] || fail "expected one build/netdesk_*.deb (make deb); found: $*"
deb=$1

step "tools"
sh packaging/ensure-system-packages.sh desktop-file-utils appstream shared-mime-info \
    libglib2.0-bin xvfb xdotool x11-utils libxcb-icccm4 libxcb-keysyms1

work=$(mktemp -d /tmp/netdesk-check-install.XXXXXX)
xvfb=""
was_installed=$(dpkg-query -W -f='${Status}' netdesk 2>/dev/null || true)
cleanup() {
    status=$?
    for pid in $(cat "$work/pids" 2>/dev/null) $xvfb; do
        kill "$pid" 2>/dev/null || true
    done
    [ -z "$xvfb" ] || wait "$xvfb" 2>/dev/null || true
    if [ "${KEEP_NETDESK:-}" != 1 ] && [ "${was_installed#*ok installed}" = "$was_installed" ]; then
        apt-get remove -y -qq -o DPkg::Lock::Timeout=300 netdesk >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT INT TERM

step "validate the desktop entry and the AppStream metainfo inside $deb"
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root$ENTRY"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/$APP_ID.metainfo.xml"
for path in /usr/bin/netdesk /usr/lib/netdesk/netdesk "/usr/share/mime/packages/$APP_ID.xml" \
        "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"; do
    [ -e "$work/root$path" ] || fail "$path is not in the package"
done
for size in 16 22 24 32 48 64 128 256 512; do
    [ -s "$work/root/usr/share/icons/hicolor/${size}x$size/apps/$APP_ID.png" ] \
        || fail "no ${size}x$size icon in the package"
done

step "apt install ./$deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "./$deb" >"$work/apt.log" 2>&1 || {
    # A fresh machine may have no package lists yet for the dependencies.
    apt-get update -qq -o DPkg::Lock::Timeout=300
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o DPkg::Lock::Timeout=300 "./$deb" >"$work/apt.log" 2>&1 || {
        cat "$work/apt.log"; fail "apt-get install ./$deb"; }
}
[ "$(command -v netdesk)" = /usr/bin/netdesk ] || fail "netdesk is not /usr/bin/netdesk"
netdesk --version

# Per-user folders of a user who never ran netdesk.
export HOME="$work/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
unset NETDESK_DB QT_QPA_PLATFORM DISPLAY WAYLAND_DISPLAY 2>/dev/null || true
mkdir -p "$HOME"

step "a netdesk file is application/x-netdesk-database, and opens with netdesk"
netdesk demo-db "$work/ci-network.sqlite3" >/dev/null
python3 -c "import sqlite3; sqlite3.connect('$work/other.sqlite3').execute('create table t(x)')"
type_of() { gio info -a standard::content-type "$1" | sed -n 's/.*content-type: //p'; }
[ "$(type_of "$work/ci-network.sqlite3")" = application/x-netdesk-database ] \
    || fail "netdesk's file is $(type_of "$work/ci-network.sqlite3")"
[ "$(type_of "$work/other.sqlite3")" = application/vnd.sqlite3 ] \
    || fail "another program's SQLite file is $(type_of "$work/other.sqlite3")"
gio mime application/x-netdesk-database | grep -q "$APP_ID.desktop" \
    || fail "the desktop entry is not registered for application/x-netdesk-database"

step "a blank sheet before the first start, and the self-check, through /usr/bin/netdesk"
netdesk sheet --blank --category advice -o "$work/advice.pdf"
[ ! -e "$XDG_DATA_HOME/netdesk" ] || fail "the blank sheet made a database"
QT_QPA_PLATFORM=offscreen netdesk --self-check "$work/ci-network.sqlite3" 2>/dev/null \
    | tail -1 | grep -q "self-check passed" || fail "netdesk --self-check"

step "Xvfb"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" \
    >"$work/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { cat "$work/xvfb.log"; fail "Xvfb did not start"; }
export DISPLAY=":$(cat "$work/display")"

# Start netdesk the way a desktop does (gio reads the entry's Exec=netdesk %f) and wait
# for a window whose title names the database it opened (TITLE is a regular expression).
# The window paints its frame before it opens the file: with READY_FILE set, wait for that
# file to exist before closing the window, as a user who waits for the data would.
launch_and_see() {
    title=$1; shift
    gio launch "$ENTRY" "$@" >>"$work/app.log" 2>&1 || fail "gio launch $ENTRY $*"
    window=""
    for _ in $(seq 150); do
        window=$(xdotool search --name "$title" 2>/dev/null | head -1 || true)
        [ -n "$window" ] && break
        sleep 0.2
    done
    if [ -z "$window" ]; then
        cat "$work/app.log" >&2
        echo "Qt's plugin log, which names a missing library:" >&2
        QT_DEBUG_PLUGINS=1 timeout 15 netdesk "$@" 2>&1 \
            | grep -iE "cannot load|not found|no such file|could not" | tail -15 >&2 || true
        fail "no netdesk window titled '$title' within 30 s"
    fi
    xwininfo -root -tree | grep -E "$title" | head -1
    # The desktop matches the window to its entry (and icon) by these.
    xprop -id "$window" WM_CLASS | grep -q '"netdesk"' || fail "WM_CLASS is not netdesk"
    xprop -id "$window" _KDE_NET_WM_DESKTOP_FILE | grep -q "$APP_ID" \
        || fail "the window does not name its desktop entry $APP_ID"
    pid=$(xdotool getwindowpid "$window")
    echo "$pid" >>"$work/pids"
    if [ -n "${READY_FILE:-}" ]; then
        for _ in $(seq 150); do [ -f "$READY_FILE" ] && break; sleep 0.2; done
    fi
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}

step "open a file through the desktop entry"
launch_and_see 'ci-network\.sqlite3' "$work/ci-network.sqlite3"

step "first start through the desktop entry (no file: a new database of one's own)"
READY_FILE="$XDG_DATA_HOME/netdesk/netdesk.sqlite3" launch_and_see 'netdesk\.sqlite3'
[ -f "$XDG_DATA_HOME/netdesk/netdesk.sqlite3" ] || fail "the first start made no database"

step "passed in $(($(date +%s) - began)) s"
