package org.quorumee.node.network;

import java.time.Instant;
import java.util.Optional;
import org.quorumee.core.peer.EnodeUrl;

/**
 * What this node knows of one peer now.
 *
 * @param enode             where the peer listens (from the permission file or admin_addPeer)
 * @param outboundConnected this node's bridge to the peer is connected
 * @param inboundConnected  the peer holds a connection to this node's peer acceptor
 * @param queueDepth        messages waiting to be forwarded to the peer
 * @param lastMessageAt     when the last message from the peer was processed, if ever
 * @param messagesReceived  messages from the peer processed since start
 */
public record PeerState(EnodeUrl enode, boolean outboundConnected, boolean inboundConnected, long queueDepth,
        Optional<Instant> lastMessageAt, long messagesReceived) {

    /** Connected as GoQuorum counts it: a live link to the peer. */
    public boolean connected() {
        return outboundConnected;
    }
}
