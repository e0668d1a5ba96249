package org.quorumee.node.management;

import java.beans.ConstructorProperties;
import java.util.Map;

/** One peer as JMX shows it (an open-type composite: plain getters). */
public final class PeerView {
    private final String enode;
    private final boolean connected;
    private final boolean inbound;
    private final long queueDepth;
    private final String lastMessageAt;
    private final long messagesReceived;
    private final Map<String, Long> messagesReceivedByType;

    @ConstructorProperties({"enode", "connected", "inbound", "queueDepth", "lastMessageAt", "messagesReceived",
            "messagesReceivedByType"})
    public PeerView(String enode, boolean connected, boolean inbound, long queueDepth, String lastMessageAt,
            long messagesReceived, Map<String, Long> messagesReceivedByType) {
        this.enode = enode;
        this.connected = connected;
        this.inbound = inbound;
        this.queueDepth = queueDepth;
        this.lastMessageAt = lastMessageAt;
        this.messagesReceived = messagesReceived;
        this.messagesReceivedByType = messagesReceivedByType;
    }

    public String getEnode() {
        return enode;
    }

    /** This node's link to the peer is connected. */
    public boolean isConnected() {
        return connected;
    }

    /** The peer is connected to this node's acceptor. */
    public boolean isInbound() {
        return inbound;
    }

    /** Messages waiting to be forwarded to the peer. */
    public long getQueueDepth() {
        return queueDepth;
    }

    /** ISO-8601 instant of the last message processed from the peer, or empty. */
    public String getLastMessageAt() {
        return lastMessageAt;
    }

    public long getMessagesReceived() {
        return messagesReceived;
    }

    /** Messages processed from the peer by type (TRANSACTIONS, BLOCK_REQUEST, CONSENSUS, ...). */
    public Map<String, Long> getMessagesReceivedByType() {
        return messagesReceivedByType;
    }
}
