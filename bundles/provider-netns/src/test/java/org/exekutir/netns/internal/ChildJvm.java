package org.exekutir.netns.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.exekutir.processes.ChildProcesses;

/** {@link NetnsMain} in a JVM of its own, optionally inside a network namespace. */
final class ChildJvm {

    private ChildJvm() {
    }

    static ProcessBuilder builder(String namespaceOrNull, Fixture fixture, String range, String action,
            List<String> options, List<String> names) {
        List<String> command = new ArrayList<>();
        if (namespaceOrNull != null) {
            command.addAll(List.of("nsenter", "--net=/run/netns/" + namespaceOrNull, "--"));
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", classPath(),
                NetnsMain.class.getName(), action, fixture.root.toString(), range, fixture.workspace.toString()));
        command.addAll(options);
        command.addAll(names);
        return new ProcessBuilder(command);
    }

    /** Runs it to the end; returns its exit code and everything it printed. */
    static Machine.Result run(String namespaceOrNull, Fixture fixture, String action, String... names)
            throws IOException, InterruptedException {
        return runInRange(namespaceOrNull, fixture, Fixture.RANGE, action, names);
    }

    static Machine.Result runInRange(String namespaceOrNull, Fixture fixture, String range, String action,
            String... names)
            throws IOException, InterruptedException {
        Process process = builder(namespaceOrNull, fixture, range, action, List.of(), List.of(names))
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the provider's JVM hung");
        }
        return new Machine.Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Starts a creation that pauses at the stage; returns once it got there. */
    static Process pausedAt(String stage, Fixture fixture, String name) throws IOException {
        Process process = builder(null, fixture, Fixture.RANGE, "create", List.of("--stop-at", stage), List.of(name))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null;) {
            if (line.equals("paused " + stage)) {
                return process;
            }
        }
        throw new AssertionError("the creation ended before " + stage);
    }

    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(NetnsMain.class, NetnsProvider.class, ChildProcesses.class,
                org.exekutir.api.host.HostVars.class)) {
            try {
                String entry = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!entries.contains(entry)) {
                    entries.add(entry);
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(":", entries);
    }
}
