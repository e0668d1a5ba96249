package org.quorumee.web.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RpcSettingsTest {
    private static final RpcSettings DEFAULTS = RpcSettings.from(name -> null);

    private static RpcSettings with(Map<String, String> properties) {
        return RpcSettings.from(properties::get);
    }

    @Test
    void defaultsAreGoEthereums() {
        assertEquals(Set.of("eth", "net", "web3"), DEFAULTS.api());
        assertFalse(DEFAULTS.allowInsecureUnlock());
        assertEquals(50_000_000L, DEFAULTS.gasCap());
        assertEquals(Duration.ofSeconds(5), DEFAULTS.evmTimeout());
        assertEquals(25_000_000L, DEFAULTS.maxResponseBytes());
        assertEquals(5 * 1024 * 1024L, DEFAULTS.maxRequestBytes());
        assertFalse(DEFAULTS.allowUnprotectedTxs());
        assertFalse(DEFAULTS.corsEnabled());
        assertEquals(100, DEFAULTS.wsMaxConnections());
        assertEquals(256, DEFAULTS.wsMaxSubscriptions());
    }

    @Test
    void readsEverySetting() {
        RpcSettings settings = with(Map.ofEntries(
                Map.entry("quorum.rpc.api", "eth, NET ,personal,"),
                Map.entry("quorum.rpc.allowInsecureUnlock", "true"),
                Map.entry("quorum.rpc.gasCap", "0"),
                Map.entry("quorum.rpc.evmTimeout", "1m30s"),
                Map.entry("quorum.rpc.maxResponseBytes", "1_000"),
                Map.entry("quorum.rpc.allowUnprotectedTxs", "true"),
                Map.entry("quorum.ws.maxConnections", "3"),
                Map.entry("quorum.ws.maxSubscriptions", "4")));
        assertEquals(Set.of("eth", "net", "personal"), settings.api());
        assertTrue(settings.allowInsecureUnlock());
        assertEquals(0, settings.gasCap());
        assertEquals(Duration.ofSeconds(90), settings.evmTimeout());
        assertEquals(1_000, settings.maxResponseBytes());
        assertTrue(settings.allowUnprotectedTxs());
        assertEquals(3, settings.wsMaxConnections());
        assertEquals(4, settings.wsMaxSubscriptions());
        assertThrows(IllegalArgumentException.class, () -> with(Map.of("quorum.rpc.evmTimeout", "5")));
        assertThrows(IllegalArgumentException.class, () -> with(Map.of("quorum.rpc.gasCap", "-1")));
    }

    @Test
    void hostsFollowGethsVirtualHostRule() {
        assertTrue(DEFAULTS.isHostAllowed(null), "no Host header");
        assertTrue(DEFAULTS.isHostAllowed("localhost"));
        assertTrue(DEFAULTS.isHostAllowed("LocalHost:22000"));
        assertTrue(DEFAULTS.isHostAllowed("127.0.0.1:22000"), "an IP literal");
        assertTrue(DEFAULTS.isHostAllowed("10.1.2.3"));
        assertTrue(DEFAULTS.isHostAllowed("[::1]:22000"));
        assertTrue(DEFAULTS.isHostAllowed("::1"));
        assertFalse(DEFAULTS.isHostAllowed("evil.example:22000"), "DNS rebinding");
        assertFalse(DEFAULTS.isHostAllowed("localhost.evil.example"));
        assertFalse(DEFAULTS.isHostAllowed("999.1.1.1"), "not an IP literal, so a name");
        RpcSettings listed = with(Map.of("quorum.rpc.vhosts", "node.example"));
        assertTrue(listed.isHostAllowed("node.example:8545"));
        assertFalse(listed.isHostAllowed("localhost"));
        assertTrue(with(Map.of("quorum.rpc.vhosts", "*")).isHostAllowed("anything.example"));
    }

    @Test
    void corsOriginsMustBeListed() {
        assertFalse(DEFAULTS.isCorsOriginAllowed("http://evil.example"));
        assertFalse(DEFAULTS.isCorsOriginAllowed("http://localhost:3000"), "no CORS unless configured");
        RpcSettings listed = with(Map.of("quorum.rpc.corsDomains", "http://localhost:3000,https://app.example"));
        assertTrue(listed.corsEnabled());
        assertTrue(listed.isCorsOriginAllowed("http://localhost:3000"));
        assertTrue(listed.isCorsOriginAllowed("HTTPS://APP.EXAMPLE"));
        assertFalse(listed.isCorsOriginAllowed("http://localhost:3001"));
        assertFalse(listed.isCorsOriginAllowed("null"));
        assertTrue(with(Map.of("quorum.rpc.corsDomains", "*")).isCorsOriginAllowed("http://evil.example"));
    }

    @Test
    void onlyJsonContentTypes() {
        assertTrue(RpcSettings.isJsonContentType("application/json"));
        assertTrue(RpcSettings.isJsonContentType("application/json; charset=UTF-8"));
        assertTrue(RpcSettings.isJsonContentType("Application/JSON"));
        assertTrue(RpcSettings.isJsonContentType("application/json-rpc"));
        assertTrue(RpcSettings.isJsonContentType("application/jsonrequest"));
        assertFalse(RpcSettings.isJsonContentType("text/plain"));
        assertFalse(RpcSettings.isJsonContentType("application/x-www-form-urlencoded"));
        assertFalse(RpcSettings.isJsonContentType("multipart/form-data; boundary=x"));
        assertFalse(RpcSettings.isJsonContentType(null));
    }

    @Test
    void webSocketOriginsDefaultToTheLocalMachine() {
        assertTrue(DEFAULTS.isWebSocketOriginAllowed(null), "no Origin: not a browser");
        assertTrue(DEFAULTS.isWebSocketOriginAllowed("http://localhost:3000"));
        assertTrue(DEFAULTS.isWebSocketOriginAllowed("https://127.0.0.1"));
        assertTrue(DEFAULTS.isWebSocketOriginAllowed("http://[::1]:8080"));
        assertFalse(DEFAULTS.isWebSocketOriginAllowed("http://evil.example"));
        assertFalse(DEFAULTS.isWebSocketOriginAllowed("http://localhost.evil.example"));
        assertFalse(DEFAULTS.isWebSocketOriginAllowed("null"));
        RpcSettings listed = with(Map.of("quorum.ws.origins", "https://app.example:8443,dapp.example"));
        assertTrue(listed.isWebSocketOriginAllowed("https://app.example:8443"));
        assertFalse(listed.isWebSocketOriginAllowed("http://app.example:8443"), "the rule names its scheme");
        assertFalse(listed.isWebSocketOriginAllowed("https://app.example:9443"), "and its port");
        assertTrue(listed.isWebSocketOriginAllowed("http://dapp.example:1234"), "a bare host: any scheme and port");
        assertFalse(listed.isWebSocketOriginAllowed("http://localhost"), "listing origins replaces the default");
        assertTrue(with(Map.of("quorum.ws.origins", "*")).isWebSocketOriginAllowed("http://evil.example"));
    }
}
