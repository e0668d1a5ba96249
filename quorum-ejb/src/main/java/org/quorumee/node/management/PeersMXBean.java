package org.quorumee.node.management;

import java.util.List;

/** The node's peers, {@code org.quorumee:type=Peers}. */
public interface PeersMXBean {
    /** This node's enode URL. */
    String getSelf();

    /** Peers with a live outbound link. */
    int getConnectedCount();

    /** Every linked peer and its state. */
    List<PeerView> getPeers();

    /** Messages from peers refused (unauthenticated, not permitted, malformed, oversized). */
    long getRefusedMessages();

    /** Messages from peers dropped as duplicates. */
    long getDuplicateMessages();

    /** Gossiped transactions that entered the pool. */
    long getGossipReceived();

    /** Gossiped transactions the pool refused (other than "already known"). */
    long getGossipRejected();

    /** This node's own transactions gossiped again because they stayed in its pool (see TransactionGossip). */
    long getGossipResent();
}
