package org.quorumee.node.chain;

import java.math.BigInteger;
import org.quorumee.core.chain.Receipt;
import org.quorumee.core.types.Address;

/**
 * A transaction's receipt as clients read it: the consensus receipt plus what the node derives
 * (gas used by this transaction alone, the created contract, the price paid, the first log's index
 * in the block, and the revert reason when the node keeps it).
 */
public record StoredReceipt(Receipt receipt, StoredTransaction transaction, long gasUsed, Address contractAddress,
                            BigInteger effectiveGasPrice, int firstLogIndex, byte[] revertReason) {
}
