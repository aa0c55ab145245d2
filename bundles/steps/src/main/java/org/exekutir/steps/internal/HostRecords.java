package org.exekutir.steps.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.exekutir.api.step.StepException;

/** The {@code hosts/} folder of a workspace: one record per host ever asked for. */
final class HostRecords {

    private final Layout layout;

    HostRecords(Layout layout) {
        this.layout = layout;
    }

    Optional<HostRecord> find(String name) throws StepException {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostRecord.fromMap(YamlFiles.readMap(file)));
        } catch (IOException | YamlFiles.BadYamlException | RuntimeException e) {
            throw new StepException("cannot read the host record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every record, sorted by name. */
    List<HostRecord> all() throws StepException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(layout.hosts())) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.hosts(), "*.yml")) {
                files.forEach(file -> names.add(file.getFileName().toString().replaceFirst("\\.yml$", "")));
            } catch (IOException e) {
                throw new StepException("cannot list " + layout.hosts() + ": " + e.getMessage(), e);
            }
        }
        names.sort(null);
        List<HostRecord> records = new ArrayList<>();
        for (String name : names) {
            find(name).ifPresent(records::add);
        }
        return records;
    }

    /**
     * Records the intent to create a host, before the provider is asked. A host that may
     * still exist keeps its first time (its age).
     */
    HostRecord intend(String name, String provider, String request) throws StepException {
        Optional<HostRecord> earlier = find(name).filter(HostRecord::mayExist);
        Instant now = Instant.now();
        HostRecord record = new HostRecord(name, provider, request, HostRecord.State.CREATING,
                earlier.map(HostRecord::since).orElse(now), now, Optional.empty());
        return write(record);
    }

    HostRecord write(HostRecord record) throws StepException {
        try {
            YamlFiles.write(file(record.name()), record.toMap(),
                    "exekutir's record of this host: cleanup destroys it unless its state is destroyed");
            return record;
        } catch (IOException e) {
            throw new StepException("cannot write the host record " + file(record.name()) + ": " + e.getMessage(), e);
        }
    }

    /** {@link #write}, or, when the record cannot be written, a line saying so; the record as meant either way. */
    HostRecord tryWrite(HostRecord record, PrintStream out) {
        try {
            return write(record);
        } catch (StepException e) {
            out.println(record.name() + ": " + e.getMessage() + "; going on (the record still says the host may "
                    + "exist, so a later cleanup looks again)");
            return record;
        }
    }

    Path file(String name) {
        return layout.hosts().resolve(name + ".yml");
    }
}
