package org.quorumee.web.rpc.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket connection's send queue, over a stand-in for the container's session (a WebSocket
 * server cannot run in a unit test): messages go out one at a time, in order, each after the previous
 * send completed; a caller never waits; a client that falls 10,000 messages behind is closed; nothing
 * goes to a closed connection.
 */
class WebSocketSessionTest {

    /** The parts of a container session the queue uses: its id, whether it is open, the async remote, close. */
    private static final class Connection {
        final List<String> handedOver = new ArrayList<>();
        final List<SendHandler> completions = new ArrayList<>();
        boolean open = true;
        CloseReason closedWith;

        Session session() {
            RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler handler) {
                            handedOver.add((String) args[0]);
                            completions.add(handler);
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getId" -> "ws-1";
                        case "isOpen" -> open;
                        case "getAsyncRemote" -> remote;
                        case "close" -> {
                            closedWith = args == null ? null : (CloseReason) args[0];
                            open = false;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        /** The container reports the oldest outstanding send as done. */
        void complete(int index) {
            completions.get(index).onResult(new SendResult());
        }
    }

    @Test
    void sendsOneAtATimeInOrder() {
        Connection connection = new Connection();
        JsonRpcWebSocket.WebSocketSession session = new JsonRpcWebSocket.WebSocketSession(connection.session());
        session.send("a");
        session.send("b");
        session.send("c");
        assertEquals(List.of("a"), connection.handedOver, "the next waits for the previous send to complete");
        connection.complete(0);
        assertEquals(List.of("a", "b"), connection.handedOver);
        connection.complete(1);
        connection.complete(2);
        assertEquals(List.of("a", "b", "c"), connection.handedOver);
        session.send("d");
        assertEquals(List.of("a", "b", "c", "d"), connection.handedOver, "an idle queue sends at once");
        assertEquals("ws-1", session.id());
        assertTrue(session.isOpen());
    }

    @Test
    void aClientTooFarBehindIsClosed() {
        Connection connection = new Connection();
        JsonRpcWebSocket.WebSocketSession session = new JsonRpcWebSocket.WebSocketSession(connection.session());
        session.send("first"); // handed over, never completed: the client does not read
        for (int i = 0; i < JsonRpcWebSocket.WebSocketSession.MAX_QUEUED; i++) {
            session.send("m" + i);
        }
        assertNull(connection.closedWith, "10,000 waiting messages are still kept");
        session.send("one too many");
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, connection.closedWith.getCloseCode());
        connection.complete(0);
        assertEquals(List.of("first"), connection.handedOver, "nothing more once closed");
    }

    @Test
    void nothingGoesToAClosedConnection() {
        Connection connection = new Connection();
        JsonRpcWebSocket.WebSocketSession session = new JsonRpcWebSocket.WebSocketSession(connection.session());
        session.send("a");
        session.send("b");
        connection.open = false;
        connection.complete(0);
        assertEquals(List.of("a"), connection.handedOver);
        session.send("c");
        assertEquals(List.of("a"), connection.handedOver);
    }
}
