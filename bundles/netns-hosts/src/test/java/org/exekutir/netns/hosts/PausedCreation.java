package org.exekutir.netns.hosts;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;

/**
 * A creation in a JVM of its own that stops at a stage and waits there, to be killed with
 * SIGKILL as a crash would: the provider's {@code (CreationObserver, Clock)} constructor
 * tells it the stages.
 */
public final class PausedCreation {

    private PausedCreation() {
    }

    /** Starts the creation; returns once it reached the stage (its JVM then waits to be killed). */
    public static Process start(Class<? extends VmProvider> provider, String stage, String name, Path workspace,
            Path key, Map<String, Object> settings, List<Class<?>> classPath) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classPath(classPath), PausedCreation.class.getName(), provider.getName(), stage, name,
                workspace.toString(), key.toString()));
        settings.forEach((setting, value) -> command.add(setting + "=" + value));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null;) {
            if (line.equals("paused " + stage)) {
                return process;
            }
        }
        throw new AssertionError("the creation ended before " + stage);
    }

    public static void main(String[] arguments) throws Exception {
        String stage = arguments[1];
        CreationObserver pausing = reached -> {
            if (reached.equals(stage)) {
                System.out.println("paused " + stage);
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        };
        Constructor<?> constructor = Class.forName(arguments[0]).getDeclaredConstructor(CreationObserver.class,
                Clock.class);
        constructor.setAccessible(true);
        VmProvider provider = (VmProvider) constructor.newInstance(pausing, Clock.systemUTC());
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 5; i < arguments.length; i++) {
            String[] pair = arguments[i].split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        provider.discoverOrCreate(HostRequest.of(arguments[2], Path.of(arguments[3]), settings,
                HostVars.of(arguments[2], Map.of(HostVars.PRIVATE_KEY_FILE, arguments[4]))));
        System.exit(3);
    }

    private static String classPath(List<Class<?>> types) throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        List<Class<?>> all = new ArrayList<>(types);
        all.addAll(List.of(PausedCreation.class, HostCreation.class, HostRequest.class,
                org.exekutir.processes.ChildProcesses.class, org.exekutir.sync.files.Folders.class));
        for (Class<?> type : all) {
            String entry = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(":", entries);
    }
}
