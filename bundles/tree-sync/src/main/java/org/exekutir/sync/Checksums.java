package org.exekutir.sync;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Gives the checksums of one side's files, in one batch (one round trip for a remote side). */
@FunctionalInterface
public interface Checksums {

    /** @return path → lowercase hex MD5 of the content, for every file asked */
    Map<String, String> of(List<TreeEntry> files) throws IOException, InterruptedException;
}
