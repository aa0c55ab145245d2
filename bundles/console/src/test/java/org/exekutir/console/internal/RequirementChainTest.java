package org.exekutir.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequirementChainTest {

    @Test
    void aChainOfMissingRequirementsReadsFromTheBundleAskedForToWhatNothingProvides() {
        String felix = "Unable to resolve test.provider [20](R 20.0): missing requirement [test.provider [20](R 20.0)] "
                + "osgi.wiring.package; (&(osgi.wiring.package=test.lib1)(version>=1.0.0)(!(version>=2.0.0))) "
                + "[caused by: Unable to resolve test.lib1 [21](R 21.0): missing requirement [test.lib1 [21](R 21.0)] "
                + "osgi.wiring.package; (&(osgi.wiring.package=test.lib2)(version>=2.1.0)(!(version>=3.0.0)))] "
                + "Unresolved requirements: [[test.provider [20](R 20.0)] osgi.wiring.package; "
                + "(&(osgi.wiring.package=test.lib1)(version>=1.0.0)(!(version>=2.0.0)))]";
        assertEquals("test.provider requires package test.lib1;version=[1.0.0,2.0.0) → test.lib1 requires package "
                + "test.lib2;version=[2.1.0,3.0.0) → none of the repositories has it",
                RequirementChain.of(felix, "none of the repositories has it"));
    }

    @Test
    void aPackageWithoutARangeAndAnotherNamespaceAreNamedAsTheyAre() {
        String felix = "Unable to resolve a [3](R 3.0): missing requirement [a [3](R 3.0)] osgi.wiring.package; "
                + "(osgi.wiring.package=x.y) Unresolved requirements: [[a [3](R 3.0)] osgi.wiring.package; "
                + "(osgi.wiring.package=x.y)]";
        assertEquals("a requires package x.y → end", RequirementChain.of(felix, "end"));
        String ee = "Unable to resolve b [4](R 4.0): missing requirement [b [4](R 4.0)] osgi.ee; "
                + "(&(osgi.ee=JavaSE)(version=99)) Unresolved requirements: []";
        assertEquals("b requires osgi.ee (&(osgi.ee=JavaSE)(version=99)) → end", RequirementChain.of(ee, "end"));
        assertEquals("some other failure", RequirementChain.of("some other failure", "end"));
    }
}
