package org.exekutir.netns.hosts;

/**
 * An IPv4 block in CIDR form ({@code 10.213.0.0/16}); also one host's {@code /30}.
 *
 * @param base   the first address, as an unsigned 32-bit number in an int
 * @param prefix the prefix length, 0 to 32
 */
public record Ipv4Range(int base, int prefix) {

    /** Each host gets a /30: network, the provider's end, the host's end, broadcast. */
    public static final int HOST_PREFIX = 30;

    public Ipv4Range {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix " + prefix + " is not between 0 and 32");
        }
        if ((base & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException(dotted(base) + "/" + prefix + " has host bits set");
        }
    }

    /**
     * @param text   {@code a.b.c.d/n}, or {@code a.b.c.d} for a single address (/32)
     * @param origin what the text is, for the message (a setting's name, a route)
     */
    public static Ipv4Range parse(String text, String origin) throws NetnsException {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw notCidr(text, origin);
        }
        String[] parts = addressPart.split("\\.", -1);
        if (parts.length != 4 || prefix < 0 || prefix > 32) {
            throw notCidr(text, origin);
        }
        int base = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                throw notCidr(text, origin);
            }
            base = (base << 8) | Integer.parseInt(part);
        }
        if ((base & ~mask(prefix)) != 0) {
            throw new NetnsException(origin + ": " + text + " has host bits set; did you mean "
                    + dotted(base & mask(prefix)) + "/" + prefix + "?");
        }
        return new Ipv4Range(base, prefix);
    }

    private static NetnsException notCidr(String text, String origin) {
        return new NetnsException(origin + ": '" + text + "' is not an IPv4 range like 10.213.0.0/16");
    }

    public static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public static String dotted(int value) {
        return (value >>> 24) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
    }

    /** @return whether the two blocks share at least one address */
    public boolean overlaps(Ipv4Range other) {
        int shorter = Math.min(prefix, other.prefix);
        return (base & mask(shorter)) == (other.base & mask(shorter));
    }

    /** @return how many host /30s fit in this range */
    public long hostSubnets() {
        return prefix > HOST_PREFIX ? 0 : 1L << (HOST_PREFIX - prefix);
    }

    /** @return the n-th /30 of this range */
    public Ipv4Range hostSubnet(long n) {
        if (n < 0 || n >= hostSubnets()) {
            throw new IndexOutOfBoundsException(n + " of " + hostSubnets());
        }
        return new Ipv4Range(base + (int) (n << (32 - HOST_PREFIX)), HOST_PREFIX);
    }

    /** @return the address {@code offset} places after the first one */
    public String address(int offset) {
        return dotted(base + offset);
    }

    @Override
    public String toString() {
        return dotted(base) + "/" + prefix;
    }
}
