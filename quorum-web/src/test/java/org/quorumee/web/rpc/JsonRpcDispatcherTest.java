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
    }

    private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(new ObjectMapper(), List.of(new TestNamespace()));

    private JsonNode call(String body) {
        return dispatcher.dispatch(body, null);
    }

    private int errorCode(String body) {
        return call(body).get("error").get("code").asInt();
    }

    @Test
    void registersPublicMethodsByNamespaceAndName() {
        assertEquals(Set.of("test_echo", "test_add", "test_fail", "test_crash", "test_subscribe"), dispatcher.methodNames());
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
        assertEquals("s1:newHeads", dispatcher.dispatch(body, session).get("result").asText());
        JsonNode overHttp = dispatcher.dispatch(body, null).get("error");
        assertEquals(-32601, overHttp.get("code").asInt());
        assertEquals("notifications not supported", overHttp.get("message").asText());
        assertEquals(-32602, dispatcher.dispatch(body.replace("[\"newHeads\"]", "[\"a\",\"b\"]"), session)
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
}
