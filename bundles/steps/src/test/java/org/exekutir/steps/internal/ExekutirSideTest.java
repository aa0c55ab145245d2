package org.exekutir.steps.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.exekutir.api.host.Transport;
import org.exekutir.api.host.VmProvider;
import org.exekutir.api.prune.PruneReport;
import org.exekutir.api.prune.WorkspacePruner;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exekutir side in one workspace: workspace, kommandir, sync, job, destroy and prune,
 * with a test home whose bin/exekutir is a shell script standing in for the nested run.
 */
class ExekutirSideTest {

    @TempDir
    Path temp;

    private Path home;
    private Path workspace;
    private final TestProvider local = new TestProvider();
    private final TestProvider remote = new TestProvider();
    private final LocalTransport transport = new LocalTransport();
    /** The engine a local kommandir's job.xn runs in: records each request, leaves a result, exits {@link #jobExit}. */
    private final List<TransitionRequest> jobs = new ArrayList<>();
    private int jobExit;
    private final TransitionService engine = request -> {
        jobs.add(request);
        try {
            Path results = Files.createDirectories(request.workspace().resolve("results"));
            Files.writeString(results.resolve(request.context() + ".txt"), request.context() + " in "
                    + request.workspace() + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        request.err().println("job.xn ran");
        return jobExit;
    };

    @BeforeEach
    void setUp() throws Exception {
        home = temp.resolve("home");
        workspace = Files.createDirectories(temp.resolve("ws"));
        write(home.resolve("exekutir/inventory/hosts"), "kommandir\n");
        write(home.resolve("kommandir/job.xn"), "--- []\n");
        write(home.resolve("kommandir/setup.yml"), "# default setup\n");
        write(home.resolve("kommandir/inventory/hosts"), "kommandir\n");
        write(home.resolve("jobs/quickstart/setup.yml"), "# the job's setup\n");
        remote.extraVars = Map.of("exekutir_root", "/var/tmp/k1", "exekutir_transport", "local");
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private EngineContext context(String name) {
        return new EngineContext(name, workspace, home).with(VmProvider.class, "local", local)
                .with(VmProvider.class, "netns", remote).with(Transport.class, "local", transport);
    }

    private int run(StepType step, String context, Map<String, Object> options) throws Exception {
        EngineContext fake = context(context);
        int code = step.run(StepOptions.of(options), fake);
        System.out.print(fake.messagesText());
        return code;
    }

    @Test
    void workspaceCreatesSettingsOnceAndPreparesTheKeys() throws Exception {
        assertEquals(0, run(new WorkspaceStep(), "setup", Map.of()));
        String settings = Files.readString(workspace.resolve("exekutir_vars.yml"));
        assertTrue(settings.matches("(?s).*uuid: \"[0-9a-f-]{36}\".*"), settings);
        assertTrue(Files.exists(workspace.resolve("inventory/hosts")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.resolve("ssh"))));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.resolve("ssh/exekutir_key"))));
        assertTrue(Files.exists(workspace.resolve("ssh/exekutir_key.pub")));
        Files.writeString(workspace.resolve("exekutir_vars.yml"), settings + "# mine\n");
        assertEquals(0, run(new WorkspaceStep(), "setup", Map.of()));
        assertEquals(settings + "# mine\n", Files.readString(workspace.resolve("exekutir_vars.yml")),
                "never clobbered");
    }

    @Test
    void workspaceRefusesABadSettingBeforeAnythingElse() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nkommandir_provider: cloudy\n");
        String message = assertThrows(StepException.class, () -> run(new WorkspaceStep(), "setup", Map.of()))
                .getMessage();
        assertTrue(message.contains("exekutir_vars.yml, line 2: kommandir_provider 'cloudy' is not an installed"),
                message);
    }

    @Test
    void workspaceRefusesATypoOfASettingAndWhatAProviderRefuses() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nmy_own_key: 1\nstonit: true\n");
        String message = assertThrows(StepException.class, () -> run(new WorkspaceStep(), "setup", Map.of()))
                .getMessage();
        assertTrue(message.contains("exekutir_vars.yml, line 3: stonit is not a setting; did you mean stonith?"),
                message);
        remote.refused = org.exekutir.api.host.SettingProblem.of("netns_range", "10.0.0.0/33 is not an address block");
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nnetns_range: 10.0.0.0/33\n");
        message = assertThrows(StepException.class, () -> run(new WorkspaceStep(), "setup", Map.of())).getMessage();
        assertTrue(message.contains("exekutir_vars.yml, line 2: netns_range 10.0.0.0/33 is not an address block"),
                message);
        assertTrue(remote.alive.isEmpty() && local.alive.isEmpty(), "nothing was made");
    }

    /** A failed cleanup never removes what the next cleanup needs. */
    @Test
    void pruneKeepsTheKeysWhileAHostWhoseDestructionFailedMayExist() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\n");
        write(workspace.resolve("hosts/kommandir.yml"), "name: kommandir\nprovider: netns\nrequest: u1-kommandir\n"
                + "state: destroying\nsince: '2026-12-01T00:00:00Z'\nupdated: '2026-12-01T00:00:00Z'\n"
                + "error: the provider failed\n");
        java.util.List<Map<String, Object>> seen = new ArrayList<>();
        WorkspacePruner pruner = (ws, settings) -> {
            seen.add(settings);
            return PruneReport.of("secrets", List.of(), List.of());
        };
        EngineContext context = context("cleanup").with(WorkspacePruner.class, "secrets", pruner);
        Map<String, Object> settings = PruneStep.keepingWhatTheNextCleanupNeeds(new Layout(workspace),
                Settings.read(new Layout(workspace)), context);
        PruneStep.prune(java.util.Set.of("secrets"), new Layout(workspace), settings, context);
        assertEquals(List.of("ssh/**", "kommandir_workspace/ssh/**"), seen.get(0).get(PruneStep.KEEP_SETTING));
        assertTrue(context.messagesText().contains("prune: keeping the job's keys (ssh/): u1-kommandir may still exist"),
                context.messagesText());
    }

    @Test
    void aLocalKommandirRunsTheJobInItsWorkspaceAndResultsComeBack() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\njob_path: " + home.resolve("jobs/quickstart") + "\n");
        assertEquals(0, run(new WorkspaceStep(), "setup", Map.of()));
        assertEquals(0, run(new KommandirStep(), "setup", Map.of()));
        assertTrue(Files.readString(workspace.resolve("inventory/host_vars/kommandir.yml")).contains("ansible_host"));
        assertEquals(0, run(new SyncStep(), "setup", Map.of("direction", "push")));
        Path kommandir = workspace.resolve("kommandir_workspace");
        assertEquals("# the job's setup\n", Files.readString(kommandir.resolve("setup.yml")), "job on top");
        assertEquals("# default setup\n", Files.readString(kommandir.resolve("default_setup.yml")));
        assertTrue(Files.exists(kommandir.resolve("default_job.xn")));
        assertTrue(Files.readString(kommandir.resolve("exekutir_vars.yml")).contains("uuid: u1"));
        assertTrue(Files.exists(kommandir.resolve("ssh/exekutir_key")), "the kommandir's own key");
        assertTrue(transport.syncs.isEmpty(), "nothing is sent to a local kommandir");
        assertEquals(0, run(new JobStep(engine), "setup", Map.of()));
        assertEquals("0", Files.readString(workspace.resolve("kommandir_setup.exit")));
        assertTrue(transport.commands.isEmpty(), "no child exekutir: " + transport.commands);
        assertEquals(1, jobs.size());
        TransitionRequest job = jobs.get(0);
        assertEquals("setup", job.context());
        assertEquals(kommandir.toRealPath(), job.workspace());
        assertEquals(kommandir.resolve("job.xn").toString(), job.file());
        assertEquals(kommandir, job.workingDirectory());
        assertEquals(home, job.home());
        assertFalse(Files.exists(kommandir.resolve(".exekutir.lock")), "the kommandir's workspace is given back");
        assertEquals(0, run(new SyncStep(), "setup", Map.of("direction", "pull")));
        assertEquals("setup in " + kommandir + "\n", Files.readString(workspace.resolve("results/setup.txt")));
        assertEquals(0, run(new DestroyStep(), "cleanup", Map.of()));
        assertEquals(1, local.alive.size(), "a local kommandir is never destroyed");
    }

    @Test
    void aKommandirWorkspaceCutShortIsBuiltAgainAndSettingsFollowTheExekutirs() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\n");
        run(new KommandirStep(), "setup", Map.of());
        write(workspace.resolve("kommandir_workspace/job.xn"), "--- []\n"); // a setup killed while building
        assertEquals(0, run(new SyncStep(), "cleanup", Map.of("direction", "push")));
        assertTrue(Files.readString(workspace.resolve("kommandir_workspace/exekutir_vars.yml")).contains("uuid: u1"));
        assertTrue(Files.exists(workspace.resolve("kommandir_workspace/default_setup.yml")));
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nstonith: true\n");
        write(workspace.resolve("kommandir_workspace/setup.yml"), "# changed by the job\n");
        assertEquals(0, run(new SyncStep(), "cleanup", Map.of("direction", "push")));
        assertTrue(Files.readString(workspace.resolve("kommandir_workspace/exekutir_vars.yml")).contains("stonith: true"));
        assertEquals("# changed by the job\n", Files.readString(workspace.resolve("kommandir_workspace/setup.yml")),
                "a complete kommandir workspace is not rebuilt after setup");
    }

    @Test
    void theJobsExitCodeIsParkedAndTheStepSucceeds() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\n");
        run(new KommandirStep(), "run", Map.of());
        run(new SyncStep(), "run", Map.of("direction", "push"));
        jobExit = 7;
        assertEquals(0, run(new JobStep(engine), "run", Map.of()));
        assertEquals("7", Files.readString(workspace.resolve("kommandir_run.exit")));
    }

    @Test
    void aRemoteKommandirGetsTheRuntimeAndWorkspaceAndTheJobRunsThere() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nkommandir_provider: netns\n");
        run(new KommandirStep(), "setup", Map.of());
        run(new SyncStep(), "setup", Map.of("direction", "push"));
        assertEquals(2, transport.syncs.size(), transport.syncs.toString());
        assertTrue(transport.syncs.get(0).startsWith("push " + home + " /var/tmp/k1/exekutir "));
        assertTrue(transport.syncs.get(0).contains("lib/cds/**"));
        assertTrue(transport.syncs.get(1).startsWith("push " + workspace.resolve("kommandir_workspace")
                + " /var/tmp/k1/kommandir_workspace "));
        run(new SyncStep(), "setup", Map.of("direction", "pull"));
        assertTrue(transport.syncs.get(2).startsWith("pull /var/tmp/k1/kommandir_workspace "), transport.syncs.toString());
        assertTrue(transport.syncs.get(2).contains("ssh/**"));
    }

    @Test
    void inCleanupNothingIsCreatedAndMissingKommandirsAreNotAnError() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nkommandir_provider: netns\n");
        assertEquals(0, run(new KommandirStep(), "cleanup", Map.of()));
        assertEquals(0, run(new SyncStep(), "cleanup", Map.of("direction", "push")));
        assertEquals(0, run(new JobStep(engine), "cleanup", Map.of()));
        assertEquals(0, run(new SyncStep(), "cleanup", Map.of("direction", "pull")));
        assertEquals(0, run(new DestroyStep(), "cleanup", Map.of()));
        assertTrue(remote.alive.isEmpty());
        assertFalse(Files.exists(workspace.resolve("hosts/kommandir.yml")));
    }

    @Test
    void destroyKeepsAYoungKommandirUnlessStonith() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nkommandir_provider: netns\n");
        run(new KommandirStep(), "setup", Map.of());
        assertEquals(0, run(new DestroyStep(), "cleanup", Map.of()));
        assertEquals(1, remote.alive.size(), "younger than too_old: kept");
        remote.age = java.time.Duration.ofDays(4);
        assertEquals(0, run(new DestroyStep(), "cleanup", Map.of()));
        assertTrue(remote.alive.isEmpty(), "older than too_old: destroyed");
        run(new KommandirStep(), "setup", Map.of());
        remote.age = null;
        Files.writeString(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nkommandir_provider: netns\nstonith: true\n");
        assertEquals(0, run(new DestroyStep(), "cleanup", Map.of()));
        assertTrue(remote.alive.isEmpty(), "stonith: destroyed whatever its age");
        assertTrue(Files.readString(workspace.resolve("hosts/kommandir.yml")).contains("state: destroyed"));
    }

    @Test
    void aKommandirWhoseCreationFailedIsStillDestroyed() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nkommandir_provider: netns\nstonith: true\n");
        remote.failFor.add("kommandir");
        assertThrows(StepException.class, () -> run(new KommandirStep(), "setup", Map.of()));
        remote.alive.add("u1-kommandir"); // half made
        assertEquals(0, run(new DestroyStep(), "cleanup", Map.of()));
        assertTrue(remote.alive.isEmpty());
    }

    @Test
    void aFailureIsParkedInTheExitFileAndTheTransitionGoesOn() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nkommandir_provider: netns\n");
        remote.failFor.add("kommandir");
        assertEquals(0, run(new KommandirStep(), "cleanup", Map.of()), "no record: nothing to do");
        run(new KommandirStep(), "setup", Map.of("exitfile", "$WORKSPACE/k.exit"));
        assertEquals("1", Files.readString(workspace.resolve("k.exit")));
    }

    @Test
    void pruneWritesTheReportOrKeepsEverythingWithAdeptDebug() throws Exception {
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\n");
        write(workspace.resolve("ssh/exekutir_key"), "secret");
        WorkspacePruner pruner = (ws, settings) -> {
            Files.delete(ws.resolve("ssh/exekutir_key"));
            return PruneReport.of("secrets", List.of("ssh/exekutir_key"), List.of());
        };
        EngineContext context = context("cleanup").with(WorkspacePruner.class, "secrets", pruner);
        assertEquals(0, PruneStep.prune(java.util.Set.of("secrets"), new Layout(workspace),
                Settings.read(new Layout(workspace)).values(), context).size() - 1);
        assertFalse(Files.exists(workspace.resolve("ssh/exekutir_key")));
        write(workspace.resolve("exekutir_vars.yml"), "uuid: u1\nadept_debug: true\n");
        assertEquals(0, new PruneStep().run(StepOptions.of(Map.of()), context));
        assertTrue(Files.readString(workspace.resolve("results/prune_report.yml")).contains("adept_debug is true"));
    }

    /** A step named only for contexts it does nothing in is a mistake in the file, refused up front. */
    @Test
    void anEntryForContextsItsStepDoesNothingInIsRefused() {
        StepOptions none = StepOptions.of(Map.of());
        assertEquals(List.of("'peons' does nothing in run: it works only in cleanup and setup"),
                new PeonsStep().check(none, List.of("run")));
        assertEquals(List.of("'prune' does nothing in setup, run: it works only in cleanup"),
                new PruneStep().check(none, List.of("setup", "run")));
        assertTrue(new PeonsStep().check(none, List.of("run", "cleanup")).isEmpty(), "one context it works in");
        assertTrue(new PeonsStep().check(none, List.of()).isEmpty(), "no contexts: every one");
        assertTrue(new JobStep().check(none, List.of("run")).isEmpty(), "a step for every context");
    }

    @Test
    void syncRefusesAnUnknownDirectionBeforeTheTransitionStarts() {
        assertEquals(List.of("direction must be push (exekutir to kommandir) or pull (back), not 'sideways'"),
                new SyncStep().check(StepOptions.of(Map.of("direction", "sideways"))));
        assertTrue(new SyncStep().check(StepOptions.of(Map.of("direction", "pull"))).isEmpty());
    }
}
