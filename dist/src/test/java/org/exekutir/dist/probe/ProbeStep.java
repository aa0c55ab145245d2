package org.exekutir.dist.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * A step type the end-to-end tests pack into a bundle (with bnd, at test time) in two
 * versions and drop into the daemon's deploy folder. {@code - probe: {report: FILE}} appends
 * "ENTRY started VERSION" and "ENTRY done VERSION" to FILE, where VERSION is its bundle's;
 * with {@code hold: FILE} it waits for that file between the two lines, so a test can swap
 * the bundle while the step is in flight.
 */
@Component
@ExekutirName("probe")
public class ProbeStep implements StepType {

    private static final long HOLD_MILLIS = 120_000;

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.required("report", OptionType.STRING), OptionSpec.optional("hold", OptionType.STRING));
    }

    @Override
    public int run(StepOptions options, StepContext context) throws StepException, InterruptedException {
        // Everything this code needs is loaded before the hold: after a swap, the old bundle's
        // class loader may no longer load classes.
        String version = FrameworkUtil.getBundle(ProbeStep.class).getVersion().toString();
        Path report = context.resolve(options.requiredString("report"));
        String started = context.entry() + " started " + version + "\n";
        String done = context.entry() + " done " + version + "\n";
        Path hold = options.string("hold").map(context::resolve).orElse(null);
        append(report, started);
        context.messages().println("probe " + version);
        long deadline = System.currentTimeMillis() + HOLD_MILLIS;
        while (hold != null && !Files.exists(hold)) {
            if (System.currentTimeMillis() > deadline) {
                throw new StepException("no " + hold + " within " + HOLD_MILLIS + " ms");
            }
            Thread.sleep(20);
        }
        append(report, done);
        return 0;
    }

    private static void append(Path file, String line) throws StepException {
        try {
            Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new StepException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
