#!/usr/bin/env bash
# Swap benchmark: latency of a provider swap through the API under continuous load, and the
# steps that failed during the swaps (none may). Builds what it needs, runs SwapBenchmark
# (embedded Felix with the runtime's bundle set and the example provider; see its javadoc)
# and writes its section of docs/benchmarks.md.
#
#   kernel/itest/src/bench/swap-benchmark.sh [SWAPS]      (default 100; add MAVEN_ARGS=-o offline)
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../../.." && pwd)
. "$root/dist/src/bench/report.sh"
swaps=${1:-100}
itest=$root/kernel/itest/target
(cd "$root" && mvn -B -q ${MAVEN_ARGS:-} -pl kernel/itest -am verify -DskipTests)
latency=$(mktemp); load=$(mktemp)
trap 'rm -f -- "$latency" "$load"' EXIT
bench() {   # LOADS SWAPS RESULTS
    java -cp "$itest/test-classes:$(cat "$itest/test-classpath.txt")" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        org.exekutir.itest.SwapBenchmark "$itest/bundles" "$itest/example-bundles/exekutir-example-provider.jar" "$@"
}
bench 1 "$swaps" "$latency"     # latency: one stream of steps, the swapping thread has a core of its own
bench 2 "$swaps" "$load"        # continuous load: as many streams of steps as cores
figure() { sed -n "s/^$2=//p" "$1"; }

section=$(cat <<TXT
<!-- swap-benchmark:start -->
## Hot swap: provider update through the API, under load

Measured $(date -u +%Y-%m-%d) by \`kernel/itest/src/bench/swap-benchmark.sh $swaps\`: Felix with the
runtime's bundle set and the example provider (\`SwapBenchmark\`, booted as the launcher boots it);
transitions of short \`hello\` steps run back to back while the provider is updated $swaps times
(\`Bundle.update(InputStream)\`, then \`FrameworkWiring.refreshBundles\` of that bundle alone).
Latency: from \`update()\` being called to the first step greeting with the new version.
Machine: $(machine); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg).

| measure | one stream of steps | $(figure "$load" loads) streams (continuous load) | target |
|---|---|---|---|
| swap latency, median / p95 / max | $(figure "$latency" latency.median) / $(figure "$latency" latency.p95) / $(figure "$latency" latency.max) ms | $(figure "$load" latency.median) / $(figure "$load" latency.p95) / $(figure "$load" latency.max) ms | < 100 ms |
| \`update()\` returns / the refresh ends after it (medians) | $(figure "$latency" update.median) / $(figure "$latency" refresh.median) ms | $(figure "$load" update.median) / $(figure "$load" refresh.median) ms | |
| steps run during the swaps | $(figure "$latency" steps.during.swaps) | $(figure "$load" steps.during.swaps) | |
| failed steps / failed transitions | $(figure "$latency" steps.failed) / $(figure "$latency" transitions.failed) of $(figure "$latency" transitions) | $(figure "$load" steps.failed) / $(figure "$load" transitions.failed) of $(figure "$load" transitions) | 0 |
| framework error events ("service factory returned null") | $(figure "$latency" framework.errors) | $(figure "$load" framework.errors) | |

A step that starts while the provider is between its old and new service waits for the
new one (\`exekutir.service.wait\`), so the swaps cost no step. The latency is mostly
\`update()\` itself: Felix stops the bundle, stores the new jar in its cache and starts it; the
refresh restarts it once more. A framework error event is a step asking for a service in the
instant its component is being disposed: the step then waits for the new one and runs on it.
<!-- swap-benchmark:end -->
TXT
)
write_section swap "$section"
