package org.quorumee.node.consensus;

/**
 * Block production and finality, behind which the single-node engine, Raft and IBFT sit. The
 * chain, the pool and the RPC only tell it that work is waiting; the engine decides when a block is
 * made and when it is final, and hands final blocks to the chain.
 */
public interface ConsensusEngine {

    /** The engine's name, as admin and status calls report it ("single", "raft", "istanbul"). */
    String name();

    /** Transactions are waiting in the pool. */
    void transactionsPending();
}
