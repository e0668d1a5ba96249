package org.quorumee.web.rpc.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The server-to-client message of a subscription: {@code eth_subscription} with its id and result. */
final class Notifications {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Notifications() {
    }

    static String subscription(String id, Object result) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", "eth_subscription");
        ObjectNode params = message.putObject("params");
        params.put("subscription", id);
        params.set("result", MAPPER.valueToTree(result));
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification", e);
        }
    }
}
