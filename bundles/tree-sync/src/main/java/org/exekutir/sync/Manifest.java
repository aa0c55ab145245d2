package org.exekutir.sync;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every path of a tree, in path order (a folder before what it holds). */
public final class Manifest {

    private final TreeMap<String, TreeEntry> entries = new TreeMap<>();

    public Manifest add(TreeEntry entry) {
        entries.put(entry.path(), entry);
        return this;
    }

    public Optional<TreeEntry> get(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return the entries in path order */
    public Collection<TreeEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    public Map<String, TreeEntry> asMap() {
        return Collections.unmodifiableMap(entries);
    }

    public int size() {
        return entries.size();
    }
}
