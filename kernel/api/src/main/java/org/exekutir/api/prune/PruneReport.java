package org.exekutir.api.prune;

import java.util.List;

/**
 * What one pruner did, with paths relative to the workspace.
 *
 * @param pruner   the pruner's name
 * @param removed  files and folders removed
 * @param redacted files in which lines were masked
 */
public record PruneReport(String pruner, List<String> removed, List<String> redacted) {

    public PruneReport {
        removed = List.copyOf(removed);
        redacted = List.copyOf(redacted);
    }
}
