package org.exekutir.sync;

/**
 * One path of a tree.
 *
 * @param path  relative to the tree's root, {@code /} separated; {@code ""} is the root itself
 * @param mode  permission bits (0777; setuid, setgid and sticky bits are not carried)
 * @param size  bytes of a file's content; 0 for folders
 * @param mtimeSeconds last modification, kept on the copy as {@code rsync -a} does
 * @param key   the checksum cache's key, {@code null} when unknown
 */
public record TreeEntry(String path, EntryType type, int mode, long size, long mtimeSeconds, StatKey key) {

    public boolean isFile() {
        return type == EntryType.FILE;
    }

    public boolean isDir() {
        return type == EntryType.DIR;
    }

    /** @return the parent's relative path ({@code ""} for a top-level path) */
    public static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** @return the last name of a relative path */
    public static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
