package org.exekutir.sync;

/** What a path in a tree is. Sources only hold files and folders (links are followed). */
public enum EntryType {
    FILE,
    DIR,
    /** A destination's symbolic link, socket or device: never equal to anything sent, so replaced. */
    OTHER
}
