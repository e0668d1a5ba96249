package org.quorumee.it.network;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * Speaks to a node's peer acceptor as a peer would, but by hand: an Artemis core client over TLS with
 * a node folder's key store (its certificate proves that node's enode), sending raw bytes to the
 * inbound queue. The tests use it to play a peer that sends garbage, or one that is not permitted.
 */
final class PeerClient implements AutoCloseable {
    static final String INBOUND = "jms.queue.QuorumPeerInbound";
    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession session;

    /** Connects to {@code port} as the node whose folder is {@code nodeDir}; fails if the node refuses. */
    PeerClient(Path nodeDir, int port) throws Exception {
        String password = QuorumNetwork.read(nodeDir.resolve("tls/password"));
        locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + port + "?sslEnabled=true"
                + "&keyStorePath=" + nodeDir.resolve("tls/node.p12") + "&keyStorePassword=" + password + "&keyStoreType=PKCS12"
                + "&trustStorePath=" + nodeDir.resolve("tls/trust.p12") + "&trustStorePassword=" + password
                + "&trustStoreType=PKCS12");
        locator.setReconnectAttempts(0).setInitialConnectAttempts(1).setCallTimeout(10_000)
                .setMinLargeMessageSize(100 * 1024);
        try {
            factory = locator.createSessionFactory();
            session = factory.createSession(true, true);
        } catch (Exception e) {
            locator.close();
            throw e;
        }
    }

    /** Sends one bytes message (what the node's bridges send) with optional extra string properties. */
    void send(String address, byte[] body, String... properties) throws ActiveMQException {
        try (ClientProducer producer = session.createProducer(address)) {
            ClientMessage message = session.createMessage(ClientMessage.BYTES_TYPE, true);
            for (int i = 0; i + 1 < properties.length; i += 2) {
                message.putStringProperty(properties[i], properties[i + 1]);
            }
            message.getBodyBuffer().writeBytes(body);
            producer.send(message);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (ActiveMQException e) {
            // the node may have cut us already
        }
        factory.close();
        locator.close();
    }
}
