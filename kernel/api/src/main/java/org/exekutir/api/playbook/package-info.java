/**
 * The playbook-runner contract: runs one playbook, as the {@code playbook} action of a
 * transition file asks.
 */
@Export
@Version("2.0.0")
package org.exekutir.api.playbook;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
