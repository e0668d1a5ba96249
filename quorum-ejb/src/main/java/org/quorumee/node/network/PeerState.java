package org.quorumee.node.network;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.quorumee.core.peer.EnodeUrl;
import org.quorumee.core.peer.MessageType;

/**
 * What this node knows of one peer now.
 *
 * @param enode             where the peer listens (from the permission file or admin_addPeer)
 * @param outboundConnected this node's bridge to the peer is connected
 * @param inboundConnected  the peer holds a connection to this node's peer acceptor
 * @param queueDepth        messages waiting to be forwarded to the peer
 * @param lastMessageAt     when the last message from the peer was processed, if ever
 * @param receivedByType    messages from the peer processed since start, by type (every type present)
 */
public record PeerState(EnodeUrl enode, boolean outboundConnected, boolean inboundConnected, long queueDepth,
        Optional<Instant> lastMessageAt, Map<MessageType, Long> receivedByType) {

    /** Messages from the peer processed since start, of every type. */
    public long messagesReceived() {
        return receivedByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Connected as GoQuorum counts it: a live link to the peer. */
    public boolean connected() {
        return outboundConnected;
    }
}
