package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.quorumee.node.NodeService;
import org.quorumee.node.network.PeerNetwork;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The net namespace. */
@ApplicationScoped
public class NetApi implements JsonRpcNamespace {

    @EJB
    NodeService node;

    @EJB
    PeerNetwork network;

    @Override
    public String name() {
        return "net";
    }

    /** The network id, in decimal (as go-ethereum answers it). */
    public String version() {
        return node.networkId().toString();
    }

    public boolean listening() {
        return true;
    }

    /** Peers with a live link (a node without a peer network has none). */
    public String peerCount() {
        return Quantities.encode(network.connectedPeerCount());
    }
}
