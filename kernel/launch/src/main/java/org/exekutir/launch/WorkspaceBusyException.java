package org.exekutir.launch;

import java.nio.file.Path;

/** Another transition holds the workspace; the message names the workspace and the holder. */
public final class WorkspaceBusyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Path workspace;
    private final String holder;

    public WorkspaceBusyException(Path workspace, String holder) {
        super("workspace " + workspace + " is in use by another transition (" + holder
                + "); one transition at a time per workspace");
        this.workspace = workspace;
        this.holder = holder;
    }

    public Path workspace() {
        return workspace;
    }

    public String holder() {
        return holder;
    }
}
