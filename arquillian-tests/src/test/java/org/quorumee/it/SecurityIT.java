package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.NodeDeployment;
import org.quorumee.it.support.RawHttp;

/**
 * Who may use the node over its HTTP port, checked as a browser and an attacker would send requests
 * (raw HTTP: any Host, Origin, content type, Upgrade). The test server lists one CORS origin,
 * {@code http://dapp.example} (arquillian.xml); everything else is the product's default.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {
    private static final String DEV = "0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf";
    private static final String LISTED_ORIGIN = "http://dapp.example";
    private static final String SEND = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendTransaction\",\"params\":[{\"from\":\""
            + DEV + "\",\"to\":\"0x0000000000000000000000000000000000000bad\",\"value\":\"0x1\"}]}";
    private static final String CHAIN_ID = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private URI node;
    private JsonRpcClient rpc;

    @BeforeEach
    void client() {
        node = URI.create(baseUrl.toString()).resolve("/");
        rpc = new JsonRpcClient(node);
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private String pendingNonce() {
        return rpc.result("eth_getTransactionCount", "[\"" + DEV + "\",\"pending\"]").asText();
    }

    /** The probe: a web page's simple POST, from a rebound DNS name, that spent the account. */
    @Test
    void aWebPageCannotSpendTheUnlockedAccount() {
        String nonce = pendingNonce();
        String evilHost = "evil.example:" + node.getPort();
        RawHttp.Response attack = RawHttp.post(node, headers("Host", evilHost, "Origin", "http://evil.example",
                "Content-Type", "text/plain"), SEND);
        assertEquals(403, attack.status(), attack.body());
        assertEquals(403, RawHttp.post(node, headers("Host", evilHost, "Content-Type", "application/json"), SEND).status(),
                "a host name not in quorum.rpc.vhosts");
        assertEquals(403, RawHttp.post(node, headers("Origin", "http://evil.example", "Content-Type", "application/json"), SEND)
                .status(), "an origin not in quorum.rpc.corsDomains");
        assertEquals(415, RawHttp.post(node, headers("Content-Type", "text/plain"), SEND).status(),
                "a content type a page can send without a preflight");
        assertEquals(nonce, pendingNonce(), "nothing was sent");
    }

    @Test
    void ipLiteralsAndListedHostsAreServed() throws Exception {
        int port = node.getPort();
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port,
                "10.0.0.1"}) {
            RawHttp.Response reply = RawHttp.post(node, headers("Host", host, "Content-Type", "application/json"), CHAIN_ID);
            assertEquals(200, reply.status(), host + ": " + reply.body());
            assertEquals("0xa", JSON.readTree(reply.body()).get("result").asText());
        }
        RawHttp.Response refused = RawHttp.post(node, headers("Host", "localhost.evil.example", "Content-Type", "application/json"), CHAIN_ID);
        assertEquals(403, refused.status());
        assertEquals("invalid host specified", refused.body().strip());
    }

    @Test
    void onlyJsonContentTypesAreAccepted() {
        for (String type : new String[] {"application/json", "application/json; charset=UTF-8", "application/json-rpc",
                "application/jsonrequest"}) {
            assertEquals(200, RawHttp.post(node, headers("Content-Type", type), CHAIN_ID).status(), type);
        }
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            RawHttp.Response reply = RawHttp.post(node, headers("Content-Type", type), CHAIN_ID);
            assertEquals(415, reply.status(), type);
            assertEquals("invalid content type, only application/json is supported", reply.body().strip());
        }
        assertEquals(415, RawHttp.post(node, headers(), CHAIN_ID).status(), "no content type");
    }

    @Test
    void corsHeadersOnlyForListedOrigins() {
        RawHttp.Response plain = RawHttp.post(node, headers("Content-Type", "application/json"), CHAIN_ID);
        assertNull(plain.header("Access-Control-Allow-Origin"), "no Origin, no CORS headers");

        RawHttp.Response listed = RawHttp.post(node, headers("Origin", LISTED_ORIGIN, "Content-Type", "application/json"), CHAIN_ID);
        assertEquals(200, listed.status());
        assertEquals(LISTED_ORIGIN, listed.header("Access-Control-Allow-Origin"));

        RawHttp.Response preflight = RawHttp.request(node, "OPTIONS", headers("Origin", LISTED_ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), null);
        assertEquals(204, preflight.status());
        assertEquals(LISTED_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"), preflight.headers().toString());
        assertEquals("content-type", preflight.header("Access-Control-Allow-Headers"));

        RawHttp.Response evilPreflight = RawHttp.request(node, "OPTIONS", headers("Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), null);
        assertEquals(403, evilPreflight.status());
        assertNull(evilPreflight.header("Access-Control-Allow-Origin"));
    }

    private RawHttp.Response webSocketHandshake(String origin) {
        Map<String, String> headers = headers("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return RawHttp.request(node, "GET", headers, null);
    }

    @Test
    void webSocketHandshakesAreCheckedForTheirOrigin() {
        assertEquals(101, webSocketHandshake(null).status(), "no Origin: not a browser");
        assertEquals(101, webSocketHandshake("http://localhost:3000").status(), "a page of this machine");
        assertEquals(403, webSocketHandshake("http://evil.example").status(), "any other page");
    }

    /** standalone-full lets Artemis clients upgrade a connection on the HTTP port; the node's configuration does not. */
    @Test
    void theBrokerIsNotReachableFromTheRpcPort() {
        RawHttp.Response upgrade = RawHttp.request(node, "GET", headers("Upgrade", "activemq-remoting",
                "Connection", "Upgrade", "Sec-ActiveMQRemoting-Key", "dGhlIHNhbXBsZSBub25jZQ=="), null);
        assertNotEquals(101, upgrade.status(), upgrade.headers().toString());
        assertNull(upgrade.header("Sec-ActiveMQRemoting-Accept"));
        // and JSON-RPC still answers on the port
        assertEquals("0xa", rpc.result("eth_chainId", "[]").asText());
    }

    @Test
    void theNamespacesServedAreTheConfiguredOnes() {
        JsonNode modules = rpc.result("rpc_modules", "[]");
        // the test server asks for eth,net,web3,personal,txpool,debug,admin,raft,istanbul: those this node
        // has are served (the engines' namespaces answer on every node), none other
        java.util.Set<String> served = new java.util.TreeSet<>();
        modules.fieldNames().forEachRemaining(served::add);
        java.util.Set<String> configured = java.util.Set.of("eth", "net", "web3", "personal", "txpool", "debug", "admin",
                "raft", "istanbul");
        assertTrue(configured.containsAll(served), "served " + served);
        assertTrue(served.containsAll(java.util.Set.of("eth", "net", "web3", "personal", "txpool", "debug", "admin")),
                "served " + served);
        modules.forEach(version -> assertEquals("1.0", version.asText()));
    }
}
