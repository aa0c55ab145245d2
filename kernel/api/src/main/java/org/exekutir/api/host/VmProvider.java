package org.exekutir.api.host;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds or creates hosts. Register it as a service named with
 * {@link org.exekutir.api.ExekutirName} ({@code local}, {@code script}, {@code netns}, …).
 *
 * <p>Every method must be safe to call again after a crash at any point: creation finds
 * the host it made before by name, destruction of a host that is already gone succeeds.
 */
@ConsumerType
public interface VmProvider {

    /**
     * Finds the named host, or creates it.
     *
     * @return the host's variables, to be merged into its {@code host_vars}
     */
    HostVars discoverOrCreate(HostRequest request) throws IOException, InterruptedException;

    /**
     * Destroys the named host and everything made for it.
     *
     * @return {@code true} when something was destroyed, {@code false} when nothing was left
     */
    boolean destroy(HostRequest request) throws IOException, InterruptedException;

    /** @return how long ago the host was created, when the provider can tell */
    Optional<Duration> age(HostRequest request) throws IOException, InterruptedException;

    /**
     * The {@code exekutir_vars.yml} keys this provider reads: a key one edit away from one of
     * them is taken for a typo of it, and refused before anything is made.
     */
    default Set<String> settingNames() {
        return Set.of();
    }

    /**
     * Checks the job's settings before anything is made (the {@code workspace} step of
     * setup asks), so that a bad value stops the job before a host exists.
     *
     * @return what is wrong, by setting; empty when nothing is
     */
    default List<SettingProblem> checkSettings(Map<String, Object> settings) {
        return List.of();
    }
}
