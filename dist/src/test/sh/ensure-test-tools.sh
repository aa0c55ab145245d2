#!/bin/sh
# Installs what the tests need when it is missing: the real ansible-playbook, OpenSSH
# (sshd for throw-away hosts, ssh for Ansible), rsync (the reference the transports are
# compared with), iproute2 (network namespaces), and for the real hosts: mmdebstrap and
# e2fsprogs (the guest image), podman with runc (containers), qemu (VMs).
# Debian (apt-get) as root; elsewhere it says what to install and fails.
set -eu
PATH="$PATH:/usr/sbin:/sbin"
missing=""
command -v ansible-playbook >/dev/null 2>&1 || missing="$missing ansible-core"
command -v sshd >/dev/null 2>&1 || missing="$missing openssh-server"
command -v ssh >/dev/null 2>&1 || missing="$missing openssh-client"
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
command -v rsync >/dev/null 2>&1 || missing="$missing rsync"
command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
command -v mmdebstrap >/dev/null 2>&1 || missing="$missing mmdebstrap"
command -v mkfs.ext4 >/dev/null 2>&1 || missing="$missing e2fsprogs"
command -v xz >/dev/null 2>&1 || missing="$missing xz-utils"
command -v podman >/dev/null 2>&1 || missing="$missing podman"
command -v runc >/dev/null 2>&1 || missing="$missing runc"
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing="$missing qemu-system-x86"
command -v qemu-img >/dev/null 2>&1 || missing="$missing qemu-utils"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing for the tests:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
    echo "The tests need:$missing. Install it (Debian: sudo apt-get install$missing) and run again." >&2
    exit 1
fi
