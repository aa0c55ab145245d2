#!/usr/bin/env bash
# Daemon benchmark: idle memory of `exekutir daemon`, swap latency through the deploy folder
# (atomic rename of a new version into deploy/ -> that version's provider active and
# registered, as its own activation timestamp tells), and one-shot cold start, optionally
# side by side with another build (the "before" of a change). Writes its section of
# docs/benchmarks.md.
#
#   dist/src/bench/daemon-benchmark.sh [RUNS] [SWAPS] [BASELINE-RUNTIME]
#   (after: mvn -B -DskipTests package; BASELINE-RUNTIME is another build's dist/target/exekutir)
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd)
. "$root/dist/src/bench/report.sh"
runtime=$root/dist/target/exekutir
runs=${1:-11}
swaps=${2:-20}
baseline=${3:-}
[ -x "$runtime/bin/exekutir" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

work=$(mktemp -d)
daemon_pid=
cleanup() {
    if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
        kill -TERM "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true
    fi
    rm -rf -- "$work"
}
trap cleanup EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

load=$(cut -d' ' -f1-3 /proc/loadavg)
# --- one-shot cold start (this build, and the baseline when given), interleaved ---
mkdir "$work/ws"
echo '- command: {filepath: /bin/true}' > "$work/one.xn"
cold() {
    local start
    start=$(now_ms)
    "$1/bin/exekutir" setup "$work/ws" "$work/one.xn" >/dev/null 2>&1
    echo $(( $(now_ms) - start ))
}
"$runtime/bin/exekutir" setup "$work/ws" "$work/one.xn" >/dev/null 2>&1    # makes the CDS archive
[ -z "$baseline" ] || "$baseline/bin/exekutir" setup "$work/ws" "$work/one.xn" >/dev/null 2>&1
: > "$work/cold.txt"; : > "$work/cold-base.txt"
for _ in $(seq "$runs"); do
    cold "$runtime" >> "$work/cold.txt"
    [ -z "$baseline" ] || cold "$baseline" >> "$work/cold-base.txt"
done
cold_after=$(median < "$work/cold.txt")
cold_before=$([ -z "$baseline" ] && echo "n/a" || median < "$work/cold-base.txt")

# --- the daemon, on a copy of the runtime ---
home=$work/home
cp -a "$runtime" "$home"
rm -rf "$home/run" "$home/lib/cds"
printf '\nexekutir.bench.swapLog=%s\n' "$work/swaps.log" >> "$home/conf/exekutir.properties"
"$home/bin/exekutir" daemon < /dev/null > "$work/daemon.out" 2>&1 &
daemon_pid=$!
for _ in $(seq 600); do grep -q "daemon running" "$work/daemon.out" 2>/dev/null && break; sleep 0.05; done
grep -q "daemon running" "$work/daemon.out" || { cat "$work/daemon.out" >&2; exit 1; }
sleep 5
cpu_ticks() { awk '{print $14 + $15}' "/proc/$daemon_pid/stat"; }
ticks_before=$(cpu_ticks)
sleep 10                                   # idle: the deploy folder is scanned, nothing else
ticks_after=$(cpu_ticks)
idle_cpu=$(awk -v t=$(( ticks_after - ticks_before )) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz / 10 * 100}')
rss_idle=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$daemon_pid/status")

# --- swap latency: versions 1.0.0 .. 1.0.SWAPS of swap-probe, built with javac and jar ---
probe=$root/dist/src/bench/swap-probe
mkdir -p "$work/probe/classes/OSGI-INF" "$work/staging"
javac --release 17 -nowarn -d "$work/probe/classes" \
    -cp "$(ls "$runtime"/bundle/exekutir-api-*.jar):$(ls "$runtime"/lib/org.apache.felix.framework-*.jar)" \
    "$probe/SwapProbe.java"
cp "$probe/swap-probe.xml" "$work/probe/classes/OSGI-INF/"
# the import range follows the major version of org.exekutir.api.step this runtime exports
api_major=$(unzip -p "$(ls "$runtime"/bundle/exekutir-api-*.jar)" META-INF/MANIFEST.MF | tr -d '\r\n ' \
    | grep -o 'org.exekutir.api.step;version="[0-9]*' | grep -o '[0-9]*$')
for i in $(seq 0 "$swaps"); do
    cat > "$work/probe/MANIFEST.MF" <<MF
Bundle-ManifestVersion: 2
Bundle-SymbolicName: org.exekutir.bench.swapprobe
Bundle-Version: 1.0.$i
Import-Package: org.exekutir.api.step;version="[$api_major.0,$(( api_major + 1 )))",org.osgi.framework;version="[1.8,2)"
Service-Component: OSGI-INF/swap-probe.xml
MF
    (cd "$work/probe/classes" && jar cfm "$work/staging/swap-probe-$i.jar" ../MANIFEST.MF .)
done
await_version() {
    for _ in $(seq 2000); do grep -q "^$1 " "$work/swaps.log" 2>/dev/null && return 0; sleep 0.005; done
    echo "version $1 never became active" >&2; cat "$work/daemon.out" >&2; exit 1
}
touch "$work/staging/swap-probe-0.jar"
mv "$work/staging/swap-probe-0.jar" "$home/deploy/swap-probe.jar"
await_version 1.0.0
: > "$work/latency.txt"
for i in $(seq "$swaps"); do
    sleep 0.$(( RANDOM % 10 ))             # land at any point of the poll cycle
    touch "$work/staging/swap-probe-$i.jar"  # dated now, as a fresh copy would be
    landed=$(( $(date +%s%N) / 1000 ))
    mv "$work/staging/swap-probe-$i.jar" "$home/deploy/swap-probe.jar"
    await_version "1.0.$i"
    active=$(awk -v v="1.0.$i" '$1 == v {print $2}' "$work/swaps.log")
    echo $(( (active - landed) / 1000 )) >> "$work/latency.txt"
done
swap_median=$(median < "$work/latency.txt")
swap_max=$(sort -n "$work/latency.txt" | tail -1)
rss_after=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$daemon_pid/status")
poll=$(awk -F= '$1 == "felix.fileinstall.poll" {print $2}' "$runtime/conf/daemon.properties")

kill -TERM "$daemon_pid"
set +e; wait "$daemon_pid"; stop_code=$?; set -e
daemon_pid=

section=$(cat <<TXT
<!-- daemon-benchmark:start -->
## Daemon: idle memory, swap latency through deploy/, one-shot cold start

Measured $(date -u +%Y-%m-%d) by \`dist/src/bench/daemon-benchmark.sh $runs $swaps${baseline:+ BASELINE}\` (medians).
Machine: $(machine).
Load average when it started: $load (other work on the machine slows every figure; the
cold-start rows of this build and the baseline are interleaved, so they compare fairly).

| measure | result | target |
|---|---|---|
| daemon idle RSS (bundle/ and bundle/daemon/: FileInstall, console commands, control socket; 15 s after start) | $rss_idle MiB | < 150 MiB |
| daemon idle CPU (10 s, scanning deploy/ every $poll ms) | $idle_cpu % of one core | |
| daemon RSS after $swaps swaps | $rss_after MiB | |
| swap latency through deploy/ (jar renamed in -> new version's provider active), median of $swaps | $swap_median ms | < poll + 100 ms = $(( poll + 100 )) ms |
| swap latency, worst of $swaps | $swap_max ms | (by FileInstall's design at most 2 × poll + processing) |
| one-shot cold start, one-entry transition, this build | $cold_after ms | must not regress |
| one-shot cold start, the BASELINE build given (here: the last commit before this change) | $cold_before ms | |
| daemon exit code after SIGTERM | $stop_code | 0 |

FileInstall scans deploy/ every $poll ms (\`felix.fileinstall.poll\` in conf/daemon.properties) and acts
on a file once two scans in a row saw it unchanged (its guard against half-copied files). A jar
lands at a random point of the cycle, so latency is one to two intervals ($poll to $(( 2 * poll )) ms)
plus update, refresh of that bundle alone, and activation. The clock stops when the new
version's component activates and its service is registered: the next step that starts then
gets it, since the engine's lookup waits for a service that is briefly missing
during the update (\`exekutir.service.wait\`). One-shot runs install bundle/
only; FileInstall and the console commands (bundle/daemon/) cost them nothing.
<!-- daemon-benchmark:end -->
TXT
)
write_section daemon "$section"
