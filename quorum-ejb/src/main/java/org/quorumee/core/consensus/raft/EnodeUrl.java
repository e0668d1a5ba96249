package org.quorumee.core.consensus.raft;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Secp256k1;

/**
 * An enode URL as GoQuorum's Raft reads it ({@code p2p/enode/urlv4.go} with Quorum's raft port):
 * {@code enode://<128 hex node id>@<host>:<port>?discport=<n>&raftport=<n>}, or the bare
 * {@code enode://<node id>}. Parsing checks what go-ethereum checks, with its error texts, and
 * never looks a name up.
 *
 * @param host     the host as written (brackets of an IPv6 literal removed); null when absent
 * @param raftPort -1 when the URL has no {@code raftport}
 */
record EnodeUrl(byte[] nodeId, String host, int port, int raftPort) {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern BARE = Pattern.compile("(?i)(?:enode://)?([0-9a-f]+)");

    static EnodeUrl parse(String url) {
        if (BARE.matcher(url).matches()) {
            String hex = url.regionMatches(true, 0, "enode://", 0, 8) ? url.substring(8) : url;
            return new EnodeUrl(nodeIdOf(hex), null, 0, -1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RaftMembershipException("parse \"" + url + "\": " + e.getReason());
        }
        if (!"enode".equals(uri.getScheme())) {
            throw new RaftMembershipException("invalid URL scheme, want \"enode\"");
        }
        String user = uri.getRawUserInfo();
        if (user == null) {
            throw new RaftMembershipException("does not contain node ID");
        }
        byte[] nodeId = nodeIdOf(user);
        String host = uri.getHost();
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort();
        if (port < 0 || port > 0xffff) {
            throw new RaftMembershipException("invalid port");
        }
        String discport = queryParameter(uri, "discport");
        if (discport != null && !discport.isEmpty() && parsePort(discport) < 0) {
            throw new RaftMembershipException("invalid discport in query");
        }
        String raftPortText = queryParameter(uri, "raftport");
        int raftPort = -1;
        if (raftPortText != null && !raftPortText.isEmpty()) {
            raftPort = parsePort(raftPortText);
            if (raftPort < 0) {
                throw new RaftMembershipException("invalid raftport in query");
            }
            if (host == null || host.isEmpty()) {
                throw new RaftMembershipException("empty hostname in raft url");
            }
        }
        return new EnodeUrl(nodeId, host, port, raftPort);
    }

    boolean hasRaftPort() {
        return raftPort >= 0;
    }

    /** Whether the host is a DNS name (not an IP literal). */
    boolean hasHostname() {
        return host != null && !host.isEmpty() && !isIpv4() && !host.contains(":");
    }

    boolean isIpv4() {
        return host != null && IPV4.matcher(host).matches();
    }

    /** The length of the IP go-ethereum would hold: 4 for IPv4, 16 for IPv6, 0 for none. */
    int ipLength() {
        if (isIpv4()) {
            return 4;
        }
        return host != null && host.contains(":") ? 16 : 0;
    }

    RaftPeer toPeer(int raftId) {
        return new RaftPeer(raftId, nodeId, host, port, raftPort);
    }

    private static byte[] nodeIdOf(String hex) {
        if (hex.length() % 2 != 0) {
            throw new RaftMembershipException("invalid public key (encoding/hex: odd length hex string)");
        }
        byte[] id;
        try {
            id = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new RaftMembershipException("invalid public key (encoding/hex: invalid byte)");
        }
        if (id.length != 64) {
            throw new RaftMembershipException("invalid public key (wrong length, want 128 hex chars)");
        }
        if (!Secp256k1.isValidPublicKey(id)) {
            throw new RaftMembershipException("invalid public key (invalid secp256k1 public key)");
        }
        return id;
    }

    private static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 0xffff ? port : -1;
    }
}
