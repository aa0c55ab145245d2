#!/usr/bin/env bash
# Peons benchmark: creation of N peons (default 50) through the VM provider 'script' with a
# provisioning command that sleeps 1 s, at parallelism N, by the real `peons` step in a real
# bin/exekutir run (setup), then their destruction (cleanup). The step reports the wall time
# of creating them all; the whole bin/exekutir run is timed too. Writes its section of
# docs/benchmarks.md.
#
#   dist/src/bench/peons-benchmark.sh [PEONS] [RUNS]      (after: mvn -B -DskipTests package)
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd)
. "$root/dist/src/bench/report.sh"
exekutir=$root/dist/target/exekutir/bin/exekutir
peons=${1:-50}
runs=${2:-5}
[ -x "$exekutir" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
: > "$work/create.txt"; : > "$work/destroy.txt"; : > "$work/setup.txt"

for run in $(seq "$runs"); do
    ws=$work/ws$run
    mkdir -p "$ws/inventory"
    cat > "$ws/exekutir_vars.yml" <<YML
uuid: bench-$run-$$
peon_provider: script
peon_parallelism: $peons
cloud_provisioning_command: 'sleep 1; echo "ansible_host: 127.0.0.1"'
cloud_destruction_command: 'true'
YML
    { echo "[peons]"; for i in $(seq "$peons"); do echo "peon-$i"; done; } > "$ws/inventory/peons"
    echo '- peons: {}' > "$ws/bench.xn"
    start=$(date +%s%N)
    "$exekutir" setup "$ws" "$ws/bench.xn" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 ))" >> "$work/setup.txt"
    grep -o "peons: $peons created, 0 failed, in [0-9.]* s" "$work/out" | awk '{print $(NF-1)}' >> "$work/create.txt" \
        || { cat "$work/out" >&2; echo "no summary line" >&2; exit 1; }
    "$exekutir" cleanup "$ws" "$ws/bench.xn" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
    grep -o "peons: $peons destroyed, 0 failed, in [0-9.]* s" "$work/out" | awk '{print $(NF-1)}' >> "$work/destroy.txt"
done

create=$(median < "$work/create.txt")
create_max=$(sort -n "$work/create.txt" | tail -1)
destroy=$(median < "$work/destroy.txt")
setup=$(median < "$work/setup.txt")
section=$(cat <<TXT
<!-- peons-benchmark:start -->
## Peons: $peons created in parallel through the \`script\` provider

Measured $(date -u +%Y-%m-%d) by \`dist/src/bench/peons-benchmark.sh $peons $runs\` ($runs runs; medians).
Machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1);
load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows the step: it is CPU-bound beyond the 1 s sleep).
Each peon's provisioning command is \`sleep 1; echo "ansible_host: 127.0.0.1"\` (a shell per peon),
\`peon_parallelism: $peons\`; the time is the \`peons\` step's own report (host records, provider
calls, host vars files, progress output included).

| measure | result | target |
|---|---|---|
| creation of $peons peons (wall time of the step's parallel work) | $create s (worst $create_max s) | ≤ 2 s (the limit is 1 s) |
| destruction of $peons peons (\`true\` each) | $destroy s | |
| the whole \`bin/exekutir setup\` run (JVM start, ansible-inventory reading the inventory, creation) | $setup ms | |
<!-- peons-benchmark:end -->
TXT
)
write_section peons "$section"
