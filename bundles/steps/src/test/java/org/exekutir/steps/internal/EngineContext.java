package org.exekutir.steps.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.engine.internal.TestTransitions;
import org.exekutir.engine.internal.Transition;
import org.exekutir.launch.TransitionRequest;

/**
 * The engine's own step context (its {@link Transition}, through the engine's test fixture)
 * for a context word in a workspace: what the steps see here is what they see in a real
 * transition — substitution, path resolution, environments, the secret mask. The tests add
 * services by name and read the messages. Every {@link StepContext} call goes to the engine's.
 */
final class EngineContext implements StepContext {

    private final Map<String, Object> services = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Transition transition;

    EngineContext(String context, Path workspace, Path home) {
        Map<String, String> caller = Map.of("PATH", System.getenv("PATH"));
        TransitionRequest request = new TransitionRequest(context, workspace, "test.xn", "", home, workspace, caller,
                new ByteArrayInputStream(new byte[0]), new PrintStream(console, true, StandardCharsets.UTF_8),
                new PrintStream(messages, true, StandardCharsets.UTF_8), false);
        transition = TestTransitions.of(request, services);
    }

    <T> EngineContext with(Class<T> contract, String name, T service) {
        services.put(contract.getName() + "/" + name, service);
        return this;
    }

    /** Headers aside, what the steps printed for people. */
    String messagesText() {
        return messages.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String context() {
        return transition.context();
    }

    @Override
    public Path workspace() {
        return transition.workspace();
    }

    @Override
    public String optional() {
        return transition.optional();
    }

    @Override
    public List<String> optionalWords() {
        return transition.optionalWords();
    }

    @Override
    public Path home() {
        return transition.home();
    }

    @Override
    public Path workingDirectory() {
        return transition.workingDirectory();
    }

    @Override
    public String file() {
        return transition.file();
    }

    @Override
    public int entry() {
        return transition.entry();
    }

    @Override
    public Map<String, String> callerEnvironment() {
        return transition.callerEnvironment();
    }

    @Override
    public Map<String, String> baseEnvironment() {
        return transition.baseEnvironment();
    }

    @Override
    public Map<String, String> childEnvironment() {
        return transition.childEnvironment();
    }

    @Override
    public Map<String, String> globals() {
        return transition.globals();
    }

    @Override
    public void setGlobal(String name, String value) {
        transition.setGlobal(name, value);
    }

    @Override
    public String substitute(String text, Map<String, String> variables) {
        return transition.substitute(text, variables);
    }

    @Override
    public Path resolve(String path) {
        return transition.resolve(path);
    }

    @Override
    public ProcessOutput console() {
        return transition.console();
    }

    @Override
    public PrintStream messages() {
        return transition.messages();
    }

    @Override
    public String redact(String text) {
        return transition.redact(text);
    }

    @Override
    public <T> T use(Class<T> contract, String name) throws StepException, InterruptedException {
        return transition.use(contract, name);
    }

    @Override
    public Set<String> serviceNames(Class<?> contract) {
        return transition.serviceNames(contract);
    }
}
