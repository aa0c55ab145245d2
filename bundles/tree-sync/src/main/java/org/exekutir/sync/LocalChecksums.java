package org.exekutir.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checksums of a local tree's files, from its {@link ChecksumCache} when the cache can be trusted. */
public final class LocalChecksums implements Checksums {

    private final Path root;
    private final ChecksumCache cache;
    private int computed;

    public LocalChecksums(Path root, ChecksumCache cache) {
        this.root = root;
        this.cache = cache;
    }

    @Override
    public Map<String, String> of(List<TreeEntry> files) throws IOException, InterruptedException {
        Map<String, String> sums = new HashMap<>();
        for (TreeEntry file : files) {
            if (Thread.interrupted()) {
                throw new InterruptedException("checksums of " + root);
            }
            String sum = cache.lookup(file.path(), file.key()).orElse(null);
            if (sum == null) {
                long readSecond = System.currentTimeMillis() / 1000;
                sum = Md5.of(root.resolve(file.path()));
                computed++;
                if (file.key() != null) {
                    cache.record(file.path(), file.key(), readSecond, sum);
                }
            }
            sums.put(file.path(), sum);
        }
        return sums;
    }

    /** @return how many files were read because the cache had no trusted entry */
    public int computed() {
        return computed;
    }
}
