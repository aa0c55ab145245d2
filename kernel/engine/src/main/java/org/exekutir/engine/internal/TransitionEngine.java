package org.exekutir.engine.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.osgi.framework.BundleContext;
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
@Component(service = TransitionService.class)
public class TransitionEngine implements TransitionService {

    /** Exit code of an entry whose step failed without an exit code of its own. */
    static final int STEP_FAILED = 1;
    /** Exit code of a transition stopped by an interrupt (as a shell reports SIGINT). */
    static final int INTERRUPTED = 130;

    private static final Logger LOG = LoggerFactory.getLogger(TransitionEngine.class);

    /** Replaced whole by SCR on every change: the new service is in before the old one leaves. */
    @Reference(service = StepType.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ComponentServiceObjects<StepType>> stepTypes;

    private ServiceLookup lookup;

    @Activate
    void activate(BundleContext context) {
        lookup = new ServiceLookup(context);
    }

    @Override
    public int run(TransitionRequest request) {
        String fileName = request.file().equals(TransitionRequest.STDIN) ? "<stdin>" : request.file();
        PrintStream err = request.err();
        Optional<List<Validator.Checked>> entries = load(request, fileName);
        if (entries.isEmpty()) {
            return INVALID;
        }
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

    /** The file's checked entries; empty after printing every problem found. */
    private Optional<List<Validator.Checked>> load(TransitionRequest request, String fileName) {
        String text;
        try {
            text = request.file().equals(TransitionRequest.STDIN)
                    ? new String(request.stdin().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(request.file()));
        } catch (IOException e) {
            return invalid(request, List.of(new Problem(fileName, 0, 0, null, "cannot read the file: " + e)));
        }
        TransitionParser.Result parsed = TransitionParser.parse(fileName, text);
        List<Held<StepType>> held = new ArrayList<>();
        try {
            // Entries that parsed are checked even when others did not, so one edit fixes the file.
            Validator.Result result = Validator.validate(fileName, parsed.entries(), installedStepTypes(held));
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
        Optional<ComponentServiceObjects<StepType>> found = NamedServices.best(stepTypes, entry.type());
        Held<StepType> held = found.map(Held::of).orElse(null);
        if (held == null) {
            err.println("exekutir: " + problem(transition, entry, "no step type '" + entry.type()
                    + "' is installed any more"));
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

    private static String problem(Transition transition, Entry entry, String message) {
        return new Problem(transition.file(), entry.line(), entry.number(), entry.type(), message)
                .format(transition.context());
    }
}
