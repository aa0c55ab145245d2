package org.exekutir.provider.script.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM provider {@code script}: ADEPT's model. {@code cloud_provisioning_command} finds or
 * creates the host and prints its variables as a YAML map on standard output;
 * {@code cloud_destruction_command} removes it. Both run through the shell (as ADEPT's
 * Ansible {@code shell} tasks did) in {@code chdir} or the workspace, with a clean
 * environment plus {@code cloud_environment}, and get the host's request name and inventory
 * name as {@code $1} and {@code $2} and as {@value ScriptEnvironment#HOST_NAME} and
 * {@value ScriptEnvironment#INVENTORY_NAME}. Finding an earlier host by that name, and
 * treating a host that is already gone as destroyed, is the commands' job.
 *
 * <p>Each run is kept, masked, in {@code results/<inventory name>_provisioning.txt} or
 * {@code _destruction.txt}; standard error also goes to the log as it arrives.
 */
@Component
@ExekutirName("script")
public class ScriptProvider implements VmProvider {

    static final String PROVISIONING = "cloud_provisioning_command";
    static final String DESTRUCTION = "cloud_destruction_command";
    static final String HOME_PROPERTY = "exekutir.home";
    private static final int STDERR_LINES_IN_MESSAGES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(ScriptProvider.class);

    private final Map<String, String> processEnvironment;
    private final Consumer<String> stderrLines;
    private final Clock clock;
    private volatile String home;

    public ScriptProvider() {
        this(System.getenv(), null, LOG::info, Clock.systemUTC());
    }

    ScriptProvider(Map<String, String> processEnvironment, String home, Consumer<String> stderrLines, Clock clock) {
        this.processEnvironment = processEnvironment;
        this.home = home;
        this.stderrLines = stderrLines;
        this.clock = clock;
    }

    @Activate
    void activate(BundleContext context) {
        home = context.getProperty(HOME_PROPERTY);
    }

    @Override
    public HostVars discoverOrCreate(HostRequest request) throws IOException, InterruptedException {
        String host = inventoryName(request);
        ScriptCommand command = ScriptCommand.from(PROVISIONING, request.settings().get(PROVISIONING), request.workspace());
        ScriptEnvironment environment = environment(request);
        String kept = "results/" + fileName(host) + "_provisioning.txt";
        ScriptResult result = run(command, environment, request, kept);
        if (result.exitCode() != 0) {
            throw failure(command, host, environment, result, "exited with code " + result.exitCode(), kept);
        }
        try {
            return HostVars.of(host, HostVarsOutput.parse(result.stdout()));
        } catch (HostVarsOutput.NotHostVars e) {
            throw failure(command, host, environment, result,
                    e.problem() + "; it must print a YAML map of host variables (ansible_host: …)", kept);
        }
    }

    /** @return {@code true} when the destruction command succeeded (a host already gone included) */
    @Override
    public boolean destroy(HostRequest request) throws IOException, InterruptedException {
        String host = inventoryName(request);
        Object setting = request.settings().get(DESTRUCTION);
        if (setting == null) {
            throw new IOException("cannot destroy " + host + " (" + request.name() + "): the script provider needs the setting "
                    + DESTRUCTION + " (a command, or a map with 'command' and 'chdir') in exekutir_vars.yml or the host's inventory variables");
        }
        ScriptCommand command = ScriptCommand.from(DESTRUCTION, setting, request.workspace());
        ScriptEnvironment environment = environment(request);
        String kept = "results/" + fileName(host) + "_destruction.txt";
        ScriptResult result = run(command, environment, request, kept);
        if (result.exitCode() != 0) {
            throw failure(command, host, environment, result, "exited with code " + result.exitCode(), kept);
        }
        return true;
    }

    /** @return the time since {@code exekutir_created} or {@code created}, when the host's variables hold one */
    @Override
    public Optional<Duration> age(HostRequest request) throws IOException {
        Instant now = clock.instant();
        return CreationTime.of(request.known())
                .map(created -> created.isAfter(now) ? Duration.ZERO : Duration.between(created, now));
    }

    @Override
    public Set<String> settingNames() {
        return Set.of(PROVISIONING, DESTRUCTION, ScriptEnvironment.SETTING);
    }

    private ScriptEnvironment environment(HostRequest request) throws IOException {
        return ScriptEnvironment.of(processEnvironment, request.workspace(), home, request.name(), inventoryName(request),
                request.settings().get(ScriptEnvironment.SETTING));
    }

    private ScriptResult run(ScriptCommand command, ScriptEnvironment environment, HostRequest request, String kept)
            throws IOException, InterruptedException {
        String host = inventoryName(request);
        return new ScriptRunner(stderrLines).run(command, List.of(request.name(), host), environment, host,
                request.workspace().resolve(kept));
    }

    private static IOException failure(ScriptCommand command, String host, ScriptEnvironment environment,
            ScriptResult result, String what, String kept) {
        StringBuilder message = new StringBuilder(command.setting()).append(" of ").append(host)
                .append(" (").append(command.oneLine()).append(") ").append(what)
                .append("; its output is kept in ").append(kept);
        List<String> tail = result.stderrTail(environment.secrets(), STDERR_LINES_IN_MESSAGES);
        if (!tail.isEmpty()) {
            message.append("; its standard error ends with:");
            tail.forEach(line -> message.append("\n    ").append(line));
        }
        return new IOException(environment.secrets().mask(message.toString()));
    }

    private static String inventoryName(HostRequest request) {
        return request.known() != null ? request.known().name() : request.name();
    }

    /** An inventory name as a file name: path separators would escape {@code results/}. */
    private static String fileName(String host) {
        return host.replaceAll("[/\\\\]", "_");
    }
}
