package org.quorumee.node.chain;

import java.util.Arrays;
import java.util.List;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;

/**
 * An eth_getLogs filter resolved to block numbers: logs of {@code [fromBlock, toBlock]} from one of
 * {@code addresses} (any when empty), with topic position i one of {@code topics.get(i)} (any when
 * that list is empty).
 */
public record LogQuery(long fromBlock, long toBlock, List<Address> addresses, List<List<byte[]>> topics) {

    /** Whether {@code log} passes the address and topic criteria (the block range is not checked). */
    public boolean matches(Log log) {
        if (!addresses.isEmpty() && !addresses.contains(log.address())) {
            return false;
        }
        if (topics.size() > log.topics().size()) {
            return false;
        }
        for (int i = 0; i < topics.size(); i++) {
            List<byte[]> alternatives = topics.get(i);
            byte[] topic = log.topics().get(i);
            if (!alternatives.isEmpty() && alternatives.stream().noneMatch(a -> Arrays.equals(a, topic))) {
                return false;
            }
        }
        return true;
    }
}
