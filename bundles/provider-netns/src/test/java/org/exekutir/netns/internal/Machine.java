package org.exekutir.netns.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a person at the machine would look at: `ip netns`, `ip link`, `ps`, the file system. */
final class Machine {

    private Machine() {
    }

    /** Output of a command; a failure (or a command that hangs for a minute) fails the test. */
    static String run(String... command) throws IOException, InterruptedException {
        Result result = attempt(command);
        if (result.exitCode() != 0) {
            throw new AssertionError("`" + String.join(" ", command) + "` failed (" + result.exitCode() + "): "
                    + result.output());
        }
        return result.output();
    }

    record Result(int exitCode, String output) {
    }

    static Result attempt(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("`" + String.join(" ", command) + "` hung");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static List<String> namespaces() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : run("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    /** Link names of the namespace this JVM runs in. */
    static List<String> links() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : run("ip", "-o", "link", "show").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.split(":\\s+")[1].split("@")[0]);
            }
        }
        return names;
    }

    /** Pids of live processes whose command line mentions the text (a host's folder, say). */
    static List<Long> processesMentioning(String text) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                try {
                    byte[] commandLine = Files.readAllBytes(entry.resolve("cmdline"));
                    String joined = new String(commandLine, StandardCharsets.UTF_8).replace('\0', ' ');
                    if (joined.contains(text) && Long.parseLong(entry.getFileName().toString()) != ProcessHandle.current().pid()) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        return pids;
    }

    /** Runs a command in a namespace the way a person would, with nsenter. */
    static String[] in(String namespace, String... command) {
        List<String> all = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + namespace, "--"));
        all.addAll(Arrays.asList(command));
        return all.toArray(String[]::new);
    }
}
