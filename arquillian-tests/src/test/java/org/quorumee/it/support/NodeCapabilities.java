package org.quorumee.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * The single switch of the client tests: they need a node that executes transactions. Until the
 * node registers eth_estimateGas and eth_sendRawTransaction (-32601, method not found, today), the
 * tests skip with {@link #NOT_YET}; once it does, they run without an edit.
 */
public final class NodeCapabilities {
    public static final String NOT_YET = "skipped: the node does not execute transactions yet "
            + "(eth_estimateGas / eth_sendRawTransaction answer -32601 method not found); "
            + "these client tests run as soon as it does";

    private static final int METHOD_NOT_FOUND = -32601;

    private NodeCapabilities() {
    }

    public static boolean executesTransactions(URI node) {
        JsonRpcClient rpc = new JsonRpcClient(node);
        // Arguments that any executing node refuses for a reason other than an unknown method.
        JsonNode estimate = rpc.call("eth_estimateGas",
                "[{\"from\":\"0x0000000000000000000000000000000000000001\",\"to\":\"0x0000000000000000000000000000000000000002\"}]");
        JsonNode send = rpc.call("eth_sendRawTransaction", "[\"0x00\"]");
        return !unknownMethod(estimate) && !unknownMethod(send);
    }

    private static boolean unknownMethod(JsonNode response) {
        return response.path("error").path("code").asInt() == METHOD_NOT_FOUND;
    }
}
