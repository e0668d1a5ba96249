package org.quorumee.node.management;

import java.beans.ConstructorProperties;

/** One peer as JMX shows it (an open-type composite: plain getters). */
public final class PeerView {
    private final String enode;
    private final boolean connected;
    private final boolean inbound;
    private final long queueDepth;
    private final String lastMessageAt;
    private final long messagesReceived;

    @ConstructorProperties({"enode", "connected", "inbound", "queueDepth", "lastMessageAt", "messagesReceived"})
    public PeerView(String enode, boolean connected, boolean inbound, long queueDepth, String lastMessageAt,
            long messagesReceived) {
        this.enode = enode;
        this.connected = connected;
        this.inbound = inbound;
        this.queueDepth = queueDepth;
        this.lastMessageAt = lastMessageAt;
        this.messagesReceived = messagesReceived;
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
}
