package org.quorumee.node.chain;

import java.util.List;

/** Transactions entered the pool's pending set (hashes, in arrival order). */
public record NewPendingTransactionsEvent(List<byte[]> hashes) {
}
