#!/usr/bin/env bash
# Real hosts benchmark: netns, podman and qemu side by side in one run, through the real
# `peons` step of bin/exekutir (setup; then cleanup): the guest image built from an empty
# cache (the first podman host waits for it) and taken from the warm cache; time until 1 and
# 4 hosts of each kind answer ssh (the step's own report); an 8-task playbook on 4 hosts of
# each kind (the real ansible-playbook); memory per host (the resident memory of every
# process in the host's namespace, plus conmon for a container). Needs root. Writes its
# section of docs/benchmarks.md.
#
#   sudo dist/src/bench/hosts-benchmark.sh        (after: mvn -B -DskipTests package)
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd)
. "$root/dist/src/bench/report.sh"
exekutir=$root/dist/target/exekutir/bin/exekutir
[ -x "$exekutir" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "run as root: the providers make namespaces, containers and VMs" >&2; exit 1; }

work=$(mktemp -d /var/tmp/exekutir-hosts-bench.XXXXXX)
cache=$work/images
trap 'for ws in "$work"/ws-*; do "$exekutir" cleanup "$ws" "$work/bench.xn" >/dev/null 2>&1 || true; done; rm -rf -- "$work"' EXIT
echo '- peons: {}' > "$work/bench.xn"
cat > "$work/playbook.yml" <<'YML'
- hosts: peons
  gather_facts: false
  tasks:
    - ping:
    - command: uname -r
      changed_when: false
    - file: {path: /var/lib/exekutir/bench, state: directory}
    - copy: {dest: /var/lib/exekutir/bench/a.txt, content: "benchmark\n"}
    - lineinfile: {path: /var/lib/exekutir/bench/a.txt, line: "second line"}
    - stat: {path: /var/lib/exekutir/bench/a.txt}
    - shell: wc -l < /var/lib/exekutir/bench/a.txt
      changed_when: false
    - file: {path: /var/lib/exekutir/bench, state: absent}
YML
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# Ansible's first run on a machine is slower (caches, bytecode): not any provider's cost
ANSIBLE_NOCOLOR=1 ansible -i localhost, -c local -m ping all > /dev/null 2>&1 || true

# rss_kib NAMESPACE...: the resident memory of every process in the namespaces, and of the
# conmon of a container of the same name
rss_kib() {
    local total=0 pid
    for ns in "$@"; do
        for pid in $(ip netns pids "$ns") $(pgrep -f "conmon .*-n $ns " || true); do
            total=$(( total + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0) ))
        done
    done
    echo "$total"
}

# hosts KIND N: setup with N peons of the provider; prints "creation_s rss_kib_per_host playbook_s destroy_s setup_ms"
hosts() {
    local kind=$1 n=$2 ws=$work/ws-$1-$2 start out
    mkdir -p "$ws/inventory"
    cat > "$ws/exekutir_vars.yml" <<YML
uuid: hb$$-$kind-$n
peon_provider: $kind
peon_parallelism: 4
netns_range: 10.217.0.0/16
netns_root: $work/hosts
image_cache: $cache
YML
    { echo "[peons]"; for i in $(seq "$n"); do echo "$kind-$i"; done; } > "$ws/inventory/peons"
    start=$(date +%s%N)
    out=$("$exekutir" setup "$ws" "$work/bench.xn" 2>&1) || { echo "$out" >&2; exit 1; }
    local setup_ms; setup_ms=$(ms "$start")
    echo "$out" > "$work/$kind-$n.setup.log"
    local creation; creation=$(echo "$out" | grep -o "peons: $n created, 0 failed, in [0-9.]* s" | awk '{print $(NF-1)}')
    local namespaces; namespaces=$(ip netns list | awk '{print $1}' | grep "^exekutir-hb$$-$kind-$n-" || true)
    local rss; rss=$(( $(rss_kib $namespaces) / n ))
    local playbook=-
    if [ "$n" = 4 ]; then
        start=$(date +%s%N)
        ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_NOCOLOR=1 ansible-playbook -i "$ws/inventory" "$work/playbook.yml" \
            > "$work/$kind.playbook.log" 2>&1 || { cat "$work/$kind.playbook.log" >&2; exit 1; }
        playbook=$(awk "BEGIN {printf \"%.1f\", $(ms "$start") / 1000}")
    fi
    out=$("$exekutir" cleanup "$ws" "$work/bench.xn" 2>&1) || { echo "$out" >&2; exit 1; }
    local destroy; destroy=$(echo "$out" | grep -o "peons: $n destroyed, 0 failed, in [0-9.]* s" | awk '{print $(NF-1)}')
    echo "$creation $rss $playbook $destroy $setup_ms"
}

