package org.exekutir.sync.processes;

/**
 * A shell script that stops every process of a host carrying a mark in its environment
 * ({@code NAME=VALUE}, read from {@code /proc/PID/environ}) and every descendant of theirs
 * (a nested exekutir hands its children a filtered environment, without the mark): SIGTERM,
 * up to a grace for them to end, SIGKILL to the rest. It prints how many processes it found,
 * so a caller can say whether there was anything to stop. The transports stop an interrupted
 * command this way, and the {@code job} step an orphaned run a killed exekutir left on its
 * kommandir.
 *
 * <p>The tree is taken before the first signal: a descendant whose parent dies is re-parented
 * and would no longer be found under the marked ones. One {@code grep} reads every
 * environment and one {@code awk} every parent link, so the script costs a few processes
 * however many the host runs (it is on the path of a second Ctrl-C, which must be quick).
 */
public final class MarkedProcesses {

    private static final String SCRIPT = """
            m='%s'
            marked() { grep -lsxzF -- "$m" /proc/[0-9]*/environ | sed 's,^/proc/,,; s,/environ$,,'; }
            tree() {
                roots=$(marked)
                [ -n "$roots" ] || return 0
                cat /proc/[0-9]*/status 2>/dev/null | awk -v roots="$(echo $roots)" '
                    /^Pid:/ { pid = $2 }
                    /^PPid:/ { parent[pid] = $2 }
                    END {
                        n = split(roots, r, " ")
                        for (i = 1; i <= n; i++) keep[r[i]] = 1
                        do {
                            grown = 0
                            for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; grown = 1 }
                        } while (grown)
                        for (p in keep) print p
                    }'
            }
            alive() {
                for q in $p; do
                    [ -r "/proc/$q/status" ] && ! grep -qs '^State:[[:space:]]*Z' "/proc/$q/status" && return 0
                done
                return 1
            }
            p=$(tree)
            n=$(echo $p | wc -w)
            [ -n "$p" ] && kill -TERM $p 2>/dev/null
            i=%d
            while [ "$i" -gt 0 ] && alive; do sleep 0.2; i=$((i-1)); done
            p="$p $(tree)"
            alive && kill -KILL $p 2>/dev/null
            echo "$n"
            exit 0
            """;

    private MarkedProcesses() {
    }

    /**
     * @param mark        {@code NAME=VALUE}, only letters, digits, {@code _ - =} (a run id)
     * @param graceMillis how long the processes get after SIGTERM; 0 kills at once
     */
    public static String stopScript(String mark, long graceMillis) {
        if (!mark.matches("[A-Za-z0-9_=-]+")) {
            throw new IllegalArgumentException("not a process mark: " + mark);
        }
        return SCRIPT.formatted(mark, graceMillis / 200);
    }
}
