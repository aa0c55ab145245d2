package org.exekutir.console.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The daemon's deploy folder (FileInstall's), and whether a bundle came from it. */
record DeployFolder(String path) {

    static final String PROPERTY = "felix.fileinstall.dir";

    /** The folder FileInstall watches, when it runs. */
    static Optional<DeployFolder> of(BundleContext context) {
        return Optional.ofNullable(context.getProperty(PROPERTY)).map(Path::of).map(DeployFolder::of);
    }

    static DeployFolder of(Path folder) {
        return new DeployFolder(folder.toUri().normalize().getPath());
    }

    boolean holds(Bundle bundle) {
        String location = bundle.getLocation();
        return location.startsWith("file:") && URI.create(location).normalize().getPath().startsWith(path);
    }
}
