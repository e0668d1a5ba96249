package org.quorumee.node.chain;

import java.util.List;
import org.quorumee.core.chain.BlockHeader;

/** A stored block: its header, its transactions in order, and its encoded size in bytes. */
public record StoredBlock(BlockHeader header, byte[] hash, List<StoredTransaction> transactions, long size) {
}
