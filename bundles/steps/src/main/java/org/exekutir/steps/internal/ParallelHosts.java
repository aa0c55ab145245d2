package org.exekutir.steps.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works on many hosts at once, at most {@code parallelism} at a time. Each host's output
 * goes to a buffer of its own and is printed whole when the host is done, after a progress
 * line; the summary lists the failures first.
 */
final class ParallelHosts {

    /** One host's work: writes what it has to say to {@code out}; throws to fail. */
    interface Work {
        void run(PrintStream out) throws Exception;
    }

    record Task(String host, Work work) {
    }

    /** What became of one host: its output, its failure when it failed. */
    record Outcome(String host, boolean ok, String output, String failure, long millis) {
    }

    /** All outcomes, in the order the hosts finished. */
    record Summary(List<Outcome> outcomes, long millis) {
        List<Outcome> failed() {
            return outcomes.stream().filter(outcome -> !outcome.ok()).toList();
        }
    }

    private ParallelHosts() {
    }

    /**
     * @param verb what the work does, for progress lines ({@code created}, {@code destroyed})
     * @throws InterruptedException when interrupted: the work in flight is interrupted too,
     *                              and waited for (briefly) so that records are written
     */
    static Summary run(List<Task> tasks, int parallelism, String verb, PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        int threads = Math.max(1, Math.min(parallelism, tasks.size()));
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "exekutir-host-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Task task : tasks) {
            futures.add(done.submit(() -> attempt(task)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (int finished = 1; finished <= tasks.size(); finished++) {
                Outcome outcome = done.take().get();
                outcomes.add(outcome);
                long failed = outcomes.stream().filter(o -> !o.ok()).count();
                synchronized (out) {
                    out.printf("[%d/%d] %s %s in %.1f s (%d failed so far)%n", finished, tasks.size(), outcome.host(),
                            outcome.ok() ? verb : "FAILED", outcome.millis() / 1000.0, failed);
                    out.print(indent(outcome.output()));
                    out.flush();
                }
            }
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        } catch (InterruptedException e) {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            out.println("interrupted: " + outcomes.size() + " of " + tasks.size() + " hosts finished; "
                    + "the others were stopped where they were (their records say so)");
            throw e;
        } finally {
            pool.shutdownNow();
        }
        return new Summary(outcomes, (System.nanoTime() - start) / 1_000_000);
    }

    private static Outcome attempt(Task task) {
        long start = System.nanoTime();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        String failure = null;
        try {
            task.work().run(out);
        } catch (InterruptedException e) {
            failure = "interrupted";
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (failure != null) {
            String prefix = task.host() + ": ";
            failure = failure.startsWith(prefix) ? failure.substring(prefix.length()) : failure;
            out.println(prefix + failure);
        }
        out.flush();
        return new Outcome(task.host(), failure == null, buffer.toString(StandardCharsets.UTF_8), failure,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Prints the summary: failures first, each with its message, then the hosts that succeeded. */
    static void printSummary(Summary summary, String noun, String verb, PrintStream out) {
        List<Outcome> failed = summary.failed();
        out.printf("%s: %d %s, %d failed, in %.1f s%n", noun, summary.outcomes().size() - failed.size(), verb,
                failed.size(), summary.millis() / 1000.0);
        for (Outcome outcome : failed) {
            out.println("  FAILED " + outcome.host() + ": " + outcome.failure());
        }
        List<String> ok = summary.outcomes().stream().filter(Outcome::ok).map(Outcome::host).sorted().toList();
        if (!ok.isEmpty()) {
            out.println("  " + verb + ": " + String.join(", ", ok));
        }
        out.flush();
    }

    private static String indent(String text) {
        if (text.isEmpty()) {
            return "";
        }
        StringBuilder indented = new StringBuilder();
        for (String line : text.split("\n")) {
            indented.append("    ").append(line).append('\n');
        }
        return indented.toString();
    }
}
