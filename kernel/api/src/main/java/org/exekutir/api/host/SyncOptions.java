package org.exekutir.api.host;

import java.util.List;
import java.util.Objects;

/**
 * How a tree is synchronised (rsync semantics): files are compared by checksum, not
 * clock; symbolic links are copied as the files they point to; modes are kept. A value
 * that may gain settings in a minor version (a wither each, with today's behaviour as
 * the default), so it is made by {@link #of} rather than a record's constructor.
 */
public final class SyncOptions {

    private final boolean delete;
    private final List<String> excludes;
    private final List<String> protect;

    private SyncOptions(boolean delete, List<String> excludes, List<String> protect) {
        this.delete = delete;
        this.excludes = List.copyOf(excludes);
        this.protect = List.copyOf(protect);
    }

    /**
     * @param delete   remove files at the destination that the source does not have
     * @param excludes glob patterns (relative to the tree's root) never sent
     * @param protect  glob patterns never overwritten or deleted at the destination
     */
    public static SyncOptions of(boolean delete, List<String> excludes, List<String> protect) {
        return new SyncOptions(delete, excludes, protect);
    }

    public boolean delete() {
        return delete;
    }

    public List<String> excludes() {
        return excludes;
    }

    public List<String> protect() {
        return protect;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncOptions that && delete == that.delete && excludes.equals(that.excludes)
                && protect.equals(that.protect);
    }

    @Override
    public int hashCode() {
        return Objects.hash(delete, excludes, protect);
    }

    @Override
    public String toString() {
        return "SyncOptions[delete=" + delete + ", excludes=" + excludes + ", protect=" + protect + "]";
    }
}
