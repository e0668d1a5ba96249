package org.quorumee.web.rpc;

/**
 * The connection a request came over, for methods that answer later (subscriptions). A namespace
 * method declares a parameter of this type to receive it; the dispatcher passes the caller's
 * session there instead of a JSON parameter. Over HTTP there is none, and such methods answer
 * "notifications not supported" (go-ethereum's code and words).
 */
public interface JsonRpcSession {

    /** A stable identifier of the connection. */
    String id();

    /** Sends a server-initiated message (a JSON-RPC notification) to the client. */
    void send(String message);

    boolean isOpen();
}
