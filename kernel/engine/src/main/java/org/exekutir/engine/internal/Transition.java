package org.exekutir.engine.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.secret.SecretMask;
import org.exekutir.api.secret.SecretNames;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.launch.TransitionRequest;

/** The state of one running transition, as its steps see it. */
public final class Transition implements StepContext {

    private final TransitionRequest request;
    private final String fileName;
    private final Map<String, String> baseEnvironment;
    private final Map<String, String> globals = new LinkedHashMap<>();
    /** Every secret value seen in this transition (kept masked even after it is overwritten). */
    private volatile SecretMask secrets;
    private int entry;
    private final Services lookup;
    /** Services the running entry got through {@link #use}; released when it ends. */
    private final List<Held<?>> heldByEntry = new ArrayList<>();

    /**
     * Where {@link #use} gets services: the framework's registry ({@link ServiceLookup}), or
     * what a test fixture gives.
     */
    public interface Services {
        /** @return the best service of that contract and name, held; empty when none appeared in time */
        <T> Optional<Held<T>> hold(Class<T> contract, String name) throws InterruptedException;

        /** How long {@link #hold} waits for a service to appear. */
        ServiceWait serviceWait();

        /** The names of the services of that contract registered now, sorted. */
        SortedSet<String> names(Class<?> contract);
    }

    public Transition(TransitionRequest request, String fileName, Services lookup) {
        this.request = request;
        this.fileName = fileName;
        this.lookup = lookup;
        this.baseEnvironment = Collections.unmodifiableMap(Environments.base(request.environment(),
                request.workspace(), request.home(), request.context(), request.optional()));
        secrets = SecretMask.of(SecretMask.secretValues(baseEnvironment)).with(optionalSecrets(request.optional()));
    }

    /**
     * Values of OPTIONAL words that set a secret-looking variable ({@code -e OS_PASSWORD=…},
     * {@code --extra-vars=db_pass=…}): shown in no header and no output.
     */
    private static List<String> optionalSecrets(String optional) {
        List<String> values = new ArrayList<>();
        List<String> words;
        try {
            words = ShellWords.split(optional == null ? "" : optional);
        } catch (IllegalArgumentException e) {
            words = List.of(optional.split("\\s+"));
        }
        for (String word : words) {
            String assignment = word.startsWith("--extra-vars=") ? word.substring("--extra-vars=".length()) : word;
            int equals = assignment.indexOf('=');
            if (equals > 0 && SecretNames.isSecret(assignment.substring(0, equals))) {
                values.add(assignment.substring(equals + 1));
            }
        }
        return values;
    }

    void enter(int number) {
        entry = number;
    }

    /** Ends the running entry: releases every service it got through {@link #use}. */
    void leave() {
        synchronized (heldByEntry) {
            heldByEntry.forEach(Held::close);
            heldByEntry.clear();
        }
    }

    @Override
    public <T> T use(Class<T> contract, String name) throws StepException, InterruptedException {
        Held<T> held = lookup.hold(contract, name).orElseThrow(() -> new StepException(
                missing(contract.getSimpleName() + " named '" + name + "'", lookup.serviceWait())));
        synchronized (heldByEntry) {
            heldByEntry.add(held);
        }
        return held.service();
    }

    @Override
    public Set<String> serviceNames(Class<?> contract) {
        return lookup.names(contract);
    }

    /** The message of a step whose service did not appear: what, and how long it was waited for. */
    static String missing(String what, ServiceWait wait) {
        return "no " + what + " is installed (waited " + wait.describe() + " for one to appear; "
                + ServiceWait.PROPERTY + " sets the wait)";
    }

    @Override
    public String context() {
        return request.context();
    }

    @Override
    public Path workspace() {
        return request.workspace();
    }

    @Override
    public String optional() {
        return request.optional();
    }

    @Override
    public List<String> optionalWords() {
        return ShellWords.split(request.optional());
    }

    @Override
    public Path home() {
        return request.home();
    }

    @Override
    public Path workingDirectory() {
        return request.workingDirectory();
    }

    @Override
    public String file() {
        return fileName;
    }

    @Override
    public int entry() {
        return entry;
    }

    @Override
    public Map<String, String> callerEnvironment() {
        return request.environment();
    }

    @Override
    public Map<String, String> baseEnvironment() {
        return baseEnvironment;
    }

    @Override
    public Map<String, String> childEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(baseEnvironment);
        env.putAll(globals);
        return env;
    }

    @Override
    public Map<String, String> globals() {
        return Collections.unmodifiableMap(globals);
    }

    @Override
    public void setGlobal(String name, String value) {
        globals.put(name, value);
        if (SecretMask.isSecret(name, value)) {
            secrets = secrets.with(List.of(value));
        }
    }

    @Override
    public String substitute(String text, Map<String, String> variables) {
        return Substitution.apply(text, variables);
    }

    @Override
    public Path resolve(String path) {
        return AdeptPaths.resolve(request.workingDirectory(), path);
    }

    /**
     * Apart, as adept.py keeps them: standard output to the caller's standard output, standard
     * error to the caller's standard error (a playbook merges them itself). Both through the
     * transition's secret mask, so a child's output never shows a secret (nor does the log a
     * daemon keeps of it).
     */
    @Override
    public ProcessOutput console() {
        SecretMask mask = secrets;
        return ProcessOutput.of(new ProcessOutput.ToStream(mask.masking(request.out())),
                new ProcessOutput.ToStream(mask.masking(request.err())));
    }

    @Override
    public PrintStream messages() {
        return request.err();
    }

    @Override
    public String redact(String text) {
        return secrets.maskText(text);
    }
}
