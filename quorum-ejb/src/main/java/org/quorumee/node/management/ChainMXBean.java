package org.quorumee.node.management;

/** The node's chain, {@code org.quorumee:type=Chain}. */
public interface ChainMXBean {
    long getHeadNumber();

    /** The head block's hash, 0x-prefixed. */
    String getHeadHash();

    /** Transactions ready to be included. */
    int getPendingTransactions();

    /** Transactions waiting for an earlier nonce. */
    int getQueuedTransactions();
}
