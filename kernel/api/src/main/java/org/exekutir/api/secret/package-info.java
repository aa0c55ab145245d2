/**
 * The runtime's one policy for secrets: which names hold them ({@link
 * org.exekutir.api.secret.SecretNames}), how their values are hidden in text and in a
 * child's output as it streams ({@link org.exekutir.api.secret.SecretMask}), and how lines
 * that carry them are masked ({@link org.exekutir.api.secret.SecretLines}). The engine, the
 * providers and the pruners all use it, so a value hidden in one place is hidden in all.
 */
@Export
@Version("1.0.0")
package org.exekutir.api.secret;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