declare -A result
echo "== the image, from an empty cache" >&2
# an import of the same recipe by earlier runs would hide the import's cost
podman images --format '{{.Repository}}:{{.Tag}}' | grep '^localhost/exekutir-guest:' | xargs -r podman rmi >/dev/null 2>&1 || true
result[first]=$(hosts podman 1)
mv "$work/podman-1.setup.log" "$work/first.setup.log"
rm -rf "$work/ws-podman-1"
for kind in netns podman qemu; do
    for n in 1 4; do
        echo "== $kind x $n" >&2
        result[$kind-$n]=$(hosts "$kind" "$n")
    done
done
built=$(grep -o 'built in [0-9]* s' "$work/first.setup.log" | awk '{print $3}')
imported=$(grep -o 'imported localhost/exekutir-guest:[0-9a-f]* in [0-9]* ms' "$work/first.setup.log" | awk '{print $(NF-1)}' || echo "(imported before)")
accel=$(grep -o 'qemu: booting [^(]*([^,]*' "$work/qemu-1.setup.log" | head -1 | sed 's/.*(//')
field() { echo "${result[$1]}" | awk "{print \$$2}"; }
image_size=$(du -sh --apparent-size "$cache"/*/rootfs.tar | cut -f1)
disk_used=$(du -sh "$cache"/*/disk.img | cut -f1)

section=$(cat <<TXT
<!-- hosts-benchmark:start -->
## Real hosts: netns, podman and qemu side by side

Measured $(date -u +%Y-%m-%d) by \`dist/src/bench/hosts-benchmark.sh\` (one run of each; every kind in the same run).
Machine: $(machine).
Each figure is the \`peons\` step's own report in a real \`bin/exekutir setup\` (peon_parallelism 4):
the provider's whole creation, until the host's sshd greets. The guest image is Debian
bookworm minbase with systemd, sshd, python3 and Debian's kernel (\`rootfs.tar\` $image_size; ext4
disk $disk_used used). qemu ran ${accel:-?}. Memory per host: the resident memory of every process
in the host's namespace (for a container also its conmon), divided by the hosts.

| measure | netns | podman | qemu |
|---|---|---|---|
| guest image from an empty cache (mmdebstrap, tar, ext4, kernel, initrd) | none needed | built in $built s, imported into podman in $imported ms (once per machine); the first host answered after $(field first 1) s | the same image |
| 1 host answers ssh, image in the cache | $(field netns-1 1) s | $(field podman-1 1) s | $(field qemu-1 1) s |
| 4 hosts answer ssh, 4 at a time | $(field netns-4 1) s | $(field podman-4 1) s | $(field qemu-4 1) s |
| 8-task playbook on 4 hosts (ansible-playbook, ssh) | $(field netns-4 3) s | $(field podman-4 3) s | $(field qemu-4 3) s |
| memory per host (4 hosts) | $(( $(field netns-4 2) / 1024 )) MiB | $(( $(field podman-4 2) / 1024 )) MiB | $(( $(field qemu-4 2) / 1024 )) MiB |
| 4 hosts destroyed | $(field netns-4 4) s | $(field podman-4 4) s | $(field qemu-4 4) s |
<!-- hosts-benchmark:end -->
TXT
)
write_section hosts "$section"
