package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.node.NodeService;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The web3 namespace. */
@ApplicationScoped
public class Web3Api implements JsonRpcNamespace {

    @EJB
    NodeService node;

    @Override
    public String name() {
        return "web3";
    }

    public String clientVersion() {
        return node.clientVersion();
    }

    /** Keccak-256 of the given data. */
    public String sha3(String data) {
        return Hex.encode(Keccak.keccak256(Quantities.decodeData(data, "data")));
    }
}
