package org.exekutir.api.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a provider is asked for. A value made by the engine; a later version may carry more
 * (a new accessor, and a wither that sets it), which is why it is not a record: a record's
 * constructor changes with every field it gains.
 */
public final class HostRequest {

    private final String name;
    private final Path workspace;
    private final Map<String, Object> settings;
    private final HostVars known;
    private final Consumer<String> progress;

    private static final Consumer<String> NO_PROGRESS = line -> {
    };

    private HostRequest(String name, Path workspace, Map<String, Object> settings, HostVars known,
            Consumer<String> progress) {
        this.name = Objects.requireNonNull(name, "name");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.settings = Map.copyOf(settings);
        this.known = Objects.requireNonNull(known, "known");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * @param name      the host's name, unique to the job (it carries the job's uuid), so a
     *                  provider can find a host it created earlier by name alone
     * @param workspace the job's workspace, where a provider may keep files it needs later
     * @param settings  the job's configuration ({@code exekutir_vars.yml} and inventory vars)
     * @param known     the host's variables recorded so far; empty for a host never created
     */
    public static HostRequest of(String name, Path workspace, Map<String, Object> settings, HostVars known) {
        return new HostRequest(name, workspace, settings, known, NO_PROGRESS);
    }

    public String name() {
        return name;
    }

    public Path workspace() {
        return workspace;
    }

    public Map<String, Object> settings() {
        return settings;
    }

    public HostVars known() {
        return known;
    }

    /**
     * Where a provider tells, a line at a time, what a long creation or destruction is doing
     * (building an image, booting): the engine shows each line in the job's output, under the
     * host's name. Lines must never carry secrets.
     *
     * @return never {@code null}; a request made by {@link #of} ignores what it is told
     * @since 2.1
     */
    public Consumer<String> progress() {
        return progress;
    }

    /** @return this request for a host whose recorded variables are {@code known} */
    public HostRequest withKnown(HostVars known) {
        return new HostRequest(name, workspace, settings, known, progress);
    }

    /**
     * @return this request, telling its progress to {@code progress}
     * @since 2.1
     */
    public HostRequest withProgress(Consumer<String> progress) {
        return new HostRequest(name, workspace, settings, known, progress);
    }

    /** Where progress goes is not part of what is asked. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HostRequest that && name.equals(that.name) && workspace.equals(that.workspace)
                && settings.equals(that.settings) && known.equals(that.known);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, workspace, settings, known);
    }

    /** Names the host and workspace only: settings may hold secrets. */
    @Override
    public String toString() {
        return "HostRequest[" + name + " in " + workspace + "]";
    }
}
