package org.exekutir.engine.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.exekutir.api.Durations;
import org.exekutir.api.ExekutirName;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.exekutir.processes.ChildProcesses;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs transition files: reads and validates the whole file first, then runs the entries
 * of the request's context one by one, each through the step type that carries its action
 * type's name at the moment the entry starts.
 */
// Immediate: one engine lives as long as its bundle, so what it learnt (the step types seen)
// outlives each transition; a delayed component would be disposed after every caller's unget.
@Component(service = TransitionService.class, immediate = true)
public class TransitionEngine implements TransitionService {

    /** Exit code of an entry whose step failed without an exit code of its own. */
    static final int STEP_FAILED = 1;
    /** Exit code of a transition stopped by an interrupt (as a shell reports SIGINT). */
    static final int INTERRUPTED = 130;

    private static final Logger LOG = LoggerFactory.getLogger(TransitionEngine.class);
    private static final Set<String> USUAL_CONTEXTS = Set.of("setup", "run", "cleanup");

    /**
     * The step types now registered. SCR replaces the list whole on every change and never
     * sets it to null, so a reader sees one consistent set; a type being swapped may be
     * absent for a moment, which {@link #holdStepType} waits out.
     */
    @Reference(service = StepType.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ComponentServiceObjects<StepType>> stepTypes;

    /**
     * Names of every step type this runtime has had since the engine started. A file naming
     * one of them that is missing now meets a swap (or a removal) and waits; a name never
     * seen is a mistake in the file and is reported at once.
     */
    private final Set<String> stepTypesSeen = ConcurrentHashMap.newKeySet();

    private ServiceLookup lookup;
    private InputLimit inputLimit = InputLimit.DEFAULT;

    @Activate
    void activate(BundleContext context) {
        String configured = context.getProperty(ServiceWait.PROPERTY);
        ServiceWait wait = ServiceWait.parse(configured).orElseGet(() -> {
            LOG.warn("{}={} is not a wait such as 5s, 500ms or 0; waiting {} instead", ServiceWait.PROPERTY,
                    configured, ServiceWait.DEFAULT.describe());
            return ServiceWait.DEFAULT;
        });
        String grace = System.getProperty(ChildProcesses.GRACE_PROPERTY);
        if (grace != null && !grace.isBlank() && Durations.parse(grace).isEmpty()) {
            LOG.warn("{}={} is not a duration such as 10s, 500ms or 0; interrupted children get {} ms after SIGTERM",
                    ChildProcesses.GRACE_PROPERTY, grace, ChildProcesses.graceMillis());
        }
        String limit = context.getProperty(InputLimit.PROPERTY);
        inputLimit = InputLimit.parse(limit).orElseGet(() -> {
            LOG.warn("{}={} is not a size such as 1MiB, 512KiB or 100000; the limit stays {}", InputLimit.PROPERTY,
                    limit, InputLimit.DEFAULT.describe());
            return InputLimit.DEFAULT;
        });
        lookup = new ServiceLookup(context, wait);
    }

    /** Only remembers the name; the services themselves come through {@link #stepTypes}. */
    @Reference(name = "stepTypesSeen", service = StepType.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "stepTypeLeft")
    void stepTypeArrived(ServiceReference<StepType> reference) {
        Object name = reference.getProperty(ExekutirName.PROPERTY);
        if (name != null) {
            stepTypesSeen.add(name.toString());
        }
    }

    void stepTypeLeft(ServiceReference<StepType> reference) {
        // its name stays known: it may come back
    }

    @Override
    public int run(TransitionRequest request) {
        String fileName = request.file().equals(TransitionRequest.STDIN) ? "<stdin>" : request.file();
        PrintStream err = request.err();
        Optional<List<Validator.Checked>> entries;
        try {
            entries = load(request, fileName);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("exekutir: " + fileName + ": interrupted while validating the file; nothing was run.");
            err.flush();
            return INTERRUPTED;
        }
        if (entries.isEmpty()) {
            return INVALID;
        }
        warnOfAnUnnamedContext(request, fileName, entries.get());
        Transition transition = new Transition(request, fileName, lookup);
        Header header = new Header(request.environment().get("TERM"), Environments.shortHostName());
        printParameters(request, fileName, header, transition);
        for (Validator.Checked checked : entries.get()) {
            if (checked.entry().appliesTo(request.context())) {
                int code = runEntry(checked, transition, header);
                if (code != 0) {
                    err.println("    exit = " + code);
                    err.flush();
                    return code;
                }
            }
        }
        return 0;
    }

    /**
     * A context other than setup, run and cleanup that no entry names is most likely a typo
     * ({@code setpu}): the entries for every context would run in it without a word.
     */
    private static void warnOfAnUnnamedContext(TransitionRequest request, String fileName,
            List<Validator.Checked> entries) {
        String context = request.context();
        if (USUAL_CONTEXTS.contains(context)
                || entries.stream().anyMatch(checked -> checked.entry().contexts().contains(context))) {
            return;
        }
        request.err().println("exekutir: warning: no entry of " + fileName + " names the context '" + context
                + "' (the usual ones are setup, run and cleanup); only the entries for every context run");
        request.err().flush();
    }

    /** The file's checked entries; empty after printing every problem found. */
    private Optional<List<Validator.Checked>> load(TransitionRequest request, String fileName)
            throws InterruptedException {
        String text;
        try {
            Optional<byte[]> read = request.file().equals(TransitionRequest.STDIN) ? inputLimit.read(request.stdin())
                    : inputLimit.read(Path.of(request.file()));
            if (read.isEmpty()) {
                return invalid(request, List.of(new Problem(fileName, 0, 0, null, "the file is larger than "
                        + inputLimit.describe() + ", the limit for transition files (" + InputLimit.PROPERTY
                        + " sets it); none of it was read as a transition")));
            }
            byte[] bytes = read.get();
            Optional<Problem> undecodable = Utf8.check(fileName, bytes);
            if (undecodable.isPresent()) {
                return invalid(request, List.of(undecodable.get()));
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return invalid(request, List.of(new Problem(fileName, 0, 0, null, "cannot read the file: " + e)));
        }
        TransitionParser.Result parsed = TransitionParser.parse(fileName, text);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while reading " + fileName);
        }
        List<Held<StepType>> held = new ArrayList<>();
        try {
            // Entries that parsed are checked even when others did not, so one edit fixes the file.
            Map<String, StepType> installed = installedStepTypes(held);
            Map<String, String> gone = awaitSwappedStepTypes(parsed.entries(), installed, held);
            Validator.Result result = Validator.validate(fileName, parsed.entries(), installed, gone);
            List<Problem> problems = new ArrayList<>(parsed.problems());
            problems.addAll(result.problems());
            problems.sort(Comparator.comparingInt(Problem::line));
            return problems.isEmpty() ? Optional.of(result.entries()) : invalid(request, problems);
        } finally {
            held.forEach(Held::close);
        }
    }

    private Map<String, StepType> installedStepTypes(List<Held<StepType>> held) {
        List<ComponentServiceObjects<StepType>> now = stepTypes;
        Map<String, StepType> types = new LinkedHashMap<>();
        for (String name : NamedServices.names(now)) {
            NamedServices.best(now, name).map(Held::of).ifPresent(service -> {
                held.add(service);
                types.put(name, service.service());
            });
        }
        return types;
    }

    /**
     * Waits for the action types of the file that this runtime had but misses now (a
     * provider in the middle of a swap), adding those that come back to {@code installed}.
     * After one wait ran out the others are not waited for again: they most likely left
     * with the same bundle.
     *
     * @return why each type that did not come back is missing
     */
    private Map<String, String> awaitSwappedStepTypes(List<Entry> entries, Map<String, StepType> installed,
            List<Held<StepType>> held) throws InterruptedException {
        Map<String, String> gone = new LinkedHashMap<>();
        boolean waitedOut = false;
        for (Entry entry : entries) {
            String type = entry.type();
            if (installed.containsKey(type) || gone.containsKey(type) || !stepTypesSeen.contains(type)) {
                continue;
            }
            Optional<Held<StepType>> back = waitedOut ? lookup.holdNow(StepType.class, type)
                    : lookup.hold(StepType.class, type);
            if (back.isPresent()) {
                held.add(back.get());
                installed.put(type, back.get().service());
            } else {
                waitedOut = true;
                gone.put(type, Transition.missing("step type '" + type + "'", lookup.serviceWait()));
            }
        }
        return gone;
    }

    /** Prints the problems (at least one) and the closing line; the transition does not start. */
    private static Optional<List<Validator.Checked>> invalid(TransitionRequest request, List<Problem> problems) {
        for (Problem problem : problems) {
            request.err().println("exekutir: " + problem.format(request.context()));
        }
        request.err().println("exekutir: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in " + problems.get(0).file() + "; nothing was run.");
        request.err().flush();
        return Optional.empty();
    }

    private void printParameters(TransitionRequest request, String fileName, Header header, Transition transition) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("context", request.context());
        values.put("workspace", request.workspace().toString());
        values.put("xn", fileName);
        values.put("optional", request.optional());
        request.err().print(transition.redact(header.format("Parameters", values)));
        request.err().flush();
    }

