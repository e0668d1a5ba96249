package org.quorumee.web.rpc;

/**
 * A bean that answers the JSON-RPC methods of one namespace. Each public method it declares is
 * registered as {@code <name()>_<methodName>} (e.g. {@code eth_chainId} for {@code chainId()} of the
 * {@code eth} namespace); positional parameters are bound to the Java parameters by Jackson, missing
 * trailing ones as {@code null}. Methods report failures by throwing {@link JsonRpcException}.
 */
public interface JsonRpcNamespace {

    /** The namespace prefix: eth, net, web3, personal, txpool, admin, raft, istanbul, debug ... */
    String name();

    /**
     * Whether this node serves the namespace at all: one that belongs to an engine the node does not
     * run (istanbul on a Raft node) is left out, so its methods "do not exist", as on GoQuorum.
     */
    default boolean served() {
        return true;
    }
}
