package org.exekutir.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code exekutir adept-launcher CHECKOUT}: writes {@code CHECKOUT/adept.py}, a small shell
 * launcher that runs this runtime's {@code exekutir} with {@code ADEPT_PATH} set to the folder
 * the launcher is in — what {@code adept.py} gave its children. ADEPT's own files copy
 * {@code $ADEPT_PATH/adept.py} into the kommandir's workspace and call it there
 * ({@code ./adept.py CONTEXT . job.xn}), so the copy runs exekutir too, with the kommandir's
 * workspace as its {@code ADEPT_PATH}, as ADEPT's nested run had.
 */
final class AdeptLauncher {

    /** The file's name, as ADEPT's transition files call it. */
    static final String NAME = "adept.py";

    /** The line that tells a launcher exekutir wrote (and may rewrite) from ADEPT's own adept.py. */
    static final String MARK = "# exekutir-adept-launcher";

    /** Exit code when the launcher cannot be written (EX_CANTCREAT). */
    static final int CANNOT_WRITE = 73;

    private AdeptLauncher() {
    }

    static int write(Path checkout, Path home, PrintStream out, PrintStream err) {
        Path target = checkout.resolve(NAME);
        try {
            if (Files.exists(target) && !isLauncher(target)) {
                err.println("exekutir: " + target + " exists and is not exekutir's launcher (ADEPT's own adept.py?):"
                        + " move it aside (mv adept.py adept.py.orig) and run adept-launcher again");
                return CANNOT_WRITE;
            }
            Path partial = Files.createTempFile(checkout, ".adept.py.", ".partial");
            try {
                Files.writeString(partial, script(home.resolve("bin/exekutir")), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            err.println("exekutir: cannot write " + target + ": " + e.getMessage());
            return CANNOT_WRITE;
        }
        out.println("wrote " + target + ": './adept.py CONTEXT WORKSPACE FILE.xn [OPTIONAL...]' now runs "
                + home.resolve("bin/exekutir") + " with ADEPT_PATH=" + checkout);
        return 0;
    }

    private static boolean isLauncher(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
            return false;
        }
        return Files.readString(file, StandardCharsets.ISO_8859_1).contains(MARK);
    }

    /**
     * The launcher: this runtime by its absolute path, or the {@code exekutir} on {@code PATH}
     * where that path does not exist (a copy on a remote kommandir). Its folder is found by
     * its real path, as {@code adept.py} found its own.
     */
    static String script(Path exekutir) {
        return """
                #!/bin/sh
                %s
                # Runs exekutir in place of ADEPT's adept.py, with ADEPT_PATH = the folder this
                # file is in (as adept.py had it). Written by 'exekutir adept-launcher'.
                # Usage, as adept.py's: ./adept.py CONTEXT WORKSPACE FILE.xn [OPTIONAL...]
                here=$(dirname -- "$(readlink -f -- "$0")")
                installed=%s
                exekutir=$installed
                if [ ! -x "$exekutir" ]; then
                    exekutir=$(command -v exekutir) || {
                        echo "adept.py: exekutir is not at $installed, nor on PATH" >&2
                        exit 127
                    }
                fi
                exec "$exekutir" --adept-path "$here" "$@"
                """.formatted(MARK, shellQuoted(exekutir.toString()));
    }

    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
