package org.exekutir.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's answer to one line, through a real Gogo command processor. */
class ConsoleServerTest {

    /** Commands of scope "test". */
    public static final class Commands {
        public String greet(String who) {
            return "hello, " + who;
        }

        public void fail() {
            throw new IllegalStateException("it went wrong\non two lines");
        }

        public void nothing() {
        }
    }

    private ThreadIOImpl threadIo;
    private CommandSession session;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream out;

    @BeforeEach
    void start() {
        threadIo = new ThreadIOImpl();
        threadIo.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIo);
        processor.addCommand("test", new Commands(), "greet");
        processor.addCommand("test", new Commands(), "fail");
        processor.addCommand("test", new Commands(), "nothing");
        out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        session = processor.createSession(InputStream.nullInputStream(), out, out);
    }

    @AfterEach
    void stop() {
        session.close();
        threadIo.stop();
    }

    private String answer(String line) {
        bytes.reset();
        ConsoleServer.execute(session, line, out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void outputThenStatusZero() {
        assertEquals("hello, world\n\0exit 0\n", answer("test:greet world"));
    }

    @Test
    void aCommandWithoutResultAnswersOnlyTheStatus() {
        assertEquals("\0exit 0\n", answer("test:nothing"));
    }

    @Test
    void aFailureAnswersStatusOneWithItsMessageOnOneLine() {
        assertEquals("\0exit 1 it went wrong on two lines\n", answer("test:fail"));
    }

    @Test
    void anUnknownCommandIsNamed() {
        assertEquals("\0exit 1 Command not found: test:nosuch\n", answer("test:nosuch"));
    }
}
