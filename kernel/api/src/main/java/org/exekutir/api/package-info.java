/**
 * What every exekutir contract shares: the name property that tells services of one
 * contract apart, and how a child process's output is routed and streamed.
 */
@Export
@Version("1.1.0")
package org.exekutir.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
