package org.exekutir.itest;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.exekutir.launch.TransitionService;
import org.junit.Test;

/** Transitions run through the real step types, the real shell and the real ansible-playbook. */
public class TransitionIT extends KernelTestSupport {

    @Test
    public void aVariableACommandAndAPlaybookRunInOrder() throws Exception {
        Path workspace = workspace();
        write(workspace.resolve("inventory"), "localhost ansible_connection=local ansible_python_interpreter=auto_silent\n");
        write(workspace.resolve("play.yml"), """
                - name: itest playbook
                  hosts: all
                  gather_facts: false
                  tasks:
                    - name: Write what exekutir passed to the playbook
                      ansible.builtin.copy:
                        dest: "{{ workspace }}/played-{{ adept_context }}.txt"
                        content: "played {{ adept_context }}\\n"
                """);
        Path file = write(workspace.resolve("all.xn"), """
                - variable:
                    name: MYVAR
                    value: hello from a variable
                - command:
                    filepath: /bin/sh
                    arguments: -c 'printf %s "$MYVAR" > "$WORKSPACE/out.txt"'
                - playbook:
                    filepath: play.yml
                    inventory: inventory
                """);

        Run run = transition("setup", workspace, file);

        assertEquals(run.toString(), 0, run.code());
        assertEquals("what the command wrote (the variable, through the child's environment)",
                "hello from a variable", read(workspace.resolve("out.txt")));
        assertEquals("what the playbook wrote", "played setup\n", read(workspace.resolve("played-setup.txt")));
        assertInOrder(run, "Parameters:", "Variable:", "transition item = '1'", "Command:", "transition item = '2'",
                "Playbook:", "transition item = '3'");
        assertThat("the playbook's output goes to out\n" + run, run.out(), containsString("PLAY RECAP"));
        assertThat("the playbook's output goes to out\n" + run, run.out(), containsString("failed=0"));
    }

    @Test
    public void aFailingCommandEndsTheTransitionWithItsExitCode() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("fails.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo before > "$WORKSPACE/before.txt"'
                - command:
                    filepath: /bin/sh
                    arguments: -c 'exit 3'
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo after > "$WORKSPACE/after.txt"'
                """);

        Run run = transition("setup", workspace, file);

        assertEquals(run.toString(), 3, run.code());
        assertTrue("the entry before the failing one ran\n" + run, Files.exists(workspace.resolve("before.txt")));
        assertFalse("the entry after the failing one ran\n" + run, Files.exists(workspace.resolve("after.txt")));
        assertThat(run.toString(), run.err(), containsString("exit = 3"));
        assertThat(run.toString(), run.err(), not(containsString("transition item = '3'")));
    }

    @Test
    public void anInvalidFileRunsNothing() throws Exception {
        Path workspace = workspace();
        Path file = write(workspace.resolve("invalid.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo ran > "$WORKSPACE/ran.txt"'
                - frobnicate:
                    what: ever
                """);

        Run run = transition("setup", workspace, file);

        assertEquals(run.toString(), TransitionService.INVALID, run.code());
        assertFalse("an entry of an invalid file ran\n" + run, Files.exists(workspace.resolve("ran.txt")));
        assertThat(run.toString(), run.err(), containsString("unknown action type 'frobnicate'"));
        assertThat(run.toString(), run.err(), containsString("nothing was run"));
        assertThat(run.toString(), run.err(), not(containsString("Command:")));
    }

    /** Each text appears in err, after the one before it. */
    private static void assertInOrder(Run run, String... texts) {
        int from = 0;
        for (String text : texts) {
            int at = run.err().indexOf(text, from);
            assertTrue("'" + text + "' in err after position " + from + "\n" + run, at >= 0);
            from = at + text.length();
        }
    }
}
