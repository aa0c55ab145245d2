/**
 * Hosts: the VM-provider contract (find or create a host by name, destroy it, tell its
 * age) and the transport contract (run commands on a host, push and pull trees).
 * Everything a later transition needs to reach or destroy a host travels in
 * {@link org.exekutir.api.host.HostVars}, which the engine keeps in the workspace, so
 * that a host created by one version of a provider can be destroyed by the next.
 */
@Export
@Version("2.1.0")
package org.exekutir.api.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
