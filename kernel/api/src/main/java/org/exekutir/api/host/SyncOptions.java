package org.exekutir.api.host;

import java.util.List;

/**
 * How a tree is synchronised (rsync semantics): files are compared by checksum, not
 * clock; symbolic links are copied as the files they point to; modes are kept.
 *
 * @param delete   remove files at the destination that the source does not have
 * @param excludes glob patterns (relative to the tree's root) never sent
 * @param protect  glob patterns never overwritten or deleted at the destination
 */
public record SyncOptions(boolean delete, List<String> excludes, List<String> protect) {

    public SyncOptions {
        excludes = List.copyOf(excludes);
        protect = List.copyOf(protect);
    }
}
