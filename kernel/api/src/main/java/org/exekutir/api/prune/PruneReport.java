package org.exekutir.api.prune;

import java.util.List;
import java.util.Objects;

/**
 * What one pruner did, with paths relative to the workspace. Made by {@link #of}, not a
 * record's constructor, so that a later version can report more in a minor release.
 */
public final class PruneReport {

    private final String pruner;
    private final List<String> removed;
    private final List<String> redacted;

    private PruneReport(String pruner, List<String> removed, List<String> redacted) {
        this.pruner = Objects.requireNonNull(pruner, "pruner");
        this.removed = List.copyOf(removed);
        this.redacted = List.copyOf(redacted);
    }

    /**
     * @param pruner   the pruner's name
     * @param removed  files and folders removed
     * @param redacted files in which lines were masked
     */
    public static PruneReport of(String pruner, List<String> removed, List<String> redacted) {
        return new PruneReport(pruner, removed, redacted);
    }

    public String pruner() {
        return pruner;
    }

    public List<String> removed() {
        return removed;
    }

    public List<String> redacted() {
        return redacted;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PruneReport that && pruner.equals(that.pruner) && removed.equals(that.removed)
                && redacted.equals(that.redacted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pruner, removed, redacted);
    }

    @Override
    public String toString() {
        return "PruneReport[" + pruner + ": removed " + removed + ", redacted " + redacted + "]";
    }
}
