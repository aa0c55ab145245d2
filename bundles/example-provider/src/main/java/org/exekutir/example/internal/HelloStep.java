package org.exekutir.example.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code - hello: {who: world}}: greets, saying which version of this bundle did it.
 *
 * <ul>
 * <li>{@code who} (required): substituted from the children's environment, so
 * {@code who: $USER} or a global variable works;
 * <li>{@code to}: a file the greeting is appended to as well;
 * <li>{@code wait_for}: a file that must exist before the greeting (a stand-in for a step
 * that runs long, such as creating a VM).
 * </ul>
 */
// immediate: one instance while the bundle runs, instead of one made and disposed per entry
@Component(immediate = true)
@ExekutirName("hello")
public class HelloStep implements StepType {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("who", OptionType.STRING),
            OptionSpec.optional("to", OptionType.STRING),
            OptionSpec.optional("wait_for", OptionType.STRING));

    private String version;

    /**
     * Reads what it needs from the bundle once, here. A step may still be running after its
     * bundle was updated or removed (it finishes on the old code); the bundle context is
     * invalid by then, so a step must never touch it while it runs.
     */
    @Activate
    void activate(BundleContext bundle) {
        version = bundle.getBundle().getVersion().toString();
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Map<String, String> describe(StepOptions options, StepContext context) {
        return Map.of("who", options.requiredString("who"));
    }

    @Override
    public int run(StepOptions options, StepContext context) throws StepException, InterruptedException {
        if (options.has("wait_for")) {
            awaitFile(context.resolve(context.substitute(options.requiredString("wait_for"),
                    context.childEnvironment())));
        }
        String who = context.substitute(options.requiredString("who"), context.childEnvironment());
        String greeting = "hello, " + who + " (entry " + context.entry() + ", example-provider " + version + ")";
        context.messages().println(context.redact(greeting));
        if (options.has("to")) {
            Path file = context.resolve(context.substitute(options.requiredString("to"), context.childEnvironment()));
            try {
                Files.writeString(file, greeting + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new StepException("cannot write the greeting to " + file + ": " + e.getMessage(), e);
            }
        }
        return 0;
    }

    /** Polls: a short sleep keeps the example simple and lets an interrupt end the step. */
    private static void awaitFile(Path file) throws InterruptedException {
        while (!Files.exists(file)) {
            Thread.sleep(20);
        }
    }
}
