package org.quorumee.web.rpc.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.quorumee.core.types.Address;
import org.quorumee.node.chain.LogQuery;
import org.quorumee.web.rpc.BlockTags;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.Quantities;

/** Reads an eth_getLogs / eth_newFilter filter object as go-ethereum does. */
final class LogFilters {
    private LogFilters() {
    }

    /**
     * The query of a filter object; {@code blockHashNumber} resolves a {@code blockHash} filter to its
     * block's number (or null when the hash is unknown).
     */
    static LogQuery parse(JsonNode filter, long head, java.util.function.Function<byte[], Long> blockHashNumber) {
        if (filter == null || !filter.isObject()) {
            throw JsonRpcException.invalidParams("the filter must be a JSON object");
        }
        long from;
        long to;
        JsonNode blockHash = filter.get("blockHash");
        if (blockHash != null && !blockHash.isNull()) {
            if (present(filter, "fromBlock") || present(filter, "toBlock")) {
                throw JsonRpcException.invalidParams("cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
            }
            Long number = blockHashNumber.apply(Quantities.decodeHash(blockHash.asText(), "blockHash"));
            if (number == null) {
                throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "unknown block");
            }
            from = number;
            to = number;
        } else {
            from = BlockTags.resolve(text(filter, "fromBlock"), head);
            to = BlockTags.resolve(text(filter, "toBlock"), head);
            if (from > to) {
                throw JsonRpcException.invalidParams("invalid block range params: fromBlock " + from + " > toBlock " + to);
            }
        }
        return new LogQuery(from, to, addresses(filter.get("address")), topics(filter.get("topics")));
    }

    private static boolean present(JsonNode filter, String field) {
        return filter.has(field) && !filter.get(field).isNull();
    }

    private static String text(JsonNode filter, String field) {
        JsonNode value = filter.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw JsonRpcException.invalidParams(field + " must be a block number or tag string");
        }
        return value.asText();
    }

    private static List<Address> addresses(JsonNode address) {
        List<Address> addresses = new ArrayList<>();
        if (address == null || address.isNull()) {
            return addresses;
        }
        if (address.isTextual()) {
            addresses.add(Quantities.decodeAddress(address.asText(), "address"));
        } else if (address.isArray()) {
            for (JsonNode a : address) {
                addresses.add(Quantities.decodeAddress(a.asText(null), "address"));
            }
        } else {
            throw JsonRpcException.invalidParams("address must be an address or a list of addresses");
        }
        return addresses;
    }

    private static List<List<byte[]>> topics(JsonNode topics) {
        List<List<byte[]>> positions = new ArrayList<>();
        if (topics == null || topics.isNull()) {
            return positions;
        }
        if (!topics.isArray()) {
            throw JsonRpcException.invalidParams("topics must be a list");
        }
        if (topics.size() > 4) {
            throw JsonRpcException.invalidParams("exceed max topics: at most 4 positions, not " + topics.size());
        }
        for (JsonNode position : topics) {
            List<byte[]> alternatives = new ArrayList<>();
            if (position.isTextual()) {
                alternatives.add(Quantities.decodeHash(position.asText(), "topic"));
            } else if (position.isArray()) {
                for (JsonNode topic : position) {
                    if (topic.isNull()) {
                        // null among alternatives matches anything at this position
                        alternatives.clear();
                        break;
                    }
                    alternatives.add(Quantities.decodeHash(topic.asText(), "topic"));
                }
            } else if (!position.isNull()) {
                throw JsonRpcException.invalidParams("a topic must be a hash, a list of hashes or null");
            }
            positions.add(alternatives);
        }
        return positions;
    }
}
