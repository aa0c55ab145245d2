package org.exekutir.engine.internal.steps;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.exekutir.api.step.StepOptions;
import org.exekutir.engine.internal.Transition;
import org.exekutir.launch.TransitionRequest;

/** A transition of context {@code setup} in a workspace, with its output captured. */
final class StepFixture {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Transition transition;

    StepFixture(Path workspace, Map<String, String> callerEnvironment) {
        TransitionRequest request = new TransitionRequest("setup", workspace, "t.xn", "", Path.of("/opt/exekutir"),
                workspace, callerEnvironment, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        transition = new Transition(request, "t.xn", null);
    }

    static StepOptions options(Object... keysAndValues) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return StepOptions.of(values);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
