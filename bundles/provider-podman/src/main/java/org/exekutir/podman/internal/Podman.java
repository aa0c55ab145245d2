package org.exekutir.podman.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.exekutir.netns.hosts.Commands;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.Programs;

/** The {@code podman} commands the provider drives, each with the configured global options. */
final class Podman {

    /**
     * How long a container's systemd gets to halt on {@code podman rm -f} before SIGKILL: it
     * halts in a fraction of a second, but waits for ssh sessions a playbook's ssh master keeps
     * open; a throw-away host has nothing to save, so not for long.
     */
    private static final String STOP_SECONDS = "3";

    private final Commands commands;
    private final Path program;
    private final List<String> globalOptions;

    Podman(Commands commands, List<String> globalOptions) throws NetnsException {
        this.commands = commands;
        this.program = Programs.locate("podman", "podman");
        this.globalOptions = globalOptions;
    }

    private List<String> podman(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(globalOptions);
        command.addAll(arguments);
        return command;
    }

    boolean imageExists(String tag) throws IOException, InterruptedException {
        return commands.run(podman(List.of("image", "exists", tag))).succeeded();
    }

    void importImage(Path tar, String tag) throws IOException, InterruptedException {
        commands.check(podman(List.of("import", "--quiet", tar.toString(), tag)));
    }

    /** @return the container's state (running, exited, created, …); empty when there is none */
    Optional<String> state(String container) throws IOException, InterruptedException {
        Commands.Result result = commands.run(podman(List.of("container", "inspect", "--format",
                "{{.State.Status}}", container)));
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    /** @return the folder of podman's storage on this machine */
    String graphRoot() throws IOException, InterruptedException {
        return commands.check(podman(List.of("info", "--format", "{{.Store.GraphRoot}}"))).strip();
    }

    void run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("run", "--detach"));
        command.addAll(arguments);
        commands.check(podman(command));
    }

    Commands.Result start(String container) throws IOException, InterruptedException {
        return commands.run(podman(List.of("start", container)));
    }

    /** Removes the container and its storage; one that is gone already is no failure. */
    void remove(String container) throws IOException, InterruptedException {
        Commands.Result result = commands.run(podman(List.of("rm", "--force", "--time", STOP_SECONDS, container)));
        if (!result.succeeded() && state(container).isPresent()) {
            throw result.failure();
        }
    }

    /** The end of what the container printed (its systemd), for a message. */
    String logTail(String container) throws InterruptedException {
        try {
            Commands.Result result = commands.run(podman(List.of("logs", "--tail", "10", container)));
            String text = (result.stdout() + result.stderr()).strip();
            return text.isEmpty() ? "" : "; the end of its log:\n  " + text.replace("\n", "\n  ");
        } catch (IOException e) {
            return "";
        }
    }
}
