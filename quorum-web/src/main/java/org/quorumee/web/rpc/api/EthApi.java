package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.quorumee.node.NodeService;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The eth namespace. */
@ApplicationScoped
public class EthApi implements JsonRpcNamespace {

    @EJB
    NodeService node;

    @Override
    public String name() {
        return "eth";
    }

    public String chainId() {
        return Quantities.encode(node.chainId());
    }

    /** False: a node imports only what consensus finalised, so it is never behind a chain it follows. */
    public Object syncing() {
        return Boolean.FALSE;
    }
}
