/**
 * What every exekutir contract shares: the name property that tells services of one
 * contract apart, where a child process's output goes ({@link org.exekutir.api.ProcessOutput}),
 * and the duration form of settings. (Running children is not API: see exekutir-processes.)
 */
@Export
@Version("2.0.0")
package org.exekutir.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
