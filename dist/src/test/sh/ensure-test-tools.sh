#!/bin/sh
# Installs what the tests need when it is missing: the real ansible-playbook.
# Debian (apt-get) as root; elsewhere it says what to install and fails.
set -eu
missing=""
command -v ansible-playbook >/dev/null 2>&1 || missing="$missing ansible-core"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing for the tests:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
    echo "The tests need:$missing. Install it (Debian: sudo apt-get install$missing) and run again." >&2
    exit 1
fi
