#!/usr/bin/env bash
# Kernel benchmark: cold start of bin/exekutir on a one-entry transition, a 200-entry
# transition of /bin/true commands (per-entry overhead = difference / 199), and peak
# memory, measured side by side in one run. Writes its section of docs/benchmarks.md.
#
#   dist/src/bench/kernel-benchmark.sh [RUNS]      (after: mvn -B -DskipTests package)
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd)
. "$root/dist/src/bench/report.sh"
exekutir=$root/dist/target/exekutir/bin/exekutir
runs=${1:-11}
[ -x "$exekutir" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
    else
        echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 1
    fi
fi

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
mkdir "$work/ws"
echo '- command: {filepath: /bin/true}' > "$work/one.xn"
for _ in $(seq 200); do echo '- command: {filepath: /bin/true}'; done > "$work/many.xn"
for i in $(seq 200); do echo "- variable: {name: V$i, value: x}"; done > "$work/vars.xn"

# One run: prints "milliseconds peak-KiB" of a whole bin/exekutir process.
measure() {
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/rss" "$exekutir" setup "$work/ws" "$1" >/dev/null 2>"$work/err" \
        || { cat "$work/err" >&2; exit 1; }
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 )) $(cat "$work/rss")"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

"$exekutir" setup "$work/ws" "$work/one.xn" >/dev/null 2>&1   # first run makes the CDS archive
: > "$work/one.txt"; : > "$work/many.txt"; : > "$work/vars.txt"
for _ in $(seq "$runs"); do            # interleaved, so all see the same machine
    measure "$work/one.xn" >> "$work/one.txt"
    measure "$work/many.xn" >> "$work/many.txt"
    measure "$work/vars.xn" >> "$work/vars.txt"
done
# The floor: what starting /bin/true costs on this machine without any Java.
spawn=$(python3 -c 'import os, time
t = time.perf_counter()
for _ in range(200):
    os.waitpid(os.posix_spawn("/bin/true", ["/bin/true"], {}), 0)
print("%.2f" % ((time.perf_counter() - t) / 200 * 1000))' 2>/dev/null || echo "n/a")

one=$(cut -d' ' -f1 "$work/one.txt" | median)
many=$(cut -d' ' -f1 "$work/many.txt" | median)
vars=$(cut -d' ' -f1 "$work/vars.txt" | median)
one_min=$(cut -d' ' -f1 "$work/one.txt" | sort -n | head -1)
rss_one=$(cut -d' ' -f2 "$work/one.txt" | sort -n | tail -1)
rss_many=$(cut -d' ' -f2 "$work/many.txt" | sort -n | tail -1)
per_entry=$(awk -v a="$many" -v b="$one" 'BEGIN {printf "%.2f", (a - b) / 199}')
per_variable=$(awk -v a="$vars" -v b="$one" 'BEGIN {printf "%.2f", (a - b) / 199}')

section=$(cat <<TXT
<!-- kernel-benchmark:start -->
## Kernel: cold start, per-entry overhead, memory

Measured $(date -u +%Y-%m-%d) by \`dist/src/bench/kernel-benchmark.sh $runs\` ($runs runs of each, interleaved; medians).
Machine: $(machine).

| measure | result | target |
|---|---|---|
| cold start, one-entry transition (\`bin/exekutir\` to exit) | $one ms (best $one_min ms) | < 600 ms |
| 200-entry transition of \`/bin/true\` | $many ms | |
| per-entry overhead = (200-entry − one-entry) / 199 | $per_entry ms | ≤ 1 ms |
| 200-entry transition of \`variable\` entries (no child process) | $vars ms | |
| engine's own per-entry overhead = (200 variables − one-entry) / 199 | $per_variable ms | |
| for scale: starting one \`/bin/true\` with \`posix_spawn\` and waiting for it (no Java) | $spawn ms | |
| peak memory (RSS), one-entry / 200-entry | $(( rss_one / 1024 )) MiB / $(( rss_many / 1024 )) MiB | |

The per-entry figure includes starting and reaping the child process itself, which on
this machine alone costs the "for scale" row; the \`variable\` rows show what the engine
itself adds per entry (parse, validate, header, run) when no process is started.
<!-- kernel-benchmark:end -->
TXT
)
write_section kernel "$section"
