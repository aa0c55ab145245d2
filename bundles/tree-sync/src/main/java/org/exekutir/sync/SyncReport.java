package org.exekutir.sync;

import java.util.List;

/**
 * What one sync did: a no-change re-sync reports zero files and bytes sent.
 *
 * @param filesSent     files whose content was transferred
 * @param bytesSent     content bytes transferred (framing not counted)
 * @param deleted       destination paths removed (a folder counts once)
 * @param dirsCreated   folders created
 * @param modesChanged  modes set on paths whose content was already right
 * @param unchanged     files left as they were
 * @param checksummed   files whose content was read to compare checksums (cache misses, both sides)
 * @param attempts      attempts it took (more than one after a dropped connection)
 * @param skipped       source paths left out (broken links, loops) and conflicts with protected paths
 */
public record SyncReport(int filesSent, long bytesSent, int deleted, int dirsCreated, int modesChanged, int unchanged,
        int checksummed, int attempts, List<String> skipped) {

    public SyncReport {
        skipped = List.copyOf(skipped);
    }

    public SyncReport withAttempts(int count) {
        return new SyncReport(filesSent, bytesSent, deleted, dirsCreated, modesChanged, unchanged, checksummed, count,
                skipped);
    }

    @Override
    public String toString() {
        return filesSent + " files sent (" + bytesSent + " bytes), " + deleted + " deleted, " + dirsCreated
                + " folders created, " + modesChanged + " modes set, " + unchanged + " unchanged, " + checksummed
                + " checksummed, " + attempts + " attempt(s)" + (skipped.isEmpty() ? "" : ", skipped " + skipped);
    }
}
