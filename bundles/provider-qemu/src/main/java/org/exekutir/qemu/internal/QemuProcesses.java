package org.exekutir.qemu.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's qemu, found by what its command line names (its QMP socket, unique to the host),
 * never by a pid alone: a pid file outlives its process, and pids are reused.
 */
final class QemuProcesses {

    private QemuProcesses() {
    }

    static List<ProcessHandle> of(Path socket) throws IOException {
        String marker = "unix:" + socket + ",";
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String commandLine = Files.readString(process.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                    if (commandLine.contains(marker)) {
                        ProcessHandle.of(Long.parseLong(process.getFileName().toString())).ifPresent(found::add);
                    }
                } catch (IOException | NumberFormatException e) {
                    // a process that ended meanwhile
                }
            }
        }
        return found;
    }

    static boolean allEnded(List<ProcessHandle> processes) {
        return processes.stream().noneMatch(ProcessHandle::isAlive);
    }

    static void awaitEnd(List<ProcessHandle> processes, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!allEnded(processes) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    static void kill(List<ProcessHandle> processes) throws InterruptedException, IOException {
        processes.forEach(ProcessHandle::destroyForcibly);
        awaitEnd(processes, 5_000);
        if (!allEnded(processes)) {
            throw new IOException("qemu " + processes.stream().filter(ProcessHandle::isAlive)
                    .map(process -> Long.toString(process.pid())).toList() + " survived SIGKILL");
        }
    }
}
