package org.exekutir.console.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo console on a loopback port ({@value #PORT_PROPERTY}, default {@value #DEFAULT_PORT};
 * 0 picks a free one), for the {@code exekutir bundle} command line and for people
 * ({@code nc 127.0.0.1 PORT}). It answers each line with the command's output and then one
 * status line: a NUL character, {@code exit CODE} and, when the command failed, its message.
 * The port in use is written to {@code run/console.port}.
 *
 * <p>Only this host can connect, and any local user who can: run the daemon where local
 * users are trusted.
 */
@Component(immediate = true)
public class ConsoleServer {

    static final String PORT_PROPERTY = "exekutir.console.port";
    static final int DEFAULT_PORT = 7313;
    static final char STATUS = '\0';

    @Reference
    private CommandProcessor processor;
    /** Here only so that the port opens after exekutir's commands are registered. */
    @Reference
    private ConsoleCommands commands;

    private ServerSocket server;
    private Path portFile;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    @Activate
    void activate(BundleContext context) throws IOException {
        int port = port(context.getProperty(PORT_PROPERTY));
        try {
            server = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            System.err.println("exekutir: cannot open the console on 127.0.0.1:" + port + ": " + e.getMessage()
                    + " (set " + PORT_PROPERTY + " in conf/exekutir.properties)");
            throw e;
        }
        Path home = Path.of(context.getProperty("exekutir.home"));
        portFile = home.resolve("run").resolve("console.port");
        writeAtomically(portFile, server.getLocalPort() + "\n");
        Thread acceptor = new Thread(this::accept, "exekutir-console-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Deactivate
    void deactivate() throws IOException {
        Files.deleteIfExists(portFile);
        server.close();
        for (Socket client : clients) {
            client.close();
        }
    }

    private static int port(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_PROPERTY + " must be a port number: " + configured);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread thread = new Thread(() -> serve(client), "exekutir-console-client-" + client.getPort());
                thread.setDaemon(true);
                thread.start();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                System.err.println("exekutir: console: " + e.getMessage());
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream();
                PrintStream out = new PrintStream(client.getOutputStream(), true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            // Unqualified names find exekutir's commands first (install, update are also Felix's).
            session.put("SCOPE", "exekutir:*");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    execute(session, line, out);
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            clients.remove(client);
        }
    }

    /** Runs one line and writes its output, then the status line. */
    static void execute(CommandSession session, String line, PrintStream out) {
        String status;
        try {
            Object result = session.execute(line);
            if (result != null) {
                String text = String.valueOf(session.format(result, Converter.INSPECT));
                out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
            }
            status = "exit 0";
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            status = "exit 1 " + message.replace('\n', ' ').strip();
        }
        out.flush();
        out.print(STATUS + status + "\n");
        out.flush();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, text);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
