package org.exekutir.console.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exekutir.launch.ControlCommands;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * exekutir's console commands, answered over the daemon's control socket (which has
 * admitted the caller). A fixed set of operations — no shell, no expressions, no method
 * calls — so that nothing reachable through the channel can do more than these.
 */
@Component(service = ControlCommands.class)
public class ConsoleCommands implements ControlCommands {

    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("providers", "providers                   named services of the five contracts");
        HELP.put("bundles", "bundles                     id, state, name, version, origin, SHA-256 and features of every bundle");
        HELP.put("install", "install FILE|URL|G:A:V      install and start a bundle (by Maven coordinates: with the "
                + "bundles it needs, all or nothing; refused when it does not resolve)");
        HELP.put("update", "update ID|NAME [FILE|URL]   update a bundle; refreshes only what depends on it");
        HELP.put("remove", "remove ID|NAME              uninstall a bundle");
        HELP.put("features", "features                    installed features: name, version, bundles, descriptor");
        HELP.put("feature-install", "feature-install NAME|FILE   install or update a feature's bundles as one unit");
        HELP.put("feature-remove", "feature-remove NAME         remove a feature (bundles another feature uses stay)");
    }

    private BundleOperations bundles;
    private Features features;
    private Providers providers;

    @Activate
    void activate(BundleContext context) {
        String deploy = context.getProperty(DeployFolder.PROPERTY);
        String home = context.getProperty("exekutir.home");
        Path runtime = Path.of(home == null ? "." : home);
        bundles = new BundleOperations(context, deploy == null ? null : Path.of(deploy), runtime, Trust.of(context));
        features = bundles.features(runtime.resolve("features"));
        providers = new Providers(context);
    }

    @Override
    public Map<String, String> commands() {
        return HELP;
    }

    @Override
    public String execute(String name, List<String> args) throws Exception {
        return switch (name) {
            case "providers" -> none(args, providers::table);
            case "bundles" -> none(args, bundles::list);
            case "install" -> bundles.install(exactly(1, args, "install FILE|URL").get(0));
            case "update" -> {
                between(1, 2, args, "update ID|NAME [FILE|URL]");
                yield bundles.update(args.get(0), args.size() > 1 ? args.get(1) : null);
            }
            case "remove" -> bundles.remove(exactly(1, args, "remove ID|NAME").get(0));
            case "features" -> none(args, features::list);
            case "feature-install" -> features.install(exactly(1, args, "feature-install NAME|FILE").get(0));
            case "feature-remove" -> features.remove(exactly(1, args, "feature-remove NAME").get(0));
            default -> throw new IllegalArgumentException("unknown command " + name);
        };
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
            throw new IllegalArgumentException("usage: " + usage);
        }
        return args;
    }
}
