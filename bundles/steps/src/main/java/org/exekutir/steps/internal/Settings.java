package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.exekutir.api.step.StepException;

/**
 * A workspace's {@code exekutir_vars.yml}: the job's settings, checked when read, so a
 * bad value stops a step before it does anything, with the file, the line and what is wrong.
 */
final class Settings {

    static final String UUID = "uuid";
    static final String JOB_PATH = "job_path";
    static final String KOMMANDIR_PROVIDER = "kommandir_provider";
    static final String PEON_PROVIDER = "peon_provider";
    static final String PEON_PARALLELISM = "peon_parallelism";
    static final String STONITH = "stonith";
    static final String TOO_OLD = "too_old";
    static final String ADEPT_DEBUG = "adept_debug";

    static final String DEFAULT_KOMMANDIR_PROVIDER = "local";
    static final String DEFAULT_PEON_PROVIDER = "netns";
    static final int DEFAULT_PEON_PARALLELISM = 10;
    static final double DEFAULT_TOO_OLD_DAYS = 3;

    /** Keys the steps and transports read (providers and pruners name their own). */
    static final Set<String> OWN_KEYS = Set.of(UUID, JOB_PATH, KOMMANDIR_PROVIDER, PEON_PROVIDER, PEON_PARALLELISM,
            STONITH, TOO_OLD, ADEPT_DEBUG, "exekutir_sync_retries");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Path file;
    private final Map<String, Object> values;
    private final Map<String, Integer> lines;

    private Settings(Path file, Map<String, Object> values, Map<String, Integer> lines) {
        this.file = file;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.lines = lines;
    }

    /** Reads and checks the workspace's settings. */
    static Settings read(Layout layout) throws StepException {
        Path file = layout.settings();
        if (Files.isDirectory(file)) {
            throw new StepException(file + " is a folder; it must be the job's settings file (a YAML map)");
        }
        if (!Files.isRegularFile(file)) {
            throw new StepException(file + " does not exist; the workspace step of setup creates it");
        }
        YamlFiles.Document document;
        try {
            document = YamlFiles.read(file);
        } catch (IOException e) {
            throw new StepException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (YamlFiles.BadYamlException e) {
            throw new StepException(e.getMessage());
        }
        Settings settings = new Settings(file, document.values(), document.lines());
        settings.check();
        return settings;
    }

    static Settings of(Path file, Map<String, Object> values) throws StepException {
        Settings settings = new Settings(file, values, Map.of());
        settings.check();
        return settings;
    }

    private void check() throws StepException {
        String uuid = text(UUID).orElseThrow(() -> problem(UUID, "is missing; it names this job's hosts"));
        if (!NAME.matcher(uuid).matches()) {
            throw problem(UUID, "'" + uuid + "' must be letters, digits, '.', '_' and '-'");
        }
        for (String key : new String[] {KOMMANDIR_PROVIDER, PEON_PROVIDER}) {
            Optional<String> name = text(key);
            if (values.containsKey(key) && (name.isEmpty() || !NAME.matcher(name.get()).matches())) {
                throw problem(key, "'" + values.get(key) + "' is not a provider name");
            }
        }
        peonParallelism();
        tooOldDays();
        stonith();
        adeptDebug();
        if (values.containsKey(JOB_PATH) && text(JOB_PATH).isEmpty()) {
            throw problem(JOB_PATH, "must be the folder of the job's files");
        }
    }

    Path file() {
        return file;
    }

    /** Every setting, for providers and pruners. */
    Map<String, Object> values() {
        return values;
    }

    String uuid() {
        return text(UUID).orElseThrow();
    }

    String kommandirProvider() {
        return text(KOMMANDIR_PROVIDER).orElse(DEFAULT_KOMMANDIR_PROVIDER);
    }

    String peonProvider() {
        return text(PEON_PROVIDER).orElse(DEFAULT_PEON_PROVIDER);
    }

    int peonParallelism() throws StepException {
        Object value = values.get(PEON_PARALLELISM);
        if (value == null) {
            return DEFAULT_PEON_PARALLELISM;
        }
        if (value instanceof Integer number && number >= 1) {
            return number;
        }
        throw problem(PEON_PARALLELISM, "'" + value + "' must be a whole number of 1 or more");
    }

    double tooOldDays() throws StepException {
        Object value = values.get(TOO_OLD);
        if (value == null) {
            return DEFAULT_TOO_OLD_DAYS;
        }
        if (value instanceof Number number && number.doubleValue() >= 0) {
            return number.doubleValue();
        }
        throw problem(TOO_OLD, "'" + value + "' must be a number of days (0 or more)");
    }

    boolean stonith() throws StepException {
        return flag(STONITH);
    }

    boolean adeptDebug() throws StepException {
        return flag(ADEPT_DEBUG);
    }

    /** The job's folder: as written, or relative to the workspace; the distribution's quickstart job when unset. */
    Path jobPath(Path home) {
        return text(JOB_PATH).map(path -> file.getParent().resolve(path).normalize())
                .orElse(home.resolve("jobs").resolve("quickstart"));
    }

    /** Whether the key is written in the file (rather than defaulted). */
    boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * A key that is not a setting but one edit away from one ({@code stonit}, {@code too_lod}):
     * a typo that would silently leave the setting at its default. Other unknown keys are the
     * job's own, for its playbooks, and stay legal.
     */
    Optional<StepException> typo(Set<String> known) {
        for (String key : values.keySet()) {
            if (known.contains(key)) {
                continue;
            }
            for (String setting : known) {
                if (EditDistance.atMostOne(key, setting)) {
                    return Optional.of(problem(key, "is not a setting; did you mean " + setting + "?"));
                }
            }
        }
        return Optional.empty();
    }

    /** A message about one key: the file, the key's line, and what is wrong. */
    StepException problem(String key, String message) {
        Integer line = lines.get(key);
        return new StepException(file + (line == null ? "" : ", line " + line) + ": " + key + " " + message);
    }

    private boolean flag(String key) throws StepException {
        Object value = values.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw problem(key, "'" + value + "' must be true or false");
    }

    private Optional<String> text(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Map || value instanceof java.util.Collection) {
            return Optional.empty();
        }
        String text = value.toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
