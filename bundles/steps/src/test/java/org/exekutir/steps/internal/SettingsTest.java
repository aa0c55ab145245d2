package org.exekutir.steps.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.exekutir.api.step.StepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path workspace;

    private Settings read(String text) throws IOException, StepException {
        Files.writeString(workspace.resolve("exekutir_vars.yml"), text);
        return Settings.read(new Layout(workspace));
    }

    private String problem(String text) throws IOException {
        Files.writeString(workspace.resolve("exekutir_vars.yml"), text);
        return assertThrows(StepException.class, () -> Settings.read(new Layout(workspace))).getMessage();
    }

    @Test
    void defaultsApplyToKeysNotWritten() throws Exception {
        Settings settings = read("uuid: abc-1\n");
        assertEquals("abc-1", settings.uuid());
        assertEquals("local", settings.kommandirProvider());
        assertEquals("netns", settings.peonProvider());
        assertEquals(10, settings.peonParallelism());
        assertEquals(3.0, settings.tooOldDays());
        assertFalse(settings.stonith());
        assertFalse(settings.adeptDebug());
        assertEquals(Path.of("/opt/x/jobs/quickstart"), settings.jobPath(Path.of("/opt/x")));
    }

    @Test
    void writtenValuesAreRead() throws Exception {
        Settings settings = read("uuid: u\nstonith: true\ntoo_old: 0.5\npeon_parallelism: 50\njob_path: jobs/mine\n"
                + "kommandir_provider: netns\nadept_debug: yes\n");
        assertTrue(settings.stonith());
        assertTrue(settings.adeptDebug());
        assertEquals(0.5, settings.tooOldDays());
        assertEquals(50, settings.peonParallelism());
        assertEquals("netns", settings.kommandirProvider());
        assertEquals(workspace.resolve("jobs/mine"), settings.jobPath(Path.of("/opt/x")));
    }

    @Test
    void aBadValueIsNamedWithTheFileAndLine() throws Exception {
        String message = problem("---\nuuid: u\n\ntoo_old: soon\n");
        assertTrue(message.contains(workspace.resolve("exekutir_vars.yml") + ", line 4: too_old 'soon'"), message);
        assertTrue(message.contains("number of days"), message);
    }

    @Test
    void otherBadValuesAreNamed() throws Exception {
        assertTrue(problem("uuid: u\npeon_parallelism: 0\n").contains("line 2: peon_parallelism '0'"));
        assertTrue(problem("uuid: u\nstonith: maybe\n").contains("line 2: stonith 'maybe' must be true or false"));
        assertTrue(problem("uuid: u\nkommandir_provider: 'a b'\n").contains("line 2: kommandir_provider"));
        assertTrue(problem("job_path: x\n").contains("uuid is missing"));
        assertTrue(problem("uuid: 'a/b'\n").contains("line 1: uuid 'a/b'"));
    }

    @Test
    void aFileThatIsNotAMapIsRefused() throws Exception {
        assertTrue(problem("- a\n- b\n").contains("must hold a YAML map"));
        assertTrue(problem("uuid: [\n").contains("not valid YAML"));
    }

    @Test
    void aMissingFileSaysWhoCreatesIt() {
        String message = assertThrows(StepException.class, () -> Settings.read(new Layout(workspace))).getMessage();
        assertTrue(message.contains("exekutir_vars.yml does not exist") && message.contains("workspace step"), message);
    }

    @Test
    void aKeyOneEditAwayFromASettingIsATypoAndAJobsOwnKeyIsNot() throws Exception {
        Settings settings = read("uuid: u\nstonit: true\nmy_app_port: 8080\n");
        String message = settings.typo(Settings.OWN_KEYS).orElseThrow().getMessage();
        assertTrue(message.endsWith("exekutir_vars.yml, line 2: stonit is not a setting; did you mean stonith?"), message);
        assertTrue(read("uuid: u\nmy_app_port: 8080\nstonith: true\n").typo(Settings.OWN_KEYS).isEmpty());
        for (String typo : new String[] {"too_lod", "peon_paralelism", "adept_debugg", "jobpath", "uuid_"}) {
            assertTrue(read("uuid: u\n" + typo + ": 1\n").typo(Settings.OWN_KEYS).isPresent(), typo);
        }
        assertFalse(EditDistance.atMostOne("stonith", "stone"));
        assertFalse(EditDistance.atMostOne("job_name", "job_path"));
    }

    @Test
    void aFolderWhereTheSettingsFileBelongsIsSaidSo() throws Exception {
        Files.createDirectory(workspace.resolve("exekutir_vars.yml"));
        String message = assertThrows(StepException.class, () -> Settings.read(new Layout(workspace))).getMessage();
        assertTrue(message.endsWith("exekutir_vars.yml is a folder; it must be the job's settings file (a YAML map)"),
                message);
    }
}
