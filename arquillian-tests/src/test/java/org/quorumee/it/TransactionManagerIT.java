package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

/**
 * Tessera's API at {@code /tm} on the test node, called as GoQuorum, web3js-quorum and Tessera's own
 * tests call it. The node holds two keys (fixtures in {@code tm-node/}: {@code tm} unlocked, {@code tm2}
 * locked), and knows one remote party on a node it cannot reach.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionManagerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private URI tm;
    private String tmKey;
    private String tm2Key;
    private String remoteKey;

    record Reply(int status, String body, byte[] bytes, HttpResponse<byte[]> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        tm = URI.create(baseUrl.toString()).resolve("/tm/");
        tmKey = fixture("tm.pub");
        tm2Key = fixture("tm2.pub");
        remoteKey = JSON.readTree(fixture("parties.json")).get(0).get("key").asText();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TransactionManagerIT.class.getResourceAsStream("/tm-node/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(tm + path)).GET());
    }

    private Reply postJson(String path, String body) {
        return send(HttpRequest.newBuilder(tm.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String sendBody(String payload, String to) {
        return "{\"payload\":\"" + b64(payload) + "\",\"from\":\"" + tmKey + "\",\"to\":[" + (to == null ? "" : "\"" + to + "\"") + "]}";
    }

    @Test
    void upcheckVersionAndKeys() {
        Reply up = get("upcheck");
        assertEquals(200, up.status());
        assertEquals("I'm up!", up.body());
        assertTrue(up.header("Content-Type").startsWith("text/plain"), up.header("Content-Type"));
        assertEquals(200, get("version").status());
        assertFalse(get("version").body().isBlank());
        JsonNode versions = get("version/api").json();
        assertTrue(versions.isArray() && versions.size() > 0 && versions.get(0).isTextual(), versions.toString());

        JsonNode keys = get("keys").json().get("keys");
        assertEquals(2, keys.size());
        assertEquals(tmKey, keys.get(0).get("key").asText(), "tm is the default key, listed first");
        assertEquals(tm2Key, keys.get(1).get("key").asText());
        List<String> parties = new ArrayList<>();
        get("partyinfo/keys").json().get("keys").forEach(k -> parties.add(k.get("key").asText()));
        assertTrue(parties.containsAll(List.of(tmKey, tm2Key, remoteKey)), parties.toString());
    }

    /** A send whose hash holds '+' and '/' (random hashes do about every other time): both URL forms must find it. */
    @Test
    void sendThenReceiveWithEitherEscaping() {
        for (int attempt = 0; attempt < 40; attempt++) {
            String payload = "private payload " + attempt;
            Reply sent = postJson("send", sendBody(payload, tm2Key));
            assertEquals(201, sent.status(), sent.body());
            String key = sent.json().get("key").asText();
            assertEquals(tmKey, sent.json().get("senderKey").asText());
            List<String> managed = new ArrayList<>();
            sent.json().get("managedParties").forEach(k -> managed.add(k.asText()));
            assertEquals(List.of(tm2Key, tmKey), managed);
            assertEquals("transaction/" + URLEncoder.encode(key, StandardCharsets.UTF_8), sent.header("Location"));

            // Tessera's Location, resolved against the request as a client does
            Reply byLocation = send(HttpRequest.newBuilder(tm.resolve("send").resolve(sent.header("Location"))).GET());
            assertEquals(200, byLocation.status(), byLocation.body());
            assertEquals(b64(payload), byLocation.json().get("payload").asText());
            assertEquals(0, byLocation.json().get("privacyFlag").asInt());
            assertEquals(tmKey, byLocation.json().get("senderKey").asText());

            // GoQuorum's form: url.PathEscape leaves '+' and '=' and writes '/' as %2F
            Reply goStyle = get("transaction/" + key.replace("/", "%2F"));
            assertEquals(200, goStyle.status(), goStyle.body());
            assertEquals(b64(payload), goStyle.json().get("payload").asText());

            Reply forTm2 = get("transaction/" + key.replace("/", "%2F") + "?to=" + URLEncoder.encode(tm2Key, StandardCharsets.UTF_8));
            assertEquals(200, forTm2.status(), forTm2.body());
            assertEquals("true", get("transaction/" + key.replace("/", "%2F") + "/isSender").body());
            assertEquals(tm2Key + "," + tmKey, get("transaction/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/participants").body());
            if (key.contains("+") && key.contains("/")) {
                return;
            }
        }
        throw new AssertionError("no hash with both '+' and '/' in 40 sends");
    }

    @Test
    void aSendWithoutRecipientsIsKeptHome() {
        Reply sent = postJson("send", "{\"payload\":\"" + b64("just me") + "\"}");
        assertEquals(201, sent.status(), sent.body());
        assertEquals(tmKey, sent.json().get("senderKey").asText(), "no from: the default key");
        assertEquals(200, get(sent.header("Location")).status());
    }

    @Test
    void tesserasStatusCodes() {
        assertEquals(400, postJson("send", "{}").status());
        assertEquals(400, postJson("send", "not json").status());
        assertEquals(400, postJson("send", "{\"payload\":\"***\"}").status());
        assertEquals(400, postJson("send", "{\"payload\":\"" + b64("x") + "\",\"privacyFlag\":1}").status(),
                "only standard privacy for now");
        Reply unknownRecipient = postJson("send", sendBody("to nobody", UNKNOWN_KEY));
        assertEquals(404, unknownRecipient.status(), unknownRecipient.body());
        Reply notOurs = postJson("send", "{\"payload\":\"" + b64("x") + "\",\"from\":\"" + UNKNOWN_KEY + "\"}");
        assertEquals(404, notOurs.status(), notOurs.body());
        String unknownHash = Base64.getEncoder().encodeToString(new byte[64]);
        assertEquals(404, get("transaction/" + URLEncoder.encode(unknownHash, StandardCharsets.UTF_8)).status());
        assertEquals(404, send(HttpRequest.newBuilder(tm.resolve("transaction/" + URLEncoder.encode(unknownHash, StandardCharsets.UTF_8)))
                .DELETE()).status());
        assertEquals(400, get("transaction/not-a-hash").status());
    }

    /** A remote recipient that cannot be reached fails the send: no hash, and nothing kept. */
    @Test
    void anUnreachableRecipientIsAnErrorNeverASilentSuccess() {
        Reply sent = postJson("send", sendBody("for the remote party", remoteKey));
        assertEquals(410, sent.status(), sent.body());
        assertTrue(sent.body().contains(remoteKey), sent.body());
        assertEquals(null, sent.header("Location"));
    }

    @Test
    void sendRawAndReceiveRaw() {
        Reply sent = send(HttpRequest.newBuilder(tm.resolve("sendraw"))
                .header("Content-Type", "application/octet-stream")
                .header("c11n-from", tmKey).header("c11n-to", tm2Key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2, (byte) 0xff})));
        assertEquals(200, sent.status(), sent.body());
        String key = sent.body();
        Reply raw = send(HttpRequest.newBuilder(tm.resolve("receiveraw")).header("c11n-key", key).header("c11n-to", tm2Key).GET());
        assertEquals(200, raw.status(), raw.body());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, raw.bytes());
        Reply empty = send(HttpRequest.newBuilder(tm.resolve("sendraw")).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(400, empty.status());
    }

    /** External signing: /storeraw, then /sendsignedtx with the hash as octets (GoQuorum without PE) or as JSON. */
    @Test
    void storeRawThenSendSignedTransaction() {
        Reply stored = postJson("storeraw", "{\"payload\":\"" + b64("signed externally") + "\",\"from\":\"" + tm2Key + "\"}");
        assertEquals(200, stored.status(), stored.body());
        String key = stored.json().get("key").asText();
        Reply raw = get("transaction/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?isRaw=true");
        assertEquals(200, raw.status(), raw.body());
        assertEquals(b64("signed externally"), raw.json().get("payload").asText());
        assertEquals(404, get("transaction/" + URLEncoder.encode(key, StandardCharsets.UTF_8)).status(), "not sent yet");

        Reply signed = send(HttpRequest.newBuilder(tm.resolve("sendsignedtx")).header("Content-Type", "application/octet-stream")
                .header("c11n-to", tmKey).POST(HttpRequest.BodyPublishers.ofByteArray(Base64.getDecoder().decode(key))));
        assertEquals(200, signed.status(), signed.body());
        assertEquals(key, signed.body());
        assertEquals(tm2Key, signed.header("Tesserasender"));
        Reply received = get("transaction/" + key.replace("/", "%2F") + "?to=" + URLEncoder.encode(tmKey, StandardCharsets.UTF_8));
        assertEquals(200, received.status(), received.body());
        assertEquals(b64("signed externally"), received.json().get("payload").asText());

        String second = postJson("storeraw", "{\"payload\":\"" + b64("second") + "\"}").json().get("key").asText();
        Reply json = postJson("sendsignedtx", "{\"hash\":\"" + second + "\",\"to\":[\"" + tm2Key + "\"]}");
        assertEquals(201, json.status(), json.body());
        assertEquals(second, json.json().get("key").asText());
        String unknownHash = Base64.getEncoder().encodeToString(new byte[64]);
        assertEquals(404, postJson("sendsignedtx", "{\"hash\":\"" + unknownHash + "\",\"to\":[]}").status());
        assertEquals(400, send(HttpRequest.newBuilder(tm.resolve("sendsignedtx")).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))).status());
    }

    @Test
    void legacyReceiveAndDeletes() {
        String key = postJson("send", sendBody("to delete", tm2Key)).json().get("key").asText();
        Reply legacy = send(HttpRequest.newBuilder(tm.resolve("receive")).header("Content-Type", "application/json")
                .method("GET", HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\",\"to\":\"" + tm2Key + "\"}")));
        assertEquals(200, legacy.status(), legacy.body());
        assertEquals(b64("to delete"), legacy.json().get("payload").asText());

        Reply deleted = send(HttpRequest.newBuilder(tm.resolve("transaction/" + URLEncoder.encode(key, StandardCharsets.UTF_8))).DELETE());
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals(404, get("transaction/" + URLEncoder.encode(key, StandardCharsets.UTF_8)).status());

        String other = postJson("send", sendBody("to delete the old way", null)).json().get("key").asText();
        Reply oldWay = postJson("delete", "{\"key\":\"" + other + "\"}");
        assertEquals(200, oldWay.status(), oldWay.body());
        assertEquals(404, postJson("delete", "{\"key\":\"" + other + "\"}").status());
    }

    @Test
    void jsonRpcStillAnswersAtTheRoot() {
        JsonRpcClient rpc = new JsonRpcClient(URI.create(baseUrl.toString()).resolve("/"));
        assertTrue(rpc.result("web3_clientVersion", "[]").asText().startsWith("QuorumEE/"));
    }
}
