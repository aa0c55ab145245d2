package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;
import org.junit.Test;
import org.osgi.framework.ServiceReference;

/** The VM provider {@code netns} as a step finds it: a named service of its own bundle, usable in Felix. */
public class NetnsProviderIT extends KernelTestSupport {

    @Test
    public void theNetnsProviderIsRegisteredAndAnswersForAHostItNeverMade() throws Exception {
        ServiceReference<VmProvider> reference = awaitService(VmProvider.class, "(" + ExekutirName.PROPERTY + "=netns)");
        assertNotNull("no VmProvider named 'netns'", reference);
        assertEquals("org.exekutir.provider.netns", reference.getBundle().getSymbolicName());

        VmProvider provider = context.getService(reference);
        try {
            Path root = Files.createTempDirectory("netns-it-");
            HostRequest never = HostRequest.of("it-" + UUID.randomUUID() + "-peon", root,
                    Map.of("netns_root", root.toString()), HostVars.of("peon", Map.of()));
            assertEquals(Optional.empty(), provider.age(never));
            assertFalse("a host never made is not destroyed", provider.destroy(never));
            Files.delete(root);
        } finally {
            context.ungetService(reference);
        }
    }
}
