package org.exekutir.engine.internal.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.playbook.PlaybookRun;
import org.exekutir.api.playbook.PlaybookRunner;
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
 * {@code playbook}: runs a playbook through the playbook runner named by the framework
 * property {@value #RUNNER_PROPERTY} ({@code ansible} when unset).
 */
@Component
@ExekutirName("playbook")
public class PlaybookStep implements StepType {

    static final String RUNNER_PROPERTY = "exekutir.playbook.runner";
    static final String DEFAULT_RUNNER = "ansible";

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("filepath", OptionType.STRING),
            OptionSpec.optional("inventory", OptionType.STRING),
            OptionSpec.optional("varsfile", OptionType.STRING),
            OptionSpec.optional("limit", OptionType.STRING),
            OptionSpec.optional("config", OptionType.STRING),
            OptionSpec.optional(StandardFiles.STDOUT, OptionType.STRING),
            OptionSpec.optional(StandardFiles.STDERR, OptionType.STRING),
            OptionSpec.optional(StandardFiles.EXIT, OptionType.STRING));

    private String runnerName = DEFAULT_RUNNER;

    @Activate
    void activate(BundleContext context) {
        String configured = context.getProperty(RUNNER_PROPERTY);
        runnerName = configured == null || configured.isBlank() ? DEFAULT_RUNNER : configured.strip();
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Map<String, String> describe(StepOptions options, StepContext context) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("playbook", playbook(options, context).toString());
        StandardFiles.path(options, "inventory", context).ifPresent(p -> lines.put("inventory", p.toString()));
        varsFile(options, context).ifPresent(p -> lines.put("varsfile", p.toString()));
        options.string("limit").ifPresent(limit -> lines.put("limit", limit.strip()));
        lines.putAll(StandardFiles.of(options, context).describe());
        return lines;
    }

    @Override
    public int run(StepOptions options, StepContext context) throws StepException, InterruptedException {
        StandardFiles files = StandardFiles.of(options, context);
        return files.run(() -> start(options, context, files), context);
    }

    private int start(StepOptions options, StepContext context, StandardFiles files)
            throws StepException, InterruptedException {
        Path playbook = playbook(options, context);
        if (!Files.isRegularFile(playbook)) {
            throw new StepException("the playbook " + playbook + " does not exist");
        }
        PlaybookRun run = PlaybookRun.builder(playbook)
                .inventory(StandardFiles.path(options, "inventory", context))
                .varsFile(varsFile(options, context))
                .limit(options.string("limit").map(String::strip))
                .config(StandardFiles.path(options, "config", context))
                .extraVars(extraVars(context))
                .arguments(optionalArguments(context))
                .environment(environment(options, context))
                .build();
        // held until the entry ends; a runner being swapped is waited for
        PlaybookRunner runner = context.use(PlaybookRunner.class, runnerName);
        try {
            return runner.run(run, files.output(context.console(), true));
        } catch (IOException e) {
            throw new StepException(e.getMessage(), e);
        }
    }

    private static List<String> optionalArguments(StepContext context) throws StepException {
        try {
            return context.optionalWords();
        } catch (IllegalArgumentException e) {
            throw new StepException("the OPTIONAL words cannot be split like a shell to pass them to the playbook: "
                    + e.getMessage());
        }
    }

    private static Path playbook(StepOptions options, StepContext context) {
        return StandardFiles.path(options, "filepath", context).orElseThrow();
    }

    /** The vars file is passed only when it exists, so a job may or may not ship one. */
    private static Optional<Path> varsFile(StepOptions options, StepContext context) {
        return StandardFiles.path(options, "varsfile", context).filter(Files::isRegularFile);
    }

    private static Map<String, String> extraVars(StepContext context) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("adept_context", context.context());
        vars.put("workspace", context.workspace().toString());
        vars.put("adept_path", context.home().toString());
        if (!context.optional().isBlank()) {
            vars.put("adept_optional", context.optional());
        }
        return vars;
    }

    /**
     * The children's environment (which carries a global ANSIBLE_PRIVATE_KEY_FILE), and
     * ANSIBLE_CONFIG from {@code config} — unless a global variable ANSIBLE_CONFIG is set,
     * which wins, as in {@code adept.py}.
     */
    private static Map<String, String> environment(StepOptions options, StepContext context) {
        Map<String, String> env = new LinkedHashMap<>(context.childEnvironment());
        if (!context.globals().containsKey(ANSIBLE_CONFIG)) {
            StandardFiles.path(options, "config", context)
                    .ifPresent(config -> env.put(ANSIBLE_CONFIG, config.toString()));
        }
        return env;
    }

    private static final String ANSIBLE_CONFIG = "ANSIBLE_CONFIG";
}
