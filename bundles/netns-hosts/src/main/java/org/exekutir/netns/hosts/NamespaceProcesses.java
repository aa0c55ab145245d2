package org.exekutir.netns.hosts;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;

/** Stops processes that run inside a host's namespace: all of them, or only its stale sshd. */
public final class NamespaceProcesses {

    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private final Ip ip;

    public NamespaceProcesses(Ip ip) {
        this.ip = ip;
    }

    /** Every process in the namespace: TERM, a grace period, then KILL. */
    public void stopAll(String namespace) throws IOException, InterruptedException {
        stop(namespace, pid -> true);
    }

    public void stop(String namespace, LongPredicate which) throws IOException, InterruptedException {
        List<Long> left = signal(namespace, which, false);
        if (left.isEmpty() || awaitGone(namespace, which, GRACE)) {
            return;
        }
        signal(namespace, which, true);
        if (!awaitGone(namespace, which, AFTER_KILL)) {
            throw new NetnsException("processes " + matching(namespace, which) + " in namespace " + namespace
                    + " survived SIGKILL");
        }
    }

    private List<Long> signal(String namespace, LongPredicate which, boolean force)
            throws IOException, InterruptedException {
        List<Long> pids = matching(namespace, which);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(process -> {
                if (force) {
                    process.destroyForcibly();
                } else {
                    process.destroy();
                }
            });
        }
        return pids;
    }

    /** Keeps signalling newcomers (sshd forks a child per connection) while waiting. */
    private boolean awaitGone(String namespace, LongPredicate which, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (signal(namespace, which, false).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private List<Long> matching(String namespace, LongPredicate which) throws IOException, InterruptedException {
        return ip.namespacePids(namespace).stream().filter(which::test).toList();
    }
}
