package org.exekutir.dist.probe.failing;

import java.util.List;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A step type whose component cannot activate: a bundle version that resolves and starts,
 * but whose service fails on first use (the end-to-end tests pack it into a probe version).
 */
@Component
@ExekutirName("failing-probe")
public class FailingProbeStep implements StepType {

    @Activate
    void activate() {
        throw new IllegalStateException("this version cannot activate");
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public int run(StepOptions options, StepContext context) {
        return 0;
    }
}
