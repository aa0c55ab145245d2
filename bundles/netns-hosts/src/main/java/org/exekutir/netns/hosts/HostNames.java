package org.exekutir.netns.hosts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Every name a host's parts carry, derived from the request name alone, so that a later run
 * (or a later version of the provider) finds them without any memory of this one.
 *
 * @param request   the request name ({@code <uuid>-<inventory name>})
 * @param folder    the host's folder name under {@code netns_root}
 * @param namespace the network namespace ({@code /run/netns/<namespace>})
 * @param outerLink the veth end in the provider's own namespace
 * @param innerLink the veth end inside the host's namespace
 */
public record HostNames(String request, String folder, String namespace, String outerLink, String innerLink) {

    /** Every link the provider makes starts with this; routes over such links are its own. */
    public static final String LINK_PREFIX = "exk";
    /** Every namespace the provider makes starts with this, so it never touches anyone else's. */
    public static final String NAMESPACE_PREFIX = "exekutir-";
    /** Linux allows 15 characters for a link name: prefix, 11 hex digits, one letter. */
    private static final int LINK_HASH_LENGTH = 11;
    private static final int LONGEST_NAME = 180;

    public static HostNames of(String request) throws NetnsException {
        if (request == null || request.isBlank()) {
            throw new NetnsException("a netns host needs a name; the request has none");
        }
        String hash = sha256Hex(request);
        String folder = fileSafe(request, hash);
        String links = LINK_PREFIX + hash.substring(0, LINK_HASH_LENGTH);
        return new HostNames(request, folder, NAMESPACE_PREFIX + folder, links + "o", links + "i");
    }

    /** A host name (an RFC 1123 label) made of the request name: what a container or VM calls itself. */
    public static String hostLabel(String request) {
        String label = request.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
        label = label.length() > 63 ? label.substring(0, 63) : label;
        label = label.replaceAll("-+$", "");
        return label.isEmpty() ? "exekutir-host" : label;
    }

    /** The name itself when it is a plain file name; otherwise a cleaned one made unique by the hash. */
    private static String fileSafe(String request, String hash) {
        String cleaned = request.replaceAll("[^A-Za-z0-9._-]", "_");
        if (cleaned.startsWith(".")) {
            cleaned = "_" + cleaned.substring(1);
        }
        if (cleaned.equals(request) && cleaned.length() <= LONGEST_NAME) {
            return cleaned;
        }
        return cleaned.substring(0, Math.min(cleaned.length(), LONGEST_NAME)) + "-" + hash.substring(0, 8);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
