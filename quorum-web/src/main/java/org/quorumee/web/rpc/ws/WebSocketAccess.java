package org.quorumee.web.rpc.ws;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.logging.Logger;
import org.quorumee.web.rpc.RpcSettings;

/**
 * The WebSocket handshake's gate: a handshake whose Origin is not allowed by
 * {@code quorum.ws.origins} is refused (403) before a connection exists, as go-ethereum's
 * {@code --ws.origins}. A handshake without Origin (not a browser) is accepted.
 */
public class WebSocketAccess extends ServerEndpointConfig.Configurator {
    private static final Logger LOG = Logger.getLogger(WebSocketAccess.class.getName());

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        boolean allowed = RpcSettings.system().isWebSocketOriginAllowed(originHeaderValue);
        if (!allowed) {
            LOG.fine(() -> "refused a WebSocket handshake from origin " + originHeaderValue);
        }
        return allowed;
    }

    /** The endpoint with its injected beans, as the container's own configurator would make it. */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        Unmanaged.UnmanagedInstance<T> instance = new Unmanaged<>(endpointClass).newInstance();
        return instance.produce().inject().postConstruct().get();
    }
}
