package org.quorumee.node.consensus;

import org.quorumee.core.chain.ConsensusRules;

/**
 * Block production and finality, behind which the single-node engine, Raft and IBFT/QBFT sit. The
 * engine owns its policy — when a block is made, on which parent, its timestamp, coinbase, extra data
 * and seals, whether an empty block is ever made — and hands final blocks to the
 * {@link org.quorumee.node.chain.BlockImporter}. The chain, the pool and the RPC do not know which
 * engine runs; {@link ConsensusService} starts the one the configuration names.
 */
public interface ConsensusEngine {

    /** The engine's name, as the configuration and status calls give it ("single", "raft", ...). */
    String name();

    /** The header rules this engine's blocks must satisfy, checked on every imported block. */
    ConsensusRules rules();

    /** Begins taking part: timers, production, messages. Called once, on the selected engine only. */
    void start();

    /** Stops taking part (the node shuts down). */
    void stop();

    /** Transactions are waiting in the pool. */
    void transactionsPending();

    /** The chain head moved (a block stored here, from whatever source). */
    default void headChanged() {
    }
}
