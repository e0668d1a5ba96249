package org.quorumee.node.chain;

import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;

/** A transaction of a stored block, with where it is and who sent it. */
public record StoredTransaction(Transaction transaction, Address sender, byte[] blockHash, long blockNumber, int index) {
}
