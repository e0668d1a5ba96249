package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.quorumee.node.NodeService;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The net namespace. */
@ApplicationScoped
public class NetApi implements JsonRpcNamespace {

    @EJB
    NodeService node;

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

    /** Connected peers; a single node has none until peer messaging lands. */
    public String peerCount() {
        return Quantities.encode(0);
    }
}
