/**
 * The workspace-pruner contract: removes or redacts what must not outlive a job
 * (private keys, cloud credentials, password lines, caches) and says what it did.
 */
@Export
@Version("2.0.0")
package org.exekutir.api.prune;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
