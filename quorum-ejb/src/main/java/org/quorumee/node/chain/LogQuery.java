package org.quorumee.node.chain;

import java.util.List;
import org.quorumee.core.types.Address;

/**
 * An eth_getLogs filter resolved to block numbers: logs of {@code [fromBlock, toBlock]} from one of
 * {@code addresses} (any when empty), with topic position i one of {@code topics.get(i)} (any when
 * that list is empty).
 */
public record LogQuery(long fromBlock, long toBlock, List<Address> addresses, List<List<byte[]>> topics) {
}
