package org.quorumee.core.consensus.ibft;

/** The two Istanbul protocols GoQuorum runs; a chain may switch from IBFT to QBFT at a block. */
public enum BftProtocol {
    /** Legacy IBFT (GoQuorum {@code istanbul}, EIP-650): proposer seal in extraData, locking. */
    IBFT,
    /** QBFT: justified round changes, proposer in the coinbase, round in extraData. */
    QBFT
}
