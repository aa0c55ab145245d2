/**
 * The step-type contract: one action type of a transition file ({@code command},
 * {@code playbook}, {@code variable}, and whatever bundles add). The engine validates
 * every entry of a file against the step type's {@link org.exekutir.api.step.OptionSpec}s
 * before the first entry runs, then runs each entry through the step type found by
 * name when the entry starts.
 */
@Export
@Version("2.0.0")
package org.exekutir.api.step;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
