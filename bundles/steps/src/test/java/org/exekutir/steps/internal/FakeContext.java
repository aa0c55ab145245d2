package org.exekutir.steps.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;

/** A step context for unit tests: a workspace, a home, services by name, messages captured. */
final class FakeContext implements StepContext {

    private final String context;
    private final Path workspace;
    private final Path home;
    private final Map<String, Object> services = new HashMap<>();
    private final Map<String, String> caller = new LinkedHashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private final PrintStream messageStream = new PrintStream(messages, true, StandardCharsets.UTF_8);
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    FakeContext(String context, Path workspace, Path home) {
        this.context = context;
        this.workspace = workspace;
        this.home = home;
        caller.put("PATH", System.getenv("PATH"));
    }

    <T> FakeContext with(Class<T> contract, String name, T service) {
        services.put(contract.getName() + "/" + name, service);
        return this;
    }

    FakeContext caller(String name, String value) {
        caller.put(name, value);
        return this;
    }

    String messagesText() {
        return messages.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public String optional() {
        return "";
    }

    @Override
    public List<String> optionalWords() {
        return List.of();
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public Path workingDirectory() {
        return workspace;
    }

    @Override
    public String file() {
        return "test.xn";
    }

    @Override
    public int entry() {
        return 1;
    }

    @Override
    public Map<String, String> callerEnvironment() {
        return caller;
    }

    @Override
    public Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", caller.get("PATH"));
        env.put("WORKSPACE", workspace.toString());
        env.put("ADEPT_PATH", home.toString());
        env.put("ADEPT_CONTEXT", context);
        return env;
    }

    @Override
    public Map<String, String> childEnvironment() {
        Map<String, String> env = baseEnvironment();
        env.putAll(globals);
        return env;
    }

    @Override
    public Map<String, String> globals() {
        return globals;
    }

    @Override
    public void setGlobal(String name, String value) {
        globals.put(name, value);
    }

    @Override
    public String substitute(String text, Map<String, String> variables) {
        String result = text;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            result = result.replace("${" + variable.getKey() + "}", variable.getValue())
                    .replace("$" + variable.getKey(), variable.getValue());
        }
        return result;
    }

    @Override
    public Path resolve(String path) {
        return workspace.resolve(path).normalize();
    }

    @Override
    public ProcessOutput console() {
        return ProcessOutput.mergedInto(console);
    }

    @Override
    public PrintStream messages() {
        return messageStream;
    }

    @Override
    public String redact(String text) {
        return text;
    }

    @Override
    public <T> T use(Class<T> contract, String name) throws StepException {
        Object service = services.get(contract.getName() + "/" + name);
        if (service == null) {
            throw new StepException("no " + contract.getSimpleName() + " named '" + name + "' is installed");
        }
        return contract.cast(service);
    }
}
