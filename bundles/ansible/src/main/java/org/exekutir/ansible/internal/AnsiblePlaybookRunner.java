package org.exekutir.ansible.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.ProcessOutput;
import org.exekutir.api.playbook.PlaybookRun;
import org.exekutir.api.playbook.PlaybookRunner;
import org.exekutir.processes.ChildProcesses;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playbook runner {@code ansible}: the real {@code ansible-playbook}, found on the
 * run's {@code PATH} unless the framework property {@value #EXECUTABLE_PROPERTY} names
 * another program. Runs in the playbook's folder, so relative paths in it work.
 */
@Component
@ExekutirName("ansible")
public class AnsiblePlaybookRunner implements PlaybookRunner {

    static final String EXECUTABLE_PROPERTY = "exekutir.ansible.executable";
    static final String DEFAULT_EXECUTABLE = "ansible-playbook";

    private static final Logger LOG = LoggerFactory.getLogger(AnsiblePlaybookRunner.class);

    private String executable = DEFAULT_EXECUTABLE;

    @Activate
    void activate(BundleContext context) {
        String configured = context.getProperty(EXECUTABLE_PROPERTY);
        executable = configured == null || configured.isBlank() ? DEFAULT_EXECUTABLE : configured.strip();
    }

    @Override
    public int run(PlaybookRun run, ProcessOutput output) throws IOException, InterruptedException {
        Path program = AnsibleCommand.locate(executable, run.environment()).orElseThrow(() -> new IOException(
                "cannot find " + executable + (executable.contains("/") ? "" : " on PATH")
                        + "; install ansible-core, or set " + EXECUTABLE_PROPERTY + " in conf/exekutir.properties"));
        Path varsFolder = Files.createTempDirectory("exekutir-vars-" + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            List<String> command = AnsibleCommand.of(program, run, varsFolder);
            LOG.debug("running {}", command);
            ProcessBuilder builder = new ProcessBuilder(command).directory(run.playbook().getParent().toFile());
            builder.environment().clear();
            builder.environment().putAll(run.environment());
            return ChildProcesses.run(builder, output);
        } finally {
            deleteTree(varsFolder);
        }
    }

    /** The extra variables' files go with the run (a killed process's are removed by the next one). */
    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", folder, e.getMessage());
        }
    }
}
