package org.exekutir.engine.internal.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.exekutir.engine.internal.ShellWords;
import org.exekutir.processes.ChildProcesses;
import org.osgi.service.component.annotations.Component;

/**
 * {@code command}: runs a program directly (no shell unless the program is one), in the
 * workspace, with the children's environment, output streamed live.
 */
@Component
@ExekutirName("command")
public class CommandStep implements StepType {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("filepath", OptionType.STRING),
            OptionSpec.optional("arguments", OptionType.STRING),
            OptionSpec.optional(StandardFiles.STDOUT, OptionType.STRING),
            OptionSpec.optional(StandardFiles.STDERR, OptionType.STRING),
            OptionSpec.optional(StandardFiles.EXIT, OptionType.STRING));

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public List<String> check(StepOptions options) {
        try {
            options.string("arguments").ifPresent(ShellWords::split);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("'arguments' cannot be split like a shell: " + e.getMessage());
        }
    }

    @Override
    public Map<String, String> describe(StepOptions options, StepContext context) {
        Map<String, String> lines = new LinkedHashMap<>();
        try {
            lines.put("cmd", ShellWords.join(commandLine(options, context)));
        } catch (IllegalArgumentException e) {
            lines.put("cmd", options.requiredString("filepath"));
        }
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
        List<String> command;
        try {
            command = commandLine(options, context);
        } catch (IllegalArgumentException e) {
            throw new StepException("'arguments' cannot be split like a shell after substitution: " + e.getMessage());
        }
        if (!Files.exists(Path.of(command.get(0)))) {
            throw new StepException("the program " + command.get(0) + " does not exist");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(context.workspace().toFile());
        builder.environment().clear();
        builder.environment().putAll(context.childEnvironment());
        try {
            return ChildProcesses.run(builder, files.output(context.console(), false));
        } catch (IOException e) {
            throw new StepException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The program (absolute) and its arguments, substituted from the environment, then split. */
    private static List<String> commandLine(StepOptions options, StepContext context) {
        Map<String, String> env = context.baseEnvironment();
        String program = context.substitute(options.requiredString("filepath").strip(), env);
        List<String> command = new ArrayList<>();
        command.add(context.resolve(program).toString());
        options.string("arguments").ifPresent(args -> command.addAll(ShellWords.split(context.substitute(args, env))));
        return command;
    }
}
