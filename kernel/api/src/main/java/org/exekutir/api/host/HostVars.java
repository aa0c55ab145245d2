package org.exekutir.api.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A host's variables, as Ansible's {@code host_vars} holds them: {@code ansible_host},
 * {@code ansible_user}, {@code ansible_port}, {@code ansible_ssh_private_key_file} and
 * whatever else a provider returns.
 *
 * @param name   the inventory name of the host ({@code kommandir}, a peon's name)
 * @param values the variables, in the provider's order
 */
public record HostVars(String name, Map<String, Object> values) {

    public static final String ADDRESS = "ansible_host";
    public static final String USER = "ansible_user";
    public static final String PORT = "ansible_port";
    public static final String PRIVATE_KEY_FILE = "ansible_ssh_private_key_file";
    /** The name of the {@link Transport} that reaches the host ({@code local}, {@code ssh}). */
    public static final String TRANSPORT = "exekutir_transport";
    /** The folder on the host under which exekutir keeps the host's workspace and runtime. */
    public static final String ROOT = "exekutir_root";
    /** The known-hosts file (in the workspace) where the host's key is recorded on first use. */
    public static final String KNOWN_HOSTS_FILE = "exekutir_known_hosts_file";

    public HostVars {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key)).map(Object::toString);
    }

    public Optional<String> address() {
        return string(ADDRESS);
    }

    public Optional<String> user() {
        return string(USER);
    }

    public int port(int otherwise) {
        return string(PORT).map(Integer::parseInt).orElse(otherwise);
    }

    /** @return these variables with {@code more} laid on top */
    public HostVars with(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(more);
        return new HostVars(name, merged);
    }
}
