package org.quorumee.web.rpc.ws;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.web.rpc.JsonRpcDispatcher;
import org.quorumee.web.rpc.JsonRpcService;
import org.quorumee.web.rpc.JsonRpcSession;
import org.quorumee.web.rpc.filter.FilterManager;

/**
 * JSON-RPC over WebSocket on the same port and path as HTTP (ws://host:port/): one text message per
 * request or batch, answered in order; subscriptions push notifications through the session. The
 * handshake's Origin is checked by {@link WebSocketAccess}; at most {@code quorum.ws.maxConnections}
 * connections are open at once (a connection past it is closed at once, 1013 "try again later").
 */
@ServerEndpoint(value = "/", configurator = WebSocketAccess.class)
public class JsonRpcWebSocket {
    private static final Logger LOG = Logger.getLogger(JsonRpcWebSocket.class.getName());
    /** Open connections that were accepted (one count per deployment). */
    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final String COUNTED = JsonRpcWebSocket.class.getName() + ".counted";

    @Inject
    JsonRpcService service;

    @Inject
    FilterManager filters;

    @OnOpen
    public void open(Session session) throws IOException {
        int max = service.settings().wsMaxConnections();
        if (OPEN.incrementAndGet() > max) {
            OPEN.decrementAndGet();
            LOG.warning(() -> "refused a JSON-RPC WebSocket connection: " + max + " are open (quorum.ws.maxConnections)");
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many connections"));
            return;
        }
        session.getUserProperties().put(COUNTED, Boolean.TRUE);
        long limit = service.maxRequestBytes();
        session.setMaxTextMessageBufferSize((int) Math.min(Integer.MAX_VALUE, limit));
        session.getUserProperties().put(JsonRpcSession.class.getName(), new WebSocketSession(session));
    }

    @OnMessage
    public void message(String body, Session session) {
        JsonRpcDispatcher dispatcher = service.dispatcher();
        JsonRpcSession rpcSession = (JsonRpcSession) session.getUserProperties().get(JsonRpcSession.class.getName());
        if (rpcSession == null) {
            return; // refused at open
        }
        byte[] response = dispatcher.dispatch(body, rpcSession);
        if (response != null) {
            rpcSession.send(new String(response, StandardCharsets.UTF_8));
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (session.getUserProperties().remove(COUNTED) != null) {
            OPEN.decrementAndGet();
        }
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

    /**
     * The connection as the dispatcher sees it. Sends never block the caller (notifications are
     * sent from the thread that commits a block): messages queue per connection and go out one at a
     * time through the asynchronous remote, in order. A client that falls too far behind is cut off.
     */
    static final class WebSocketSession implements JsonRpcSession {
        /** Messages waiting for a slow client before it is disconnected. */
        static final int MAX_QUEUED = 10_000;

        private final Session session;
        private final Queue<String> queue = new ArrayDeque<>();
        private boolean sending;

        WebSocketSession(Session session) {
            this.session = session;
        }

        @Override
        public String id() {
            return session.getId();
        }

        @Override
        public void send(String message) {
            synchronized (queue) {
                if (queue.size() >= MAX_QUEUED) {
                    LOG.warning(() -> "JSON-RPC WebSocket " + session.getId() + " fell " + MAX_QUEUED
                            + " messages behind; closing it");
                    queue.clear();
                    closeQuietly();
                    return;
                }
                queue.add(message);
                if (sending) {
                    return;
                }
                sending = true;
            }
            sendNext();
        }

        private void sendNext() {
            String next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null || !session.isOpen()) {
                    sending = false;
                    queue.clear();
                    return;
                }
            }
            session.getAsyncRemote().sendText(next, result -> {
                if (!result.isOK()) {
                    LOG.log(Level.FINE, "cannot send to JSON-RPC WebSocket " + session.getId(), result.getException());
                }
                sendNext();
            });
        }

        private void closeQuietly() {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow"));
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot close JSON-RPC WebSocket " + session.getId(), e);
            }
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }
    }
}
