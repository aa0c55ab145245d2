package org.exekutir.dist.maven.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.exekutir.dist.maven.lib1.Greeting;
import org.osgi.service.component.annotations.Component;

/** {@code - greet: {who: NAME, to: FILE}}: a third-party action that needs two libraries. */
@Component
@ExekutirName("greet")
public class GreetStep implements StepType {

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.required("who", OptionType.STRING), OptionSpec.required("to", OptionType.STRING));
    }

    @Override
    public int run(StepOptions options, StepContext context) throws StepException {
        try {
            Files.writeString(context.resolve(options.requiredString("to")), Greeting.of(options.requiredString("who")));
            return 0;
        } catch (IOException e) {
            throw new StepException("cannot write: " + e.getMessage());
        }
    }
}
