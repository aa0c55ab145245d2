package org.exekutir.engine.internal.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.secret.SecretMask;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code variable}: sets a global variable from a literal, the caller's environment or a
 * file, or asserts that one is set. The value is stripped, then substituted from the
 * environment, then from the global variables.
 */
@Component
@ExekutirName("variable")
public class VariableStep implements StepType {

    private static final String NAME = "name";
    private static final String VALUE = "value";
    private static final String FROM_ENV = "from_env";
    private static final String FROM_FILE = "from_file";
    private static final String DEFAULT = "default";

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required(NAME, OptionType.STRING),
            OptionSpec.optional(VALUE, OptionType.STRING),
            OptionSpec.optional(FROM_ENV, OptionType.STRING),
            OptionSpec.optional(FROM_FILE, OptionType.STRING),
            OptionSpec.optional(DEFAULT, OptionType.STRING));

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public List<String> check(StepOptions options) {
        List<String> problems = new ArrayList<>();
        if (options.requiredString(NAME).isBlank()) {
            problems.add("'name' must not be blank");
        }
        long sources = List.of(VALUE, FROM_ENV, FROM_FILE).stream().filter(options::has).count();
        if (sources > 1) {
            problems.add("only one of 'value', 'from_env' and 'from_file' may be given");
        }
        if (options.has(DEFAULT) && !options.has(FROM_ENV) && !options.has(FROM_FILE)) {
            problems.add("'default' applies only with 'from_env' or 'from_file'");
        }
        return problems;
    }

    @Override
    public Map<String, String> describe(StepOptions options, StepContext context) {
        String name = options.requiredString(NAME).strip();
        String shown;
        if (options.has(FROM_FILE)) {
            shown = "<from " + options.requiredString(FROM_FILE).strip() + ">";
        } else if (options.has(FROM_ENV)) {
            shown = "<from $" + options.requiredString(FROM_ENV).strip() + ">";
        } else if (options.has(VALUE)) {
            String value = options.requiredString(VALUE);
            shown = SecretMask.isSecret(name, value) ? SecretMask.MASK : value;
        } else {
            shown = "<must exist>";
        }
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(name, shown);
        return lines;
    }

    @Override
    public int run(StepOptions options, StepContext context) throws StepException {
        String name = options.requiredString(NAME).strip();
        String value;
        if (options.has(FROM_FILE)) {
            value = fromFile(options, context);
        } else if (options.has(FROM_ENV)) {
            value = fromEnvironment(options, context);
        } else if (options.has(VALUE) && !options.requiredString(VALUE).isEmpty()) {
            value = options.requiredString(VALUE);
        } else if (context.globals().containsKey(name)) {
            // 'value: ""' counts as no value, as in adept.py: the variable must be set already
            return 0;
        } else {
            throw new StepException("the global variable " + name + " is required but not set");
        }
        String substituted = context.substitute(value.strip(), context.baseEnvironment());
        context.setGlobal(name, context.substitute(substituted, context.globals()).strip());
        return 0;
    }

    private static String fromEnvironment(StepOptions options, StepContext context) throws StepException {
        String variable = options.requiredString(FROM_ENV).strip();
        String value = context.callerEnvironment().get(variable);
        if (value != null && !value.isBlank()) {
            return value;
        }
        return options.string(DEFAULT).orElseThrow(() -> new StepException("the environment variable " + variable
                + (value == null ? " is not set" : " is empty") + " and no 'default' is given"));
    }

    /** The file's contents; a missing file gets the default written into it. */
    private static String fromFile(StepOptions options, StepContext context) throws StepException {
        String written = options.requiredString(FROM_FILE).strip();
        Path file = StandardFiles.path(written, context);
        try {
            return Files.readString(file);
        } catch (NoSuchFileException missing) {
            String fallback = options.string(DEFAULT).orElseThrow(
                    () -> new StepException("the file " + file + " does not exist and no 'default' is given"));
            try {
                Files.writeString(file, fallback.strip());
            } catch (IOException e) {
                throw new StepException("cannot write the default into " + file + ": " + e.getMessage(), e);
            }
            return fallback.strip();
        } catch (IOException e) {
            throw new StepException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
