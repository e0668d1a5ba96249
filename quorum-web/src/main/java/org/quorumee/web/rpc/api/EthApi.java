package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.ChainService;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The eth namespace. */
@ApplicationScoped
public class EthApi implements JsonRpcNamespace {

    @EJB
    NodeService node;

    @EJB
    ChainService chain;

    @Override
    public String name() {
        return "eth";
    }

    public String chainId() {
        return Quantities.encode(node.chainId());
    }

    /** The number of the last stored block. */
    public String blockNumber() {
        return Quantities.encode(chain.head().number());
    }

    /** False: a node imports only blocks consensus has finalised and does not sync from a remote head. */
    public Object syncing() {
        return Boolean.FALSE;
    }
}
