package org.exekutir.netns.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;

/**
 * Runs the provider in a JVM of its own, so that tests can run it in another network namespace
 * ({@code nsenter --net=…}), from several processes at once, or kill it mid-creation.
 *
 * <pre>
 * create|destroy ROOT RANGE WORKSPACE [--stop-at STAGE] NAME...
 * </pre>
 * Prints {@code stage S} at each creation stage (and {@code paused S}, then waits forever, at
 * STAGE), {@code var NAME KEY=VALUE} for each host variable, {@code destroyed NAME BOOLEAN}.
 */
public final class NetnsMain {

    public static void main(String[] arguments) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(arguments));
        String action = args.remove(0);
        Path root = Path.of(args.remove(0));
        String range = args.remove(0);
        Path workspace = Path.of(args.remove(0));
        String stopAt = null;
        if (args.get(0).equals("--stop-at")) {
            args.remove(0);
            stopAt = args.remove(0);
        }
        PrintStream out = System.out;
        String pauseAt = stopAt;
        NetnsProvider provider = new NetnsProvider(stage -> {
            synchronized (out) {
                out.println("stage " + stage);
                out.flush();
            }
            if (stage.equals(pauseAt)) {
                out.println("paused " + stage);
                out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }, Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(args.size());
        List<Future<String>> results = new ArrayList<>();
        for (String name : args) {
            HostRequest request = request(name, root, range, workspace);
            results.add(threads.submit(() -> action.equals("create") ? varsLines(provider.discoverOrCreate(request), name)
                    : "destroyed " + name + " " + provider.destroy(request)));
        }
        int exit = 0;
        for (Future<String> result : results) {
            try {
                String text = result.get();
                synchronized (out) {
                    out.println(text);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println(e.getCause().getMessage());
                exit = 1;
            }
        }
        out.flush();
        System.exit(exit);
    }

    static HostRequest request(String name, Path root, String range, Path workspace) {
        return HostRequest.of(name, workspace, Map.of("netns_root", root.toString(), "netns_range", range),
                HostVars.of(name.substring(name.lastIndexOf('-') + 1),
                        Map.of(HostVars.PRIVATE_KEY_FILE, workspace.resolve("ssh/exekutir_key").toString())));
    }

    private static String varsLines(HostVars vars, String name) {
        StringBuilder text = new StringBuilder();
        vars.values().forEach((key, value) -> text.append("var ").append(name).append(' ').append(key).append('=')
                .append(value).append('\n'));
        return text.toString().strip();
    }
}
