package org.exekutir.api.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A host's variables, as Ansible's {@code host_vars} holds them: {@code ansible_host},
 * {@code ansible_user}, {@code ansible_port}, {@code ansible_ssh_private_key_file} and
 * whatever else a provider returns. Made by {@link #of}, not a record's constructor, so
 * that a later version can give it more without breaking the bundles that make one.
 */
public final class HostVars {

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

    private final String name;
    private final Map<String, Object> values;

    private HostVars(String name, Map<String, Object> values) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param name   the inventory name of the host ({@code kommandir}, a peon's name)
     * @param values the variables, in the provider's order
     */
    public static HostVars of(String name, Map<String, Object> values) {
        return new HostVars(name, values);
    }

    /** @return the inventory name of the host */
    public String name() {
        return name;
    }

    /** @return the variables, in the provider's order, unmodifiable */
    public Map<String, Object> values() {
        return values;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof HostVars that && name.equals(that.name) && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, values);
    }

    /** Names the host and its variables' keys only: values may be secret. */
    @Override
    public String toString() {
        return "HostVars[" + name + ": " + values.keySet() + "]";
    }
}
