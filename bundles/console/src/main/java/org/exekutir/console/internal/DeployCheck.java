package org.exekutir.console.internal;

import java.io.File;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Says why a jar in the deploy folder is not installed. FileInstall passes over a file it
 * cannot take for a bundle without a word; this installer claims exactly those files (a
 * corrupt or cut-short jar, a jar without a bundle manifest, and, with the trust setting on,
 * a jar it does not accept) and reports each on the daemon's standard error when it appears
 * and whenever it changes.
 */
@Component(service = ArtifactInstaller.class)
public class DeployCheck implements ArtifactInstaller {

    private Trust trust;

    public DeployCheck() {
        this(Trust.everyone());
    }

    DeployCheck(Trust trust) {
        this.trust = trust;
    }

    @Activate
    void activate(BundleContext context) {
        trust = Trust.of(context);
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && problem(artifact).isPresent();
    }

    private Optional<String> problem(File artifact) {
        Optional<String> broken = JarCheck.problem(artifact.toPath());
        return broken.isPresent() ? broken : trust.problem(artifact.toPath());
    }

    @Override
    public void install(File artifact) {
        report(artifact);
    }

    @Override
    public void update(File artifact) {
        report(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        // nothing was installed
    }

    private void report(File artifact) {
        problem(artifact).ifPresent(problem -> System.err.println("exekutir: deploy: "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + artifact + " is not installed: it " + problem));
    }
}
