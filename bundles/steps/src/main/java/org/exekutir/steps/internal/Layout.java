package org.exekutir.steps.internal;

import java.nio.file.Path;

/**
 * Where things live in a workspace (the exekutir's, or the kommandir's, which has the
 * same shape for its peons).
 */
record Layout(Path root) {

    static final String SETTINGS = "exekutir_vars.yml";
    static final String KOMMANDIR = "kommandir";
    static final String KOMMANDIR_WORKSPACE = "kommandir_workspace";

    Path settings() {
        return root.resolve(SETTINGS);
    }

    Path ssh() {
        return root.resolve("ssh");
    }

    Path privateKey() {
        return ssh().resolve("exekutir_key");
    }

    Path knownHosts() {
        return ssh().resolve("known_hosts");
    }

    Path inventory() {
        return root.resolve("inventory");
    }

    Path hostVars(String host) {
        return inventory().resolve("host_vars").resolve(host + ".yml");
    }

    Path hosts() {
        return root.resolve("hosts");
    }

    Path results() {
        return root.resolve("results");
    }

    Path kommandirWorkspace() {
        return root.resolve(KOMMANDIR_WORKSPACE);
    }

    Path exitFile(String context) {
        return root.resolve("kommandir_" + context + ".exit");
    }

    /** The mark of the job.xn run on a remote kommandir, while it runs (a killed exekutir leaves it). */
    Path remoteJobMark() {
        return root.resolve("kommandir_job.mark");
    }

    /** A path for messages: relative to the workspace when inside it. */
    String show(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}
