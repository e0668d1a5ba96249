package org.quorumee.node.network;

import org.quorumee.core.peer.PeerMessage;

/**
 * Receives the peer messages of one type (registered with {@link PeerNetwork#register}). Called on
 * the inbound listener's thread, one message at a time in arrival order, after the sender was checked
 * against the permission files and the message decoded and deduplicated; a slow handler delays every
 * other message, so long work belongs on the handler's own thread. A handler that throws has the failure
 * logged; the message is not redelivered.
 */
@FunctionalInterface
public interface PeerMessageHandler {
    /**
     * @param senderNodeId the sender's node ID (128 hex digits), as its TLS certificate proved it
     * @param message      the decoded message
     */
    void handle(String senderNodeId, PeerMessage message);
}