    private int runEntry(Validator.Checked checked, Transition transition, Header header) {
        Entry entry = checked.entry();
        transition.enter(entry.number());
        PrintStream err = transition.messages();
        Held<StepType> held;
        try {
            held = holdStepType(entry.type()).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transition.leave();
            err.println("exekutir: " + problem(transition, entry, "interrupted"));
            return INTERRUPTED;
        }
        if (held == null) {
            transition.leave();
            err.println("exekutir: " + problem(transition, entry,
                    Transition.missing("step type '" + entry.type() + "'", lookup.serviceWait())));
            return STEP_FAILED;
        }
        try (held) {
            StepType step = held.service();
            err.print(transition.redact(header.entry(entry.type(), transition.file(), entry.number(),
                    step.describe(checked.options(), transition))));
            err.flush();
            long start = System.nanoTime();
            int code = step.run(checked.options(), transition);
            LOG.debug("entry #{} ({}) exit {} in {} ms", entry.number(), entry.type(), code,
                    (System.nanoTime() - start) / 1_000_000);
            return code;
        } catch (StepException e) {
            err.println("exekutir: " + problem(transition, entry, transition.redact(e.getMessage())));
            return STEP_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("exekutir: " + problem(transition, entry, "interrupted"));
            return INTERRUPTED;
        } catch (RuntimeException e) {
            LOG.error("step type {} failed", entry.type(), e);
            err.println("exekutir: " + problem(transition, entry, "the step failed unexpectedly: " + e));
            return STEP_FAILED;
        } finally {
            transition.leave();
            err.flush();
        }
    }

    /**
     * The step type for an entry about to start, held until the entry ends: the best one
     * registered now, or, when a swap or removal left none, the first to be registered
     * within the configured wait.
     */
    private Optional<Held<StepType>> holdStepType(String name) throws InterruptedException {
        Optional<Held<StepType>> now = NamedServices.best(stepTypes, name).map(Held::of);
        return now.isPresent() ? now : lookup.hold(StepType.class, name);
    }

    private static String problem(Transition transition, Entry entry, String message) {
        return new Problem(transition.file(), entry.line(), entry.number(), entry.type(), message)
                .format(transition.context());
    }
}
