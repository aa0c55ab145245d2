package org.exekutir.sync;

/**
 * What identifies one version of a file's content for the checksum cache: a content change
 * always moves {@code ctime}, which user space cannot set back, so an equal key means the
 * content has not been written since the key was taken.
 */
public record StatKey(long inode, long size, long mtimeNanos, long ctimeNanos) {

    /** Parses GNU find's {@code %T@}/{@code %C@} form ({@code 1700000000.1234567890}) into nanoseconds. */
    public static long nanosOf(String secondsDotFraction) {
        int dot = secondsDotFraction.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(secondsDotFraction) * 1_000_000_000L;
        }
        String fraction = (secondsDotFraction.substring(dot + 1) + "000000000").substring(0, 9);
        return Long.parseLong(secondsDotFraction.substring(0, dot)) * 1_000_000_000L + Long.parseLong(fraction);
    }
}
