package org.quorumee.node.chain;

import org.quorumee.core.chain.Receipt;
import org.quorumee.core.tx.Transaction;

/** A transaction of a block being stored, with the receipt its execution produced. */
public record ExecutedTransaction(Transaction transaction, Receipt receipt, byte[] revertReason) {
}
