package org.exekutir.pruner.secrets.internal;

import org.exekutir.sync.files.WorkspaceGlob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the {@code secrets} pruner removes by name and where it redacts, from the job's
 * settings.
 *
 * @param credentialFiles files (and folders) removed by name, wherever they are
 * @param redactPaths     where lines carrying secrets are masked
 * @param keptPaths       what is left alone ({@value #KEEP_SETTING}: the prune step keeps the job's
 *                        keys while a host whose destruction failed may still exist)
 */
record SecretsPolicy(List<WorkspaceGlob> credentialFiles, List<WorkspaceGlob> redactPaths, List<WorkspaceGlob> keptPaths) {

    static final String CREDENTIAL_SETTING = "prune_credential_files";
    static final String REDACT_SETTING = "prune_redact_paths";
    static final String KEEP_SETTING = "prune_keep";

    /**
     * Cloud and tool credential files, removed wherever they are in the workspace: OpenStack's
     * {@code clouds.yml} / {@code secure.yml} and RC files, AWS and boto credentials,
     * {@code .netrc}, git's stored credentials, Docker's registry logins, kubeconfig, Ansible
     * vault password files and Galaxy token, and PKCS#12 key stores (binary, so their content
     * cannot be judged). A name with a {@code /} matches the end of a path
     * ({@code .aws/credentials}); globs are allowed. {@value #CREDENTIAL_SETTING} adds to the list.
     */
    static final List<String> CREDENTIAL_FILES = List.of(
            "clouds.yml", "clouds.yaml", "secure.yml", "secure.yaml", "*openrc.sh",
            ".aws/credentials", ".boto", ".netrc", ".git-credentials", ".docker/config.json", ".kube/config",
            ".vault_pass", ".vault_pass.txt", ".vault-password", ".ansible/galaxy_token", "*.p12", "*.pfx");

    /** Where secret lines are masked unless {@value #REDACT_SETTING} says otherwise (globs). */
    static final List<String> REDACT_PATHS = List.of("**/results/**", "**/logs/**", "**/*.log");

    static SecretsPolicy of(Map<String, Object> settings) throws IOException {
        List<String> credentialNames = new ArrayList<>(CREDENTIAL_FILES);
        credentialNames.addAll(strings(CREDENTIAL_SETTING, settings.get(CREDENTIAL_SETTING), List.of()));
        List<WorkspaceGlob> credentials = new ArrayList<>();
        for (String name : credentialNames) {
            WorkspaceGlob asWritten = WorkspaceGlob.of(CREDENTIAL_SETTING, name);
            credentials.add(name.startsWith("**/") ? asWritten : WorkspaceGlob.of(CREDENTIAL_SETTING, "**/" + name));
        }
        List<WorkspaceGlob> redact = new ArrayList<>();
        for (String glob : strings(REDACT_SETTING, settings.get(REDACT_SETTING), REDACT_PATHS)) {
            redact.add(WorkspaceGlob.of(REDACT_SETTING, glob));
        }
        List<WorkspaceGlob> kept = new ArrayList<>();
        for (String glob : strings(KEEP_SETTING, settings.get(KEEP_SETTING), List.of())) {
            kept.add(WorkspaceGlob.of(KEEP_SETTING, glob));
        }
        return new SecretsPolicy(credentials, redact, kept);
    }

    boolean isKept(Path relative) {
        return keptPaths.stream().anyMatch(glob -> glob.matches(relative));
    }

    boolean isCredentialFile(Path relative) {
        return credentialFiles.stream().anyMatch(glob -> glob.matches(relative));
    }

    boolean isRedacted(Path relative) {
        return redactPaths.stream().anyMatch(glob -> glob.matches(relative));
    }

    private static List<String> strings(String setting, Object value, List<String> otherwise) throws IOException {
        if (value == null) {
            return otherwise;
        }
        List<?> items = value instanceof String one ? List.of(one) : value instanceof List<?> list ? list : null;
        if (items == null) {
            throw new IOException(setting + " must be a list of names or globs relative to the workspace");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw new IOException(setting + ": " + item + " is not a name or glob (text)");
            }
            strings.add(text);
        }
        return strings;
    }
}
