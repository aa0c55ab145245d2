package org.exekutir.api.playbook;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One playbook run, with every path absolute. Made by a {@link Builder}, so that a later
 * version can ask a runner for more (a new builder method and accessor, absent by default)
 * without breaking the runners compiled against this one.
 */
public final class PlaybookRun {

    private final Path playbook;
    private final Optional<Path> inventory;
    private final Optional<Path> varsFile;
    private final Optional<String> limit;
    private final Optional<Path> config;
    private final Map<String, String> extraVars;
    private final List<String> arguments;
    private final Map<String, String> environment;

    private PlaybookRun(Builder builder) {
        playbook = builder.playbook;
        inventory = builder.inventory;
        varsFile = builder.varsFile;
        limit = builder.limit;
        config = builder.config;
        extraVars = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraVars));
        arguments = List.copyOf(builder.arguments);
        environment = Map.copyOf(builder.environment);
    }

    /** @param playbook the playbook; its folder is the working directory */
    public static Builder builder(Path playbook) {
        return new Builder(playbook);
    }

    /** @return the playbook; its folder is the working directory */
    public Path playbook() {
        return playbook;
    }

    /** @return the inventory, when one is named */
    public Optional<Path> inventory() {
        return inventory;
    }

    /** @return a file of extra variables, when it exists */
    public Optional<Path> varsFile() {
        return varsFile;
    }

    /** @return a host pattern limiting the run, when one is given */
    public Optional<String> limit() {
        return limit;
    }

    /** @return the runner's configuration file, when one is named */
    public Optional<Path> config() {
        return config;
    }

    /** @return variables always passed ({@code adept_context}, {@code workspace}, …), in order */
    public Map<String, String> extraVars() {
        return extraVars;
    }

    /** @return further arguments, already split like a shell (the OPTIONAL words) */
    public List<String> arguments() {
        return arguments;
    }

    /** @return the complete environment of the run */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlaybookRun that && playbook.equals(that.playbook) && inventory.equals(that.inventory)
                && varsFile.equals(that.varsFile) && limit.equals(that.limit) && config.equals(that.config)
                && extraVars.equals(that.extraVars) && arguments.equals(that.arguments)
                && environment.equals(that.environment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(playbook, inventory, varsFile, limit, config, extraVars, arguments, environment);
    }

    /** Names the playbook only: variables and environment may hold secrets. */
    @Override
    public String toString() {
        return "PlaybookRun[" + playbook + "]";
    }

    /** Collects a run; every part but the playbook is optional (absent, or empty). */
    public static final class Builder {
        private final Path playbook;
        private Optional<Path> inventory = Optional.empty();
        private Optional<Path> varsFile = Optional.empty();
        private Optional<String> limit = Optional.empty();
        private Optional<Path> config = Optional.empty();
        private Map<String, String> extraVars = Map.of();
        private List<String> arguments = List.of();
        private Map<String, String> environment = Map.of();

        private Builder(Path playbook) {
            this.playbook = Objects.requireNonNull(playbook, "playbook");
        }

        public Builder inventory(Optional<Path> inventory) {
            this.inventory = Objects.requireNonNull(inventory, "inventory");
            return this;
        }

        public Builder varsFile(Optional<Path> varsFile) {
            this.varsFile = Objects.requireNonNull(varsFile, "varsFile");
            return this;
        }

        public Builder limit(Optional<String> limit) {
            this.limit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        public Builder config(Optional<Path> config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder extraVars(Map<String, String> extraVars) {
            this.extraVars = Objects.requireNonNull(extraVars, "extraVars");
            return this;
        }

        public Builder arguments(List<String> arguments) {
            this.arguments = Objects.requireNonNull(arguments, "arguments");
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public PlaybookRun build() {
            return new PlaybookRun(this);
        }
    }
}
