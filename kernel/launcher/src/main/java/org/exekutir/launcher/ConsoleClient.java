package org.exekutir.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Runs one console command on the daemon of a home, over its loopback port (written by the
 * daemon to {@code run/console.port}). The console answers every command line with its
 * output, then a status line that starts with a NUL character: {@code \0exit CODE [MESSAGE]}.
 */
final class ConsoleClient {

    /** Marks the status line that ends the answer to one command. */
    static final char STATUS = '\0';
    private static final int TIMEOUT_MILLIS = 300_000;

    private final Path home;

    ConsoleClient(Path home) {
        this.home = home;
    }

    /** @throws NoDaemonException when no daemon listens for this home */
    int execute(String commandLine, PrintStream out, PrintStream err) throws NoDaemonException, IOException {
        int port = port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream request = socket.getOutputStream();
            request.write((commandLine + "\n").getBytes(StandardCharsets.UTF_8));
            request.flush();
            BufferedReader answer = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = answer.readLine(); line != null; line = answer.readLine()) {
                if (!line.isEmpty() && line.charAt(0) == STATUS) {
                    return status(line.substring(1), err);
                }
                out.println(line);
            }
            throw new IOException("the daemon closed the connection before it answered");
        } catch (ConnectException e) {
            throw new NoDaemonException(home);
        }
    }

    private static int status(String line, PrintStream err) {
        String[] words = line.split(" ", 3);
        int code = words.length > 1 ? Integer.parseInt(words[1]) : 1;
        if (words.length > 2 && !words[2].isBlank()) {
            err.println("exekutir: " + words[2]);
        }
        return code;
    }

    private int port() throws NoDaemonException, IOException {
        try {
            return Integer.parseInt(Files.readString(home.resolve("run").resolve("console.port")).strip());
        } catch (NoSuchFileException | NumberFormatException e) {
            throw new NoDaemonException(home);
        }
    }

    /** No daemon runs for the home: nothing to act on. */
    static final class NoDaemonException extends Exception {
        private static final long serialVersionUID = 1L;

        NoDaemonException(Path home) {
            super("no daemon is running for " + home + "; start one with: exekutir daemon");
        }
    }
}
