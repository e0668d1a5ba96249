package org.quorumee.web.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonRpcDispatcherTest {

    public static class TestNamespace implements JsonRpcNamespace {
        @Override
        public String name() {
            return "test";
        }

        public String echo(String text) {
            return text;
        }

        public long add(long a, Long b) {
            return a + (b == null ? 0 : b);
        }

        public String fail() {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "nonce too low");
        }

        public String subscribe(JsonRpcSession session, String kind) {
            return session.id() + ":" + kind;
        }

        public String crash() {
            throw new IllegalStateException("boom");
        }

        /** Takes as long as the test clock says (it moves the clock), then tells whether its deadline passed. */
        public boolean spend(ExecutionDeadline deadline, long nanos) {
            CLOCK.addAndGet(nanos);
            return deadline.isExpired();
        }
    }

    /** The dispatcher's clock in the tests: moved by test_spend only. */
    static final java.util.concurrent.atomic.AtomicLong CLOCK = new java.util.concurrent.atomic.AtomicLong(1_000);

    /** A second namespace, to show which are served. */
    public static class OtherNamespace implements JsonRpcNamespace {
        static int calls;

        @Override
        public String name() {
            return "other";
        }

        public String text(int length) {
            calls++;
            return "x".repeat(length);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(new ObjectMapper(), List.of(new TestNamespace()));

    private JsonNode call(String body) {
        return dispatch(dispatcher, body, null);
    }

    static JsonNode dispatch(JsonRpcDispatcher dispatcher, String body, JsonRpcSession session) {
        byte[] response = dispatcher.dispatch(body, session);
        try {
            return response == null ? null : JSON.readTree(response);
        } catch (java.io.IOException e) {
            throw new AssertionError("the response is not JSON: " + new String(response, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    private int errorCode(String body) {
        return call(body).get("error").get("code").asInt();
    }

    @Test
    void registersPublicMethodsByNamespaceAndName() {
        assertEquals(Set.of("test_echo", "test_add", "test_fail", "test_crash", "test_subscribe", "test_spend"),
                dispatcher.methodNames());
    }

    @Test
    void answersASingleRequestWithItsId() {
        JsonNode response = call("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"test_echo\",\"params\":[\"hi\"]}");
        assertEquals("2.0", response.get("jsonrpc").asText());
        assertEquals("a", response.get("id").asText());
        assertEquals("hi", response.get("result").asText());
    }

    @Test
    void missingTrailingParametersAreNull() {
        assertEquals(5, call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[5]}").get("result").asLong());
    }

    @Test
    void parseErrorHasNullId() {
        JsonNode response = call("{\"jsonrpc\":");
        assertEquals(-32700, response.get("error").get("code").asInt());
        assertTrue(response.get("id").isNull());
        assertEquals(-32700, errorCode(""));
    }

    @Test
    void invalidRequests() {
        assertEquals(-32600, errorCode("42"));
        assertEquals(-32600, errorCode("{\"id\":1,\"method\":\"test_echo\"}"));
        assertEquals(-32600, errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}"));
        assertEquals(-32600, errorCode("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"test_echo\"}"));
        assertEquals(-32600, errorCode("[]"));
    }

    @Test
    void unknownMethod() {
        JsonNode error = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_nothing\"}").get("error");
        assertEquals(-32601, error.get("code").asInt());
        assertEquals("the method eth_nothing does not exist/is not available", error.get("message").asText());
    }

    @Test
    void invalidParams() {
        assertEquals(-32602, errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"x\"]}"));
        assertEquals(-32602, errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\"a\",\"b\"]}"));
        assertEquals(-32602, errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":{\"a\":1}}"));
    }

    @Test
    void methodErrorsKeepTheirCodeAndUnexpectedOnesAreInternal() {
        JsonNode error = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_fail\"}").get("error");
        assertEquals(-32000, error.get("code").asInt());
        assertEquals("nonce too low", error.get("message").asText());
        assertEquals(-32603, errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_crash\"}"));
    }

    @Test
    void batchAnswersEachRequestButNotNotifications() {
        JsonNode responses = call("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\"x\"]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\",\"params\":[\"y\"]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}, 5]");
        assertEquals(3, responses.size());
        assertEquals("x", responses.get(0).get("result").asText());
        assertEquals(-32601, responses.get(1).get("error").get("code").asInt());
        assertEquals(-32600, responses.get(2).get("error").get("code").asInt());
    }

    @Test
    void onlyNotificationsGetNoResponse() {
        assertNull(call("{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\",\"params\":[\"y\"]}"));
        assertNull(call("[{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\",\"params\":[\"y\"]}]"));
    }

    @Test
    void oversizedBatchIsRefusedWhole() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i <= JsonRpcDispatcher.MAX_BATCH_SIZE; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"test_echo\"}");
        }
        assertEquals(-32600, errorCode(batch.append("]").toString()));
    }

    @Test
    void theSessionIsPassedToMethodsThatAskForIt() {
        JsonRpcSession session = new JsonRpcSession() {
            @Override
            public String id() {
                return "s1";
            }

            @Override
            public void send(String message) {
            }

            @Override
            public boolean isOpen() {
                return true;
            }
        };
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":[\"newHeads\"]}";
        assertEquals("s1:newHeads", dispatch(dispatcher, body, session).get("result").asText());
        JsonNode overHttp = dispatch(dispatcher, body, null).get("error");
        assertEquals(-32601, overHttp.get("code").asInt());
        assertEquals("notifications not supported", overHttp.get("message").asText());
        assertEquals(-32602, dispatch(dispatcher, body.replace("[\"newHeads\"]", "[\"a\",\"b\"]"), session)
                .get("error").get("code").asInt());
    }

    @Test
    void quantitiesAreStrict() {
        assertEquals("0x0", Quantities.encode(0));
        assertEquals("0x1f", Quantities.encode(31));
        assertThrows(JsonRpcException.class, () -> Quantities.decode("0x01", "q"));
        assertThrows(JsonRpcException.class, () -> Quantities.decode("12", "q"));
        assertThrows(JsonRpcException.class, () -> Quantities.decode("0x", "q"));
        assertEquals(BigInteger.valueOf(255), Quantities.decode("0xff", "q"));
    }

    // ------------------------------------------------------------------ hardening

    private static JsonRpcDispatcher limited(Set<String> namespaces, long maxResponseBytes) {
        return new JsonRpcDispatcher(new ObjectMapper(), List.of(new TestNamespace(), new OtherNamespace()),
                new JsonRpcDispatcher.Limits(namespaces, maxResponseBytes, java.time.Duration.ofSeconds(5)), CLOCK::get);
    }

    @Test
    void trailingGarbageAfterTheDocumentIsAParseError() {
        assertEquals(-32700, errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\"x\"]} xyz"));
        assertEquals(-32700, errorCode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\"}{\"jsonrpc\":\"2.0\"}"));
        assertEquals(-32700, errorCode("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\"}],"));
        assertEquals("x", call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\"x\"]} \n").get("result").asText(),
                "white space after the document is fine");
    }

    @Test
    void errorsCarryNoJavaInternals() {
        List<String> messages = List.of(
                call("{\"jsonrpc\":").get("error").get("message").asText(),
                call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_crash\"}").get("error").get("message").asText(),
                call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[\"x\"]}").get("error").get("message").asText(),
                call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[1e400]}").get("error").get("message").asText(),
                call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_add\",\"params\":[99999999999999999999999]}").get("error").get("message").asText(),
                call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[{}]}").get("error").get("message").asText());
        assertEquals("parse error", messages.get(0));
        assertEquals("internal error", messages.get(1));
        assertEquals("invalid argument 0: cannot read a number", messages.get(2));
        assertEquals("invalid argument 0: cannot read a string", messages.get(5));
        for (String message : messages) {
            for (String internal : List.of("java.", "com.fasterxml", "Exception", "boom", "Cannot deserialize", "line:", "column")) {
                assertTrue(!message.contains(internal), message);
            }
        }
    }

    @Test
    void echoedInputIsCutShort() {
        String longName = "eth_" + "a".repeat(1_000_000);
        String message = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + longName + "\"}").get("error").get("message").asText();
        assertTrue(message.length() < 200, message.length() + " characters");
        assertTrue(message.startsWith("the method eth_aaa") && message.endsWith("... does not exist/is not available"), message);
        JsonRpcException invalid = assertThrows(JsonRpcException.class, () -> Quantities.decode("0x" + "g".repeat(10_000), "q"));
        assertTrue(invalid.getMessage().length() < 200, invalid.getMessage());
    }

    @Test
    void onlyTheExposedNamespacesAreServed() {
        JsonRpcDispatcher onlyOther = limited(Set.of("other"), 1_000_000);
        assertEquals(Set.of("other_text"), onlyOther.methodNames());
        JsonNode error = dispatch(onlyOther, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\"x\"]}", null).get("error");
        assertEquals(-32601, error.get("code").asInt());
        assertEquals("the method test_echo does not exist/is not available", error.get("message").asText());
        JsonNode modules = dispatch(onlyOther, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc_modules\"}", null).get("result");
        assertEquals("{\"other\":\"1.0\"}", modules.toString());
    }

    @Test
    void aBatchStopsAtTheResponseCapAndTheRestIsNotRun() {
        JsonRpcDispatcher capped = limited(null, 1_000);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
                    .append(",\"method\":\"other_text\",\"params\":[300]}");
        }
        batch.append(",{\"jsonrpc\":\"2.0\",\"method\":\"other_text\",\"params\":[1]}]"); // a notification
        OtherNamespace.calls = 0;
        byte[] body = capped.dispatch(batch.toString(), null);
        JsonNode responses = dispatch(capped, batch.toString(), null);
        // Each answer takes 300 x's and ~40 bytes of envelope: two fit in 1000 bytes, the third does not.
        assertEquals(10, responses.size(), "every request answered, the notification not");
        for (int i = 0; i < 10; i++) {
            assertEquals(i, responses.get(i).get("id").asInt());
            if (i < 2) {
                assertEquals(300, responses.get(i).get("result").asText().length());
            } else {
                assertEquals(-32003, responses.get(i).get("error").get("code").asInt());
                assertEquals("response too large", responses.get(i).get("error").get("message").asText());
            }
        }
        assertEquals(2 * 3, OtherNamespace.calls, "two dispatches, each ran two items and the third that did not fit");
        assertTrue(body.length < 1_000 + 10 * 60, body.length + " bytes");
    }

    @Test
    void aSingleAnswerOverTheCapIsRefusedToo() {
        JsonNode error = dispatch(limited(null, 1_000), "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"other_text\",\"params\":[5000]}", null);
        assertEquals("big", error.get("id").asText());
        assertEquals(-32003, error.get("error").get("code").asInt());
    }

    @Test
    void eachBatchItemHasItsOwnDeadline() {
        JsonRpcDispatcher timed = limited(null, 1_000_000);
        long sixSeconds = 6_000_000_000L;
        JsonNode responses = dispatch(timed, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_spend\",\"params\":[" + sixSeconds + "]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_spend\",\"params\":[1000]}]", null);
        assertTrue(responses.get(0).get("result").asBoolean(), "6 s is past a 5 s deadline");
        assertTrue(!responses.get(1).get("result").asBoolean(), "the next item starts its own 5 s");
    }

    @Test
    void aClosedConnectionEndsTheDeadline() {
        JsonRpcSession closed = new JsonRpcSession() {
            @Override
            public String id() {
                return "gone";
            }

            @Override
            public void send(String message) {
            }

            @Override
            public boolean isOpen() {
                return false;
            }
        };
        JsonNode response = dispatch(limited(null, 1_000_000),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_spend\",\"params\":[0]}", closed);
        assertTrue(response.get("result").asBoolean());
    }
}
