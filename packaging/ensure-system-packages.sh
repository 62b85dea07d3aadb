#!/bin/sh
# Install the Debian/Ubuntu packages netdesk needs when any is missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
# On other systems it does nothing.
# With arguments (package names) it ensures those instead of debian-packages.txt.
set -eu
here=$(dirname "$0")
command -v dpkg-query >/dev/null 2>&1 || exit 0

if [ $# -gt 0 ]; then
    wanted="$*"
else
    wanted=$(grep -v '^#' "$here/debian-packages.txt" | tr -s ' \n' ' ')
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
        wanted="$wanted python3-venv"
    fi
fi
missing=""
for package in $wanted; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $package" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages:$missing"
    apt-get update -qq -o DPkg::Lock::Timeout=300
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o DPkg::Lock::Timeout=300 $missing
else
    echo "netdesk needs these system packages. Please run:"
    echo "  sudo apt-get install$missing"
    exit 1
fi
