package org.exekutir.netns.hosts;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * What the provider made for one host, kept in the host's folder ({@value #FILE_NAME}) so that
 * creation finds its address again and destruction finds its links without provider memory.
 *
 * @param request   the request name
 * @param namespace the network namespace
 * @param created   when the host was first made (its age counts from here)
 * @param subnet    the host's /30: {@code .1} is the provider's end, {@code .2} the host
 * @param outerLink the veth end in the provider's namespace
 * @param innerLink the veth end in the host's namespace
 */
public record HostRecord(String request, String namespace, Instant created, Ipv4Range subnet, String outerLink,
        String innerLink) {

    public static final String FILE_NAME = "host.properties";

    public static HostRecord fresh(HostNames names, Instant created, Ipv4Range subnet) {
        return new HostRecord(names.request(), names.namespace(), created, subnet, names.outerLink(),
                names.innerLink());
    }

    public String outerAddress() {
        return subnet.address(1);
    }

    public String hostAddress() {
        return subnet.address(2);
    }

    /** @return the record in {@code folder}; empty when there is none or it cannot be read */
    public static Optional<HostRecord> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HostRecord(required(properties, "request"), required(properties, "namespace"),
                    Instant.parse(required(properties, "created")),
                    Ipv4Range.parse(required(properties, "subnet"), file.toString()),
                    required(properties, "outer_link"), required(properties, "inner_link")));
        } catch (NetnsException | DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    /** Writes the record whole or not at all (a crash never leaves half a record). */
    public void write(Path folder) throws IOException {
        String text = "# exekutir netns host: what creation and destruction find by name\n"
                + "request=" + escape(request) + "\n"
                + "namespace=" + namespace + "\n"
                + "created=" + created + "\n"
                + "subnet=" + subnet + "\n"
                + "outer_address=" + outerAddress() + "\n"
                + "host_address=" + hostAddress() + "\n"
                + "outer_link=" + outerLink + "\n"
                + "inner_link=" + innerLink + "\n";
        Path temporary = folder.resolve(FILE_NAME + ".new");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, folder.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!') {
                escaped.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
