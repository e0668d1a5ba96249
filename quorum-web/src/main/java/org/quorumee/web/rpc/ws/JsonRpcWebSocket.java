package org.quorumee.web.rpc.ws;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.web.rpc.JsonRpcDispatcher;
import org.quorumee.web.rpc.JsonRpcService;
import org.quorumee.web.rpc.JsonRpcSession;
import org.quorumee.web.rpc.filter.FilterManager;

/**
 * JSON-RPC over WebSocket on the same port and path as HTTP (ws://host:port/): one text message per
 * request or batch, answered in order; subscriptions push notifications through the session.
 */
@ServerEndpoint("/")
public class JsonRpcWebSocket {
    private static final Logger LOG = Logger.getLogger(JsonRpcWebSocket.class.getName());

    @Inject
    JsonRpcService service;

    @Inject
    FilterManager filters;

    @OnOpen
    public void open(Session session) {
        long limit = service.maxRequestBytes();
        session.setMaxTextMessageBufferSize((int) Math.min(Integer.MAX_VALUE, limit));
        session.getUserProperties().put(JsonRpcSession.class.getName(), new WebSocketSession(session));
    }

    @OnMessage
    public void message(String body, Session session) throws IOException {
        JsonRpcDispatcher dispatcher = service.dispatcher();
        JsonRpcSession rpcSession = (JsonRpcSession) session.getUserProperties().get(JsonRpcSession.class.getName());
        JsonNode response = dispatcher.dispatch(body, rpcSession);
        if (response != null) {
            rpcSession.send(dispatcher.write(response));
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        JsonRpcSession rpcSession = (JsonRpcSession) session.getUserProperties().get(JsonRpcSession.class.getName());
        if (rpcSession != null) {
            filters.closed(rpcSession);
        }
        LOG.fine(() -> "JSON-RPC WebSocket " + session.getId() + " closed: " + reason);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        // A message over the size limit closes the connection (1009); anything else is logged.
        LOG.log(Level.FINE, "JSON-RPC WebSocket " + session.getId() + " failed", failure);
    }

    /** The connection as the dispatcher sees it. Sends are serialised: one writer per connection. */
    private record WebSocketSession(Session session) implements JsonRpcSession {
        @Override
        public String id() {
            return session.getId();
        }

        @Override
        public void send(String message) {
            synchronized (session) {
                try {
                    session.getBasicRemote().sendText(message);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "cannot send to JSON-RPC WebSocket " + session.getId(), e);
                }
            }
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }
    }
}
