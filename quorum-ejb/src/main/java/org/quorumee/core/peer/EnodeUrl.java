package org.quorumee.core.peer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.quorumee.core.bytes.Hex;

/**
 * A node's address as GoQuorum writes it: {@code enode://<128 hex>@host:port?discport=0&raftport=N}.
 * The node ID (the secp256k1 public key, x ‖ y) is what identifies a node; host and ports say where
 * it listens. {@link #raftPort()} is 0 when the URL has none.
 */
public record EnodeUrl(String nodeId, String host, int port, int discoveryPort, int raftPort) {
    /** Hex digits of a node ID: 64 bytes. */
    public static final int NODE_ID_HEX_LENGTH = 128;

    public EnodeUrl {
        nodeId = normalizeNodeId(nodeId);
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("enode URL without a host");
        }
        checkPort(port, "port", false);
        checkPort(discoveryPort, "discport", true);
        checkPort(raftPort, "raftport", true);
    }

    /** The URL GoQuorum's files carry for a node that does not use discovery: {@code ?discport=0}. */
    public static EnodeUrl of(byte[] publicKey, String host, int port) {
        if (publicKey.length != 64) {
            throw new IllegalArgumentException("a node ID is 64 bytes, found " + publicKey.length);
        }
        return new EnodeUrl(Hex.encodeNoPrefix(publicKey), host, port, 0, 0);
    }

    /**
     * Parses {@code enode://ID@host:port[?discport=N][&raftport=N]}; query parameters other than
     * those two are ignored, as GoQuorum does.
     *
     * @throws IllegalArgumentException with the reason when the text is not such a URL
     */
    public static EnodeUrl parse(String text) {
        Objects.requireNonNull(text, "enode URL");
        String trimmed = text.trim();
        if (!trimmed.startsWith("enode://")) {
            throw new IllegalArgumentException("not an enode URL (must start with enode://): " + abbreviate(trimmed));
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed enode URL: " + e.getReason() + ": " + abbreviate(trimmed));
        }
        String id = uri.getRawUserInfo();
        if (id == null) {
            throw new IllegalArgumentException("enode URL without a node ID before '@': " + abbreviate(trimmed));
        }
        String host = uri.getHost();
        if (host == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("enode URL without host:port: " + abbreviate(trimmed));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int discPort = uri.getPort();
        int raftPort = 0;
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (key.equals("discport")) {
                    discPort = parsePort(value, "discport");
                } else if (key.equals("raftport")) {
                    raftPort = parsePort(value, "raftport");
                }
            }
        }
        return new EnodeUrl(id, host, uri.getPort(), discPort, raftPort);
    }

    /** The node ID as 64 bytes. */
    public byte[] publicKey() {
        return Hex.decode(nodeId);
    }

    /** This URL with another raft port. */
    public EnodeUrl withRaftPort(int newRaftPort) {
        return new EnodeUrl(nodeId, host, port, discoveryPort, newRaftPort);
    }

    /** GoQuorum's form: {@code ?discport=N} always, {@code &raftport=N} when there is one. */
    @Override
    public String toString() {
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        StringBuilder out = new StringBuilder(NODE_ID_HEX_LENGTH + 64).append("enode://").append(nodeId).append('@')
                .append(hostPart).append(':').append(port).append("?discport=").append(discoveryPort);
        if (raftPort != 0) {
            out.append("&raftport=").append(raftPort);
        }
        return out.toString();
    }

    /**
     * A node ID in canonical form (128 lower-case hex digits), from text with or without "0x".
     *
     * @throws IllegalArgumentException when it is not 64 bytes of hex
     */
    public static String normalizeNodeId(String nodeId) {
        Objects.requireNonNull(nodeId, "node ID");
        String hex = nodeId.startsWith("0x") || nodeId.startsWith("0X") ? nodeId.substring(2) : nodeId;
        if (hex.length() != NODE_ID_HEX_LENGTH) {
            throw new IllegalArgumentException("a node ID is " + NODE_ID_HEX_LENGTH + " hex digits, found "
                    + hex.length());
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("node ID with a character that is not a hex digit at " + i);
            }
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static int parsePort(String value, String name) {
        try {
            int port = Integer.parseInt(value);
            checkPort(port, name, true);
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("enode URL with an invalid " + name + ": " + abbreviate(value));
        }
    }

    private static void checkPort(int port, String name, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException("enode URL with " + name + " out of range: " + port);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
