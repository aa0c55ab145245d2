package org.exekutir.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.exekutir.launch.TransitionService;
import org.exekutir.launch.WorkspaceBusyException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * exekutir's Gogo commands (scope {@code exekutir}). Gogo calls {@link #_main} with the
 * command's name first, which lets the commands carry names with a dash.
 */
@Component(service = ConsoleCommands.class, property = {
        "osgi.command.scope=exekutir",
        "osgi.command.function=providers",
        "osgi.command.function=bundles",
        "osgi.command.function=install",
        "osgi.command.function=update",
        "osgi.command.function=remove",
        "osgi.command.function=start-transition",
        "osgi.command.function=transitions",
        "osgi.command.function=transition-log" })
public class ConsoleCommands {

    static final String HELP = """
            exekutir:providers                     named services of the five contracts
            exekutir:bundles                       id, state, symbolic name, version of every bundle
            exekutir:install FILE|URL              install and start a bundle (refused when it does not resolve)
            exekutir:update ID|NAME [FILE|URL]     update a bundle; refreshes only what depends on it
            exekutir:remove ID|NAME                uninstall a bundle
            exekutir:start-transition CONTEXT WORKSPACE FILE.xn [OPTIONAL...]
                                                   run a transition in the background
            exekutir:transitions                   running and finished transitions
            exekutir:transition-log ID             what a transition printed
            """;

    /** Dynamic: an engine update does not stop the console, nor the transitions it runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TransitionService engine;

    private BundleOperations bundles;
    private Providers providers;
    private Transitions transitions;

    @Activate
    void activate(BundleContext context) {
        String deploy = context.getProperty("felix.fileinstall.dir");
        bundles = new BundleOperations(context, deploy == null ? null : Path.of(deploy));
        providers = new Providers(context);
        transitions = new Transitions(() -> engine, Path.of(context.getProperty("exekutir.home")));
    }

    @Deactivate
    void deactivate() {
        transitions.stopAll();
    }

    /** Every command: {@code argv[0]} is its name, the rest its arguments. */
    public Object _main(Object[] argv) throws BundleException, WorkspaceBusyException, IOException {
        List<String> words = Arrays.stream(argv).map(String::valueOf).toList();
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (name) {
            case "providers" -> none(args, providers::table);
            case "bundles" -> none(args, bundles::list);
            case "install" -> bundles.install(exactly(1, args, "install FILE|URL").get(0));
            case "update" -> {
                between(1, 2, args, "update ID|NAME [FILE|URL]");
                yield bundles.update(args.get(0), args.size() > 1 ? args.get(1) : null);
            }
            case "remove" -> bundles.remove(exactly(1, args, "remove ID|NAME").get(0));
            case "start-transition" -> startTransition(args);
            case "transitions" -> none(args, transitions::table);
            case "transition-log" -> log(exactly(1, args, "transition-log ID").get(0));
            default -> throw new IllegalArgumentException("unknown command " + name + "\n" + HELP);
        };
    }

    private String startTransition(List<String> args) throws WorkspaceBusyException, IOException {
        if (args.size() < 3) {
            throw usage("start-transition CONTEXT WORKSPACE FILE.xn [OPTIONAL...]");
        }
        String optional = String.join(" ", args.subList(3, args.size())).strip();
        Transitions.Record record = transitions.start(args.get(0), args.get(1), args.get(2), optional);
        return "transition " + record.id() + " started: " + record.context() + " " + record.workspace() + " "
                + record.file() + "; log " + record.log() + "\n";
    }

    private String log(String id) throws IOException {
        if (!id.matches("\\d+")) {
            throw usage("transition-log ID");
        }
        Path log = transitions.get(Integer.parseInt(id)).log();
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String none(List<String> args, java.util.function.Supplier<String> command) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("this command takes no arguments: " + String.join(" ", args));
        }
        return command.get();
    }

    private static List<String> exactly(int count, List<String> args, String usage) {
        return between(count, count, args, usage);
    }

    private static List<String> between(int min, int max, List<String> args, String usage) {
        if (args.size() < min || args.size() > max) {
            throw usage(usage);
        }
        return args;
    }

    private static IllegalArgumentException usage(String usage) {
        return new IllegalArgumentException("usage: exekutir:" + usage);
    }
}
