package org.quorumee.web.rpc;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What the node's JSON-RPC endpoints accept, from system properties ({@code quorum.rpc.*},
 * {@code quorum.ws.*}), with go-ethereum's defaults: safe for a node on loopback that web pages in
 * the same browser must not be able to use.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><td>{@code quorum.rpc.vhosts}</td><td>Host names HTTP requests may name (geth's {@code --http.vhosts});
 *   an IP literal is always accepted; {@code *} = any. Default {@code localhost}.</td></tr>
 * <tr><td>{@code quorum.rpc.corsDomains}</td><td>Origins browsers may call from (geth's {@code --http.corsdomain});
 *   {@code *} = any. Default none: a request that carries an Origin is refused.</td></tr>
 * <tr><td>{@code quorum.rpc.api}</td><td>Namespaces served over HTTP and WebSocket (geth's {@code --http.api}).
 *   Default {@code eth,net,web3}.</td></tr>
 * <tr><td>{@code quorum.rpc.allowInsecureUnlock}</td><td>Allow unlocking accounts while HTTP is served. Default false.</td></tr>
 * <tr><td>{@code quorum.rpc.gasCap}</td><td>Most gas an eth_call or eth_estimateGas may use; 0 = no cap. Default 50,000,000.</td></tr>
 * <tr><td>{@code quorum.rpc.evmTimeout}</td><td>Deadline of an eth_call or eth_estimateGas (per batch item), a Go
 *   duration; 0 = none. Default {@code 5s}.</td></tr>
 * <tr><td>{@code quorum.rpc.maxRequestBytes}</td><td>Largest request body. Default 5 MiB.</td></tr>
 * <tr><td>{@code quorum.rpc.maxResponseBytes}</td><td>Largest response (a batch's items counted as they are
 *   answered; the trace of debug_traceTransaction too). Default 25,000,000.</td></tr>
 * <tr><td>{@code quorum.rpc.allowUnprotectedTxs}</td><td>Accept pre-EIP-155 transactions over RPC. Default false.</td></tr>
 * <tr><td>{@code quorum.ws.origins}</td><td>Origins a WebSocket handshake may carry (geth's {@code --ws.origins});
 *   {@code *} = any. Default: localhost origins (a handshake without Origin is always accepted).</td></tr>
 * <tr><td>{@code quorum.ws.maxConnections}</td><td>Open WebSocket connections at most. Default 100.</td></tr>
 * <tr><td>{@code quorum.ws.maxSubscriptions}</td><td>Subscriptions per WebSocket connection at most. Default 256.</td></tr>
 * </table>
 */
public final class RpcSettings {
    public static final String DEFAULT_API = "eth,net,web3";
    public static final long DEFAULT_GAS_CAP = 50_000_000L;
    public static final Duration DEFAULT_EVM_TIMEOUT = Duration.ofSeconds(5);
    /** go-ethereum's limit on a request body. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 5L * 1024 * 1024;
    /** go-ethereum's limit on a batch response. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 25_000_000L;
    public static final int DEFAULT_WS_MAX_CONNECTIONS = 100;
    public static final int DEFAULT_WS_MAX_SUBSCRIPTIONS = 256;
    /** geth's default WebSocket origins when none are given: the local machine, any scheme and port. */
    private static final List<String> LOCAL_ORIGINS = List.of("localhost", "127.0.0.1", "[::1]");

    private static volatile RpcSettings system;

    private final Set<String> vhosts;
    private final Set<String> corsDomains;
    private final Set<String> api;
    private final boolean allowInsecureUnlock;
    private final long gasCap;
    private final Duration evmTimeout;
    private final long maxRequestBytes;
    private final long maxResponseBytes;
    private final boolean allowUnprotectedTxs;
    private final List<String> wsOrigins;
    private final int wsMaxConnections;
    private final int wsMaxSubscriptions;

    private RpcSettings(Function<String, String> property) {
        vhosts = lowerCaseList(property.apply("quorum.rpc.vhosts"), "localhost");
        corsDomains = lowerCaseList(property.apply("quorum.rpc.corsDomains"), "");
        api = lowerCaseList(property.apply("quorum.rpc.api"), DEFAULT_API);
        allowInsecureUnlock = Boolean.parseBoolean(property.apply("quorum.rpc.allowInsecureUnlock"));
        gasCap = number(property, "quorum.rpc.gasCap", DEFAULT_GAS_CAP);
        String timeout = property.apply("quorum.rpc.evmTimeout");
        try {
            evmTimeout = timeout == null || timeout.isBlank() ? DEFAULT_EVM_TIMEOUT : GoDurations.parse(timeout.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("quorum.rpc.evmTimeout: not a duration such as 5s or 500ms: " + timeout, e);
        }
        maxRequestBytes = number(property, "quorum.rpc.maxRequestBytes", DEFAULT_MAX_REQUEST_BYTES);
        maxResponseBytes = number(property, "quorum.rpc.maxResponseBytes", DEFAULT_MAX_RESPONSE_BYTES);
        allowUnprotectedTxs = Boolean.parseBoolean(property.apply("quorum.rpc.allowUnprotectedTxs"));
        Set<String> origins = lowerCaseList(property.apply("quorum.ws.origins"), "");
        wsOrigins = origins.isEmpty() ? LOCAL_ORIGINS : List.copyOf(origins);
        wsMaxConnections = (int) number(property, "quorum.ws.maxConnections", DEFAULT_WS_MAX_CONNECTIONS);
        wsMaxSubscriptions = (int) number(property, "quorum.ws.maxSubscriptions", DEFAULT_WS_MAX_SUBSCRIPTIONS);
    }

    /** Settings read from {@code property} (a name to its value, null when unset). */
    public static RpcSettings from(Function<String, String> property) {
        return new RpcSettings(property);
    }

    /** The node's settings: the JVM's system properties, read once. */
    public static RpcSettings system() {
        RpcSettings settings = system;
        if (settings == null) {
            settings = from(System::getProperty);
            system = settings;
        }
        return settings;
    }

    private static Set<String> lowerCaseList(String value, String fallback) {
        String text = value == null ? fallback : value;
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .forEach(items::add);
        return Set.copyOf(items);
    }

    private static long number(Function<String, String> property, String name, long fallback) {
        String value = property.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.trim().replace("_", ""));
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a non-negative number: " + value, e);
        }
    }

    // ------------------------------------------------------------------ HTTP

    /**
     * geth's virtual-host rule for a request's Host header: no Host, or a Host that is an IP
     * literal, is accepted; a name must be listed (or the list holds {@code *}).
     */
    public boolean isHostAllowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return true;
        }
        String host = hostWithoutPort(hostHeader.trim().toLowerCase(Locale.ROOT));
        if (isIpLiteral(host)) {
            return true;
        }
        return vhosts.contains("*") || vhosts.contains(host);
    }

    /** Whether a browser calling from {@code origin} may use the HTTP endpoint (CORS). */
    public boolean isCorsOriginAllowed(String origin) {
        return corsDomains.contains("*") || origin != null && corsDomains.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether any origin at all is allowed over HTTP (CORS headers are sent only then). */
    public boolean corsEnabled() {
        return !corsDomains.isEmpty();
    }

    /** JSON-RPC's content types over HTTP, as geth accepts them (parameters such as charset allowed). */
    public static boolean isJsonContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.equals("application/json-rpc")
                || type.equals("application/jsonrequest");
    }

    /**
     * Whether a browser may send this content type cross-origin without a CORS preflight (the
     * Fetch standard's CORS-safelisted request types): such requests must never do anything.
     */
    public static boolean isSentWithoutPreflight(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("text/plain") || type.equals("application/x-www-form-urlencoded")
                || type.equals("multipart/form-data");
    }

    private static String hostWithoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        // More than one colon and no brackets: an IPv6 literal without a port.
        return colon < 0 || host.indexOf(':', colon + 1) >= 0 ? host : host.substring(0, colon);
    }

    /** An IPv4 dotted quad or an IPv6 literal (bracketed or not), without any name lookup. */
    static boolean isIpLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.matches("(\\d{1,3})(\\.\\d{1,3}){3}")) {
            return Arrays.stream(h.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255);
        }
        if (!h.contains(":") || !h.matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            // A text with a colon is read as an IPv6 literal, never looked up by name.
            return java.net.InetAddress.getByName(h) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ WebSocket

    /**
     * geth's WebSocket handshake rule: no Origin header (not a browser) is accepted; otherwise the
     * origin must match a rule — {@code scheme://host:port} with each part compared only when the
     * rule names it ({@code localhost} matches {@code http://localhost:3000}), or {@code *}.
     */
    public boolean isWebSocketOriginAllowed(String origin) {
        if (origin == null) {
            return true;
        }
        String browser = origin.trim().toLowerCase(Locale.ROOT);
        if (wsOrigins.contains("*")) {
            return true;
        }
        String[] b = originParts(browser);
        if (b == null) {
            return false;
        }
        for (String rule : wsOrigins) {
            String[] r = originParts(rule);
            if (r != null && (r[0].isEmpty() || r[0].equals(b[0])) && (r[1].isEmpty() || r[1].equals(b[1]))
                    && (r[2].isEmpty() || r[2].equals(b[2]))) {
                return true;
            }
        }
        return false;
    }

    /** scheme, host, port of an origin or rule ("" for a part not given); null when unreadable. */
    private static String[] originParts(String origin) {
        String text = origin.contains("://") ? origin : "//" + origin;
        try {
            URI uri = new URI(text);
            String host = uri.getHost();
            if (host == null) {
                return null;
            }
            return new String[] {uri.getScheme() == null ? "" : uri.getScheme(), host,
                    uri.getPort() < 0 ? "" : Integer.toString(uri.getPort())};
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ accessors

    /** The namespaces served (lower case). */
    public Set<String> api() {
        return api;
    }

    public boolean allowInsecureUnlock() {
        return allowInsecureUnlock;
    }

    /** The most gas a call may use; 0 for no cap. */
    public long gasCap() {
        return gasCap;
    }

    /** The deadline of one call (per batch item); zero for none. */
    public Duration evmTimeout() {
        return evmTimeout;
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    public boolean allowUnprotectedTxs() {
        return allowUnprotectedTxs;
    }

    public int wsMaxConnections() {
        return wsMaxConnections;
    }

    public int wsMaxSubscriptions() {
        return wsMaxSubscriptions;
    }
}
