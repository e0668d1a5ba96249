package org.quorumee.network.artemis;

/**
 * What the peer acceptor's gatekeeper sees, published as {@code org.quorumee:type=PeerConnections}
 * in the platform MBean server (the node reads it; so can a person with JConsole).
 */
public interface PeerConnectionsMXBean {
    /** The node IDs of the peers connected to this node's peer acceptor now (a peer may hold several). */
    String[] getInboundPeers();

    /** Connections refused: no enode certificate, not permitted, or no longer permitted. */
    long getRefusedConnections();

    /** Packets dropped because their connection was refused or they asked for what peers may not do. */
    long getRefusedPackets();

    /** Messages admitted and stamped with their sender's enode. */
    long getAdmittedMessages();

    /**
     * The latest cuts of peers that lost their permission while admitted, newest last, each
     * {@code "<node ID> <milliseconds from the permission files' change to the cut>"}. A peer is noted
     * once per loss: when its live connection is cut, or, if its link had just dropped, when its
     * reconnection is refused.
     */
    String[] getRecentCuts();

    /** The permission policy in force, in words (how many listed, or why everyone is denied). */
    String getPolicy();
}
