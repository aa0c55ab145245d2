package org.exekutir.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

class ProvidersTest {

    @TempDir
    Path tmp;

    private static final class Probe implements StepType {
        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public int run(StepOptions options, StepContext context) {
            return 0;
        }
    }

    @Test
    void listsNamedServicesWithBundleVersionRankingAndMarksTheOneInUse() throws Exception {
        try (EmbeddedFramework framework = new EmbeddedFramework(tmp)) {
            for (int ranking : new int[] {0, 5}) {
                Hashtable<String, Object> properties = new Hashtable<>();
                properties.put(ExekutirName.PROPERTY, "probe");
                properties.put(Constants.SERVICE_RANKING, ranking);
                framework.context().registerService(StepType.class, new Probe(), properties);
            }
            framework.context().registerService(StepType.class, new Probe(), new Hashtable<>());

            List<Providers.Provider> providers = new Providers(framework.context()).all();

            assertEquals(List.of(
                    new Providers.Provider("StepType", "probe", "org.apache.felix.framework", "7.0.5", 5, true),
                    new Providers.Provider("StepType", "probe", "org.apache.felix.framework", "7.0.5", 0, false)),
                    providers);
        }
    }
}
