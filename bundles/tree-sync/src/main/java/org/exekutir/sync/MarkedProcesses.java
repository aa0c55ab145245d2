package org.exekutir.sync;

/**
 * A shell script that stops every process of a host carrying a mark in its environment
 * ({@code NAME=VALUE}, read from {@code /proc/PID/environ}): SIGTERM, up to a grace for them
 * to end, SIGKILL to the rest. It prints how many processes it found, so a caller can say
 * whether there was anything to stop. The transports stop an interrupted command this way,
 * and the {@code job} step an orphaned run a killed exekutir left on its kommandir.
 */
public final class MarkedProcesses {

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
        return "m='" + mark + "'; marked() { for p in /proc/[0-9]*; do "
                + "if tr '\\000' '\\n' < \"$p/environ\" 2>/dev/null | grep -qxF \"$m\"; then echo \"${p#/proc/}\"; fi; "
                + "done; }; p=$(marked); n=$(echo $p | wc -w); [ -n \"$p\" ] && kill -TERM $p 2>/dev/null; "
                + "i=" + graceMillis / 200 + "; while [ \"$i\" -gt 0 ] && [ -n \"$(marked)\" ]; do sleep 0.2; "
                + "i=$((i-1)); done; p=$(marked); [ -n \"$p\" ] && kill -KILL $p 2>/dev/null; echo \"$n\"; exit 0";
    }
}
