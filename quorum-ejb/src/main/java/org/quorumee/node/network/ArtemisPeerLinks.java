package org.quorumee.node.network;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.quorumee.core.peer.EnodeUrl;

/**
 * The node's outbound links, made in its own Artemis broker through the broker's MBeans: per peer, a
 * durable queue on the {@code QuorumPeerOutbound} address that keeps what is for that peer (broadcasts,
 * and messages whose {@value #TARGET_PROPERTY} names it) while the peer is away, a TLS connector to the
 * peer's acceptor (the Elytron client context {@value #CLIENT_SSL_CONTEXT}: this node's certificate),
 * and a core bridge from that queue to the peer's inbound queue, reconnecting forever and using
 * duplicate detection so a resent message is stored once.
 */
final class ArtemisPeerLinks {
    static final String OUTBOUND_ADDRESS = "jms.topic.QuorumPeerOutbound";
    static final String INBOUND_ADDRESS = "jms.queue.QuorumPeerInbound";
    static final String TARGET_PROPERTY = "quorumTarget";
    static final String CLIENT_SSL_CONTEXT = "quorum-peer-client";
    private static final String PREFIX = "quorum-peer-";
    private static final String BRIDGE_PREFIX = PREFIX + "to-";
    private static final String QUEUE_PREFIX = "quorum.peer.out.";
    /** Bridge pings and connection TTL: a dead link is seen within a second. */
    private static final long CLIENT_FAILURE_CHECK_MILLIS = 250;
    private static final long CONNECTION_TTL_MILLIS = 1000;
    /** Reconnect quickly at first, then every 5 s at most (a refused or stopped peer is not hammered). */
    private static final long RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 5000;
    /**
     * How long a bridge's blocking call (its session, when it connects) waits for an answer. A peer's
     * gate refuses a connection by dropping its packets, so a bridge that dials a peer a moment before
     * the peer permits this node waits this long before it tries again: Artemis' default, 30 s, kept
     * both links of a node whose permission was revoked and given back down for 30 s.
     */
    private static final long CALL_TIMEOUT_MILLIS = 5000;

    /**
     * Messages up to this size cross a bridge whole, as the node's own connection factory sends them
     * (quorum-node.cli): a "large" message is kept in a file and streamed in chunks, a byte at a time.
     */
    private static final int MIN_LARGE_MESSAGE_BYTES = 1024 * 1024;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName broker;

    ArtemisPeerLinks() {
        broker = name("org.apache.activemq.artemis:broker=\"default\"");
    }

    /** Whether the broker's management is there (it is in the node's configuration). */
    boolean available() {
        return server.isRegistered(broker);
    }

    /** A short stable key for a peer: the first 32 hex digits of its node ID. */
    static String key(String nodeId) {
        return nodeId.substring(0, 32);
    }

    static String queueName(String nodeId) {
        return QUEUE_PREFIX + key(nodeId);
    }

    /** Makes (or remakes) the link to a peer at its current address; its queue and what waits there are kept. */
    void open(EnodeUrl peer) throws JMException {
        String key = key(peer.nodeId());
        close(peer.nodeId(), false);
        if (!server.isRegistered(queueObject(peer.nodeId()))) {
            String queue = "{\"name\":\"" + queueName(peer.nodeId()) + "\",\"address\":\"" + OUTBOUND_ADDRESS
                    + "\",\"routing-type\":\"MULTICAST\",\"durable\":true,\"filter-string\":\"" + TARGET_PROPERTY
                    + " IS NULL OR " + TARGET_PROPERTY + " = '" + peer.nodeId() + "'\"}";
            invoke(broker, "createQueue", new Object[] {queue, true}, "java.lang.String", "boolean");
        }
        String host = peer.host().indexOf(':') >= 0 ? "[" + peer.host() + "]" : peer.host();
        invoke(broker, "addConnector", new Object[] {PREFIX + key, "tcp://" + host + ":" + peer.port()
                + "?sslEnabled=true&sslContext=" + CLIENT_SSL_CONTEXT}, "java.lang.String", "java.lang.String");
        String bridge = "{\"name\":\"" + BRIDGE_PREFIX + key + "\",\"queue-name\":\"" + queueName(peer.nodeId())
                + "\",\"forwarding-address\":\"" + INBOUND_ADDRESS + "\",\"static-connectors\":[\"" + PREFIX + key
                + "\"],\"use-duplicate-detection\":true,\"reconnect-attempts\":-1,\"initial-connect-attempts\":-1"
                + ",\"retry-interval\":" + RETRY_MILLIS + ",\"retry-interval-multiplier\":1.5,\"max-retry-interval\":"
                + MAX_RETRY_MILLIS + ",\"client-failure-check-period\":" + CLIENT_FAILURE_CHECK_MILLIS
                + ",\"connection-ttl\":" + CONNECTION_TTL_MILLIS + ",\"call-timeout\":" + CALL_TIMEOUT_MILLIS
                + ",\"min-large-message-size\":" + MIN_LARGE_MESSAGE_BYTES
                + ",\"routing-type\":\"ANYCAST\"}";
        invoke(broker, "createBridge", new Object[] {bridge}, "java.lang.String");
    }

