package org.exekutir.api.step;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One action type of transition files. Register it as a service named with
 * {@link org.exekutir.api.ExekutirName} (the key that appears in the file, e.g.
 * {@code command}).
 *
 * <p>The engine checks an entry's keys and value types against {@link #options()} and
 * then calls {@link #check(StepOptions, List)} for rules between keys, for every entry of a
 * file, before anything runs. {@link #run} is called only for entries that apply to the
 * current context.
 */
@ConsumerType
public interface StepType {

    /** The keys this action accepts, besides {@code contexts} which every action has. */
    List<OptionSpec> options();

    /**
     * Rules the key list cannot express (keys that exclude each other, say).
     *
     * @return one short sentence per problem; empty when the options are fine
     */
    default List<String> check(StepOptions options) {
        return List.of();
    }

    /**
     * {@link #check(StepOptions)}, told the contexts the entry names ({@code contexts:};
     * empty when it runs in every context), so that a step that would do nothing in all of
     * them can refuse the entry before anything runs. The engine calls this one.
     *
     * @return one short sentence per problem; empty when the entry is fine
     * @since 1.1
     */
    default List<String> check(StepOptions options, List<String> contexts) {
        return check(options);
    }

    /**
     * What the header printed before the entry shows besides the file and entry number
     * (a command line, a playbook, a variable's source). The engine masks secrets in it.
     *
     * @return labels and values, in the order to show them
     */
    default Map<String, String> describe(StepOptions options, StepContext context) {
        return Map.of();
    }

    /**
     * Runs the entry.
     *
     * @return the exit code: zero lets the transition go on, anything else stops it
     *         and becomes the transition's exit code
     * @throws StepException when the step cannot do its work; the engine reports the
     *         message with the file, entry and context, and ends the transition
     */
    int run(StepOptions options, StepContext context) throws StepException, InterruptedException;
}
