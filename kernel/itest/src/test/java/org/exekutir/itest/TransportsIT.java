package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.Transport;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;

/** The transports 'local' and 'ssh': registered, active, and private (their sync library is copied in). */
public class TransportsIT extends KernelTestSupport {

    @Test
    public void bothTransportsAreRegisteredByTheirBundles() throws Exception {
        expect("local", "org.exekutir.transport.local");
        expect("ssh", "org.exekutir.transport.ssh");
    }

    private void expect(String name, String symbolicName) throws InterruptedException {
        ServiceReference<Transport> reference = awaitService(Transport.class, "(" + ExekutirName.PROPERTY + "=" + name + ")");
        assertNotNull("no Transport named '" + name + "'", reference);
        Bundle bundle = reference.getBundle();
        assertEquals(symbolicName, bundle.getSymbolicName());
        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertTrue(symbolicName + " exports nothing", bundle.adapt(BundleRevision.class)
                .getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE).isEmpty());
    }

    @Test
    public void jschIsInstalledAndNoSyncLibraryBundleIs() {
        boolean jsch = false;
        for (Bundle bundle : context.getBundles()) {
            jsch |= "com.github.mwiede.jsch".equals(bundle.getSymbolicName());
            assertTrue("the sync library is not a runtime bundle", !"org.exekutir.sync".equals(bundle.getSymbolicName()));
        }
        assertTrue("com.github.mwiede.jsch is installed", jsch);
    }
}
