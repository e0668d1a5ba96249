package org.quorumee.node.chain;

import org.quorumee.core.types.Log;

/** A log with its position in the chain, as eth_getLogs and subscriptions report it. */
public record StoredLog(Log log, long blockNumber, byte[] blockHash, byte[] transactionHash, int transactionIndex,
                        int logIndex) {
}
