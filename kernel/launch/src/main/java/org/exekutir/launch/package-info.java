/**
 * The one contract between the launcher (outside the framework) and the engine (a
 * bundle inside it). The launcher's class path holds this package and the system
 * bundle exports it, so both sides see the same classes.
 */
@Export
@Version("1.3.0")
package org.exekutir.launch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
