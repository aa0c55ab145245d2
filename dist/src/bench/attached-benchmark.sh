#!/usr/bin/env bash
# Attached-run benchmark: the same transitions one-shot (--no-daemon) and attached to a
# daemon of the same runtime, interleaved in one run; per-entry cost through the daemon
# against the cost of spawning the program itself; daemon memory before and after 1,000
# attached transitions. Writes its section of docs/benchmarks.md.
#
#   dist/src/bench/attached-benchmark.sh [RUNS] [MANY]     (after: mvn -B -DskipTests package)
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd)
. "$root/dist/src/bench/report.sh"
runs=${1:-31}
many=${2:-1000}
[ -x "$root/dist/target/exekutir/bin/exekutir" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

# A private copy of the runtime: its own daemon, run/ and CDS archive.
work=$(mktemp -d /tmp/exekutir-attached-bench.XXXXXX)
home=$work/home
cp -a "$root/dist/target/exekutir" "$home"
rm -rf "$home/run" "$home/lib/cds"
exekutir=$home/bin/exekutir
daemon_pid=
cleanup() {
    [ -z "$daemon_pid" ] || { kill -TERM "$daemon_pid" 2>/dev/null; wait "$daemon_pid" 2>/dev/null || true; }
    rm -rf -- "$work"
}
trap cleanup EXIT
mkdir "$work/ws"
echo '- command: {filepath: /bin/true}' > "$work/one.xn"
for _ in $(seq 200); do echo '- command: {filepath: /bin/true}'; done > "$work/many.xn"

"$exekutir" --no-daemon setup "$work/ws" "$work/one.xn" >/dev/null 2>&1   # the one-shot run makes the CDS archive
"$exekutir" daemon > "$work/daemon.out" 2> "$work/daemon.err" &
daemon_pid=$!
for _ in $(seq 600); do grep -q "daemon running" "$work/daemon.out" 2>/dev/null && break; sleep 0.05; done
grep -q "daemon running" "$work/daemon.out" || { cat "$work/daemon.err" >&2; exit 1; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$daemon_pid/status"; }

ms() {
    local start end
    start=$(date +%s%N)
    "$exekutir" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
best() { sort -n | head -1; }

for _ in $(seq 5); do ms --daemon setup "$work/ws" "$work/one.xn" >/dev/null; done   # warm the daemon's JIT
sleep 2
rss_idle=$(rss)
: > "$work/oneshot.txt"; : > "$work/attached.txt"; : > "$work/many.txt"; : > "$work/version.txt"
for _ in $(seq "$runs"); do            # interleaved, so all see the same machine
    ms --no-daemon setup "$work/ws" "$work/one.xn" >> "$work/oneshot.txt"
    ms --daemon setup "$work/ws" "$work/one.xn" >> "$work/attached.txt"
    ms --daemon setup "$work/ws" "$work/many.xn" >> "$work/many.txt"
    ms --version >> "$work/version.txt"
done
# The floor: starting /bin/true with posix_spawn and waiting for it, no Java.
spawn=$(python3 -c 'import os, time
t = time.perf_counter()
for _ in range(400):
    os.waitpid(os.posix_spawn("/bin/true", ["/bin/true"], {}), 0)
print("%.3f" % ((time.perf_counter() - t) / 400 * 1000))')

start=$(date +%s%N)
for _ in $(seq "$many"); do
    "$exekutir" --daemon setup "$work/ws" "$work/one.xn" >/dev/null 2>&1
done
end=$(date +%s%N)
sleep 2
rss_after=$(rss)
per_many_run=$(( (end - start) / 1000000 / many ))

oneshot=$(median < "$work/oneshot.txt"); oneshot_best=$(best < "$work/oneshot.txt")
attached=$(median < "$work/attached.txt"); attached_best=$(best < "$work/attached.txt")
many_ms=$(median < "$work/many.txt")
version=$(median < "$work/version.txt")
ratio=$(awk -v a="$attached" -v b="$oneshot" 'BEGIN {printf "%.2f", a / b}')
per_entry=$(awk -v a="$many_ms" -v b="$attached" 'BEGIN {printf "%.2f", (a - b) / 199}')
above=$(awk -v p="$per_entry" -v s="$spawn" 'BEGIN {printf "%.2f", p - s}')
grown=$(( rss_after - rss_idle ))
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v <= t) ? "met" : "missed"}'; }

section=$(cat <<TXT
<!-- attached-benchmark:start -->
## Attached runs: a transition through the daemon against a one-shot run

Measured $(date -u +%Y-%m-%d) by \`dist/src/bench/attached-benchmark.sh $runs $many\` ($runs runs of each,
interleaved; medians, best in brackets; a private copy of the runtime, its daemon warmed by 5 runs).
Machine: $(machine).

| measure | result | target |
|---|---|---|
| one-entry transition, one-shot (\`--no-daemon\`: JVM, Felix, bundles) | $oneshot ms ($oneshot_best) | |
| one-entry transition, attached (\`--daemon\`: client JVM, socket, daemon) | $attached ms ($attached_best) | ≤ 150 ms: $(verdict "$attached" 150) |
| attached ÷ one-shot | $ratio | ≤ 0.3: $(verdict "$ratio" 0.3) |
| for scale: \`bin/exekutir --version\` (script and JVM, nothing else) | $version ms | |
| 200-entry transition of \`/bin/true\`, attached | $many_ms ms | |
| per \`command\` entry, attached = (200-entry − one-entry) / 199 | $per_entry ms | |
| spawning \`/bin/true\` and waiting for it (posix_spawn, no Java) | $spawn ms | |
| what exekutir adds per entry above the spawn | $above ms | ≤ 0.4 ms: $(verdict "$above" 0.4) |
| daemon RSS idle (after 5 warm-up runs) | $rss_idle MiB | |
| daemon RSS after $many more attached transitions ($per_many_run ms each, back to back) | $rss_after MiB (+$grown MiB) | ≤ idle + 20 MiB: $(verdict "$grown" 20) |

The attached time is mostly the client's JVM: \`--version\`, which does nothing but start and
stop it, takes most of it; the daemon's own share of a one-entry transition is the difference.
<!-- attached-benchmark:end -->
TXT
)
write_section attached "$section"
