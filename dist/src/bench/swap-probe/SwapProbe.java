package org.exekutir.bench.swapprobe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.framework.BundleContext;

/**
 * The step type {@code swap-probe} of daemon-benchmark.sh: when a version of it becomes the
 * serving one (its component activates, its service is registered), it appends
 * "VERSION EPOCH-MICROSECONDS" to the file named by the framework property
 * {@code exekutir.bench.swapLog}. The script compares that with the moment it renamed the
 * jar into deploy/. (Declared in OSGI-INF/swap-probe.xml: a benchmark builds it with javac
 * and jar alone.)
 */
public class SwapProbe implements StepType {

    void activate(BundleContext context) throws IOException {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        String line = context.getBundle().getVersion() + " " + micros + "\n";
        Files.write(Path.of(context.getProperty("exekutir.bench.swapLog")), line.getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public int run(StepOptions options, StepContext context) {
        return 0;
    }
}
