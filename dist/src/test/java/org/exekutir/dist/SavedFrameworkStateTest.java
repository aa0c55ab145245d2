package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One-shot runs start from the framework state the first run of a bundle set saved in the
 * user's cache, and a state that does not match the bundle folder is never used. Always
 * one-shot ({@code --no-daemon}): a daemon starts its framework once.
 */
class SavedFrameworkStateTest extends WorkspaceTest {

    @Test
    void theFirstRunSavesTheStateTheNextStartsFromAndAStateThatDoesNotMatchIsNotUsed() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path xn = write(tmp.resolve("job.xn"), "- command: {filepath: /bin/sh, arguments: \"-c 'echo ran >> out.txt'\"}\n");
        Path states = cache.resolve("exekutir/framework");

        assertEquals("installed", startedFrom(cache, xn), "an empty cache: every bundle installed");
        List<Path> saved = list(states);
        assertEquals(1, saved.size(), "one state saved: " + saved);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(states)));

        assertEquals("saved state", startedFrom(cache, xn), "the second run starts from the saved state");
        assertEquals(saved, list(states), "and saves nothing more");

        // a state that lost a bundle's record (damaged, or written by hand) is not the bundle set
        Path lastBundle = list(saved.get(0)).stream().filter(path -> path.getFileName().toString().matches("bundle\\d+"))
                .max(Comparator.comparingInt(path -> Integer.parseInt(path.getFileName().toString().substring(6))))
                .orElseThrow();
        NetnsJob.deleteTree(lastBundle);
        assertEquals("installed", startedFrom(cache, xn), "a state that does not match: installed as on a first run");

        assertEquals("ran\nran\nran\n", Exekutir.read(ws.resolve("out.txt")), "each run ran its entry");
    }

    /** Runs the transition one-shot with this cache; returns how the kernel got its bundles. */
    private String startedFrom(Path cache, Path xn) {
        Exekutir.Result result = new Exekutir(Exekutir.HOME.resolve("bin/exekutir")).env("XDG_CACHE_HOME", cache.toString())
                .in(ws).run("--no-daemon", "--verbose", "setup", ws.toString(), xn.toString());
        assertEquals(0, result.exit(), result::toString);
        String marker = "bundles (";
        String line = result.stderr().lines().filter(text -> text.contains("kernel started") && text.contains(marker))
                .findFirst().orElseThrow(() -> new AssertionError("no start line in " + result));
        int from = line.indexOf(marker) + marker.length();
        return line.substring(from, line.indexOf(')', from));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        }
    }
}