    /** Removes the bridge and connector to a peer; with {@code dropQueue} also what waits for it. */
    void close(String nodeId, boolean dropQueue) throws JMException {
        String key = key(nodeId);
        if (server.isRegistered(bridgeObject(nodeId))) {
            invoke(broker, "destroyBridge", new Object[] {BRIDGE_PREFIX + key}, "java.lang.String");
        }
        if (hasConnector(PREFIX + key)) {
            invoke(broker, "removeConnector", new Object[] {PREFIX + key}, "java.lang.String");
        }
        if (dropQueue && server.isRegistered(queueObject(nodeId))) {
            invoke(broker, "destroyQueue", new Object[] {queueName(nodeId), true}, "java.lang.String", "boolean");
        }
    }

    /** The peers (32-hex keys) that have a bridge now, made by this node before (bridges survive restarts). */
    List<String> bridgedKeys() throws JMException {
        List<String> keys = new ArrayList<>();
        Set<ObjectName> bridges = server.queryNames(name("org.apache.activemq.artemis:broker=\"default\",component=bridges,*"), null);
        for (ObjectName bridge : bridges) {
            String bridgeName = ObjectName.unquote(bridge.getKeyProperty("name"));
            if (bridgeName.startsWith(BRIDGE_PREFIX)) {
                keys.add(bridgeName.substring(BRIDGE_PREFIX.length()));
            }
        }
        return keys;
    }

    /** Removes the bridge and connector of a key found by {@link #bridgedKeys()}. */
    void closeKey(String key) throws JMException {
        invoke(broker, "destroyBridge", new Object[] {BRIDGE_PREFIX + key}, "java.lang.String");
        if (hasConnector(PREFIX + key)) {
            invoke(broker, "removeConnector", new Object[] {PREFIX + key}, "java.lang.String");
        }
    }

    boolean connected(String nodeId) {
        try {
            ObjectName bridge = bridgeObject(nodeId);
            return server.isRegistered(bridge) && Boolean.TRUE.equals(server.getAttribute(bridge, "Connected"));
        } catch (JMException e) {
            return false;
        }
    }

    long queueDepth(String nodeId) {
        try {
            ObjectName queue = queueObject(nodeId);
            return server.isRegistered(queue) ? ((Number) server.getAttribute(queue, "MessageCount")).longValue() : 0;
        } catch (JMException e) {
            return -1;
        }
    }

    /** The node IDs connected to this node's peer acceptor now (published by the peer gate). */
    Set<String> inboundPeers() {
        try {
            ObjectName gate = name("org.quorumee:type=PeerConnections");
            if (!server.isRegistered(gate)) {
                return Set.of();
            }
            return Set.of((String[]) server.getAttribute(gate, "InboundPeers"));
        } catch (JMException | RuntimeException e) {
            return Set.of();
        }
    }

    private boolean hasConnector(String connector) throws JMException {
        String json = (String) server.getAttribute(broker, "ConnectorsAsJSON");
        return json != null && json.contains("\"" + connector + "\"");
    }

    private ObjectName bridgeObject(String nodeId) {
        return name("org.apache.activemq.artemis:broker=\"default\",component=bridges,name=\"" + BRIDGE_PREFIX
                + key(nodeId) + "\"");
    }

    private ObjectName queueObject(String nodeId) {
        return name("org.apache.activemq.artemis:broker=\"default\",component=addresses,address=\"" + OUTBOUND_ADDRESS
                + "\",subcomponent=queues,routing-type=\"multicast\",queue=\"" + queueName(nodeId) + "\"");
    }

    private Object invoke(ObjectName target, String operation, Object[] args, String... signature) throws JMException {
        return server.invoke(target, operation, args, signature);
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (JMException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
