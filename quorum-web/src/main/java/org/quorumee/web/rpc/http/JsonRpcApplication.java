package org.quorumee.web.rpc.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JSON-RPC answers at the root path of the node's HTTP port, as go-ethereum's does. */
@ApplicationPath("/")
public class JsonRpcApplication extends Application {
}
