package org.quorumee.network.artemis;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.protocol.core.Packet;
import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.MessagePacketI;
import org.apache.activemq.artemis.core.remoting.FailureListener;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.utils.CertificateUtil;
import org.quorumee.core.peer.PermissionFiles;
import org.quorumee.core.peer.PermissionPolicy;
import org.quorumee.network.EnodeCertificates;

/**
 * The gatekeeper of a node's broker (an Artemis incoming interceptor, configured in the messaging
 * subsystem's {@code incoming-interceptors}): every packet of a remote connection passes here first.
 * <ul>
 *   <li>The connection must be TLS with a client certificate that carries an enode
 *       ({@link EnodeCertificates}); the handshake already checked that the network CA issued it.</li>
 *   <li>That enode must be permitted by the node's {@code permissioned-nodes.json} /
 *       {@code disallowed-nodes.json} (folder {@code quorum.node.dir}), re-read when they change.
 *       Otherwise the connection is failed and its packets dropped: nothing it sent is processed.</li>
 *   <li>A sweep every {@value #SWEEP_MILLIS} ms fails the live connections of peers that are no longer
 *       permitted, so removing a node cuts it within a second even if it stays silent.</li>
 *   <li>A peer may only send messages to the inbound queue; each one is stamped with the sender's
 *       node ID ({@value #SENDER_PROPERTY}), overwriting whatever the peer put there, so the node knows
 *       who sent it and no peer can speak for another. Creating consumers, queues or addresses is refused.</li>
 * </ul>
 * In-VM connections (the node's own beans) pass untouched.
 */
public final class PeerPermissionInterceptor implements Interceptor {
    /** The message property that names the sender (128 hex digits of its node ID). */
    public static final String SENDER_PROPERTY = "quorumSender";
    /** The only address peers may send to: the inbound JMS queue {@code QuorumPeerInbound}. */
    public static final String INBOUND_ADDRESS = "jms.queue.QuorumPeerInbound";
    static final long SWEEP_MILLIS = 200;

    private static final Logger LOG = Logger.getLogger(PeerPermissionInterceptor.class.getName());
    private static final Gate GATE = new Gate();

    public PeerPermissionInterceptor() {
        GATE.start();
    }

    @Override
    public boolean intercept(Packet packet, RemotingConnection connection) throws ActiveMQException {
        if (connection.getTransportConnection() instanceof InVMConnection) {
            return true;
        }
        String nodeId = GATE.admitted(connection);
        if (nodeId == null) {
            GATE.refusedPackets.incrementAndGet();
            return false;
        }
        byte type = packet.getType();
        if (type == PacketImpl.SESS_SEND || type == PacketImpl.SESS_SEND_LARGE) {
            Message message = ((MessagePacketI) packet).getMessage();
            String address = message.getAddress();
            if (!INBOUND_ADDRESS.equals(address)) {
                GATE.refusedPackets.incrementAndGet();
                throw new ActiveMQSecurityException("peers may send only to " + INBOUND_ADDRESS + ", not " + address);
            }
            message.putStringProperty(SENDER_PROPERTY, nodeId);
            GATE.admittedMessages.incrementAndGet();
        } else if (type == PacketImpl.SESS_CREATECONSUMER || type == PacketImpl.CREATE_QUEUE
                || type == PacketImpl.CREATE_QUEUE_V2 || type == PacketImpl.CREATE_SHARED_QUEUE
                || type == PacketImpl.CREATE_SHARED_QUEUE_V2 || type == PacketImpl.DELETE_QUEUE
                || type == PacketImpl.CREATE_ADDRESS) {
            GATE.refusedPackets.incrementAndGet();
            throw new ActiveMQSecurityException("peers may not create consumers, queues or addresses");
        }
        return true;
    }

    /** The state shared by every instance (the server makes one per configured interceptor). */
    static final class Gate implements PeerConnectionsMXBean {
        private final Map<Object, Admitted> connections = new ConcurrentHashMap<>();
        private final Map<Object, Boolean> refusing = new ConcurrentHashMap<>();
        private final Map<String, Long> lastWarning = new ConcurrentHashMap<>();
        private final java.util.Deque<String> recentCuts = new java.util.concurrent.ConcurrentLinkedDeque<>();
        /** Nodes admitted since their last cut: each loss of permission is noted once, when first acted on. */
        private final java.util.Set<String> admittedNodes = ConcurrentHashMap.newKeySet();
        final AtomicLong refusedConnections = new AtomicLong();
        final AtomicLong refusedPackets = new AtomicLong();
        final AtomicLong admittedMessages = new AtomicLong();
        private volatile PermissionFiles files;
        private volatile PermissionPolicy policy = PermissionPolicy.denyAll("not read yet");
        private ScheduledExecutorService sweeper;

        synchronized void start() {
            if (sweeper != null) {
                return;
            }
            String dir = System.getProperty("quorum.node.dir");
            files = dir == null || dir.isBlank() ? null : new PermissionFiles(Path.of(dir));
            refreshPolicy();
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "quorum-peer-gate");
                t.setDaemon(true);
                return t;
            });
            sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName name = new ObjectName("org.quorumee:type=PeerConnections");
                if (!server.isRegistered(name)) {
                    server.registerMBean(this, name);
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "cannot publish org.quorumee:type=PeerConnections", e);
            }
            LOG.info(() -> "peer gate active: permissions from " + (files == null ? "nowhere (quorum.node.dir unset)"
                    : files.permissionedFile()) + ": " + policy);
        }

        /** The node ID of an admitted connection, or null after refusing it. */
        String admitted(RemotingConnection connection) {
            Admitted admitted = connections.get(connection.getID());
            if (admitted != null) {
                if (policy.isPermitted(admitted.nodeId)) {
                    return admitted.nodeId;
                }
                cut(admitted);
                return null;
            }
            if (refusing.containsKey(connection.getID())) {
                return null;
            }
            X509Certificate[] certificates = CertificateUtil.getCertsFromConnection(connection);
            if (certificates == null || certificates.length == 0) {
                refuse(connection, null, "no TLS client certificate");
                return null;
            }
            Optional<String> nodeId = EnodeCertificates.nodeId(certificates[0]);
            if (nodeId.isEmpty()) {
                refuse(connection, null, "its certificate carries no enode (" + certificates[0].getSubjectX500Principal() + ")");
                return null;
            }
            if (!policy.isPermitted(nodeId.get())) {
                // A peer whose link dropped just before it lost its permission is turned away here, at
                // its reconnection, rather than by a cut of a live connection: that is its cut.
                if (admittedNodes.remove(nodeId.get())) {
                    noteCut(nodeId.get());
                }
                refuse(connection, nodeId.get(), "not permitted (" + policy + ")");
                return null;
            }
            Admitted fresh = new Admitted(nodeId.get(), connection);
            if (connections.putIfAbsent(connection.getID(), fresh) == null) {
                admittedNodes.add(fresh.nodeId);
                Object id = connection.getID();
                connection.addCloseListener(() -> connections.remove(id));
                connection.addFailureListener(new Forget(id));
                LOG.info(() -> "peer " + abbreviate(fresh.nodeId) + " connected from " + connection.getRemoteAddress());
            }
            return nodeId.get();
        }

        private void refuse(RemotingConnection connection, String nodeId, String reason) {
            Object id = connection.getID();
            connections.remove(id);
            if (refusing.putIfAbsent(id, Boolean.TRUE) != null) {
                return;
            }
            refusedConnections.incrementAndGet();
            String who = (nodeId == null ? "a peer" : "peer " + abbreviate(nodeId)) + " from " + connection.getRemoteAddress();
            String key = nodeId == null ? String.valueOf(connection.getRemoteAddress()) : nodeId;
            long now = System.nanoTime();
            Long last = lastWarning.get(key);
            // A refused bridge retries every half second: one warning a minute per peer is enough.
            if (last == null || now - last > TimeUnit.MINUTES.toNanos(1)) {
                lastWarning.put(key, now);
                LOG.warning(() -> "refused " + who + ": " + reason);
            }
            connection.addCloseListener(() -> refusing.remove(id));
            connection.addFailureListener(new Forget(id));
            // Fail it outside the packet's own handling; the packet itself is dropped by the caller.
            sweeper.execute(() -> connection.fail(new ActiveMQSecurityException("refused by the peer gate: " + reason)));
        }

        /** Cuts a connection whose peer lost its permission. */
        private void cut(Admitted admitted) {
            if (connections.remove(admitted.connection.getID()) == null) {
                return;
            }
            if (admittedNodes.remove(admitted.nodeId)) {
                noteCut(admitted.nodeId);
            }
            refuse(admitted.connection, admitted.nodeId, "no longer permitted");
        }

        /** Notes a peer turned away after losing its permission, and how long after the files changed. */
        private void noteCut(String nodeId) {
            long changed = 0;
            PermissionFiles f = files;
            if (f != null) {
                for (Path file : new Path[] {f.permissionedFile(), f.disallowedFile()}) {
                    try {
                        changed = Math.max(changed, java.nio.file.Files.getLastModifiedTime(file).toMillis());
                    } catch (java.io.IOException e) {
                        // a missing file changed nothing we can time
                    }
                }
            }
            long latency = changed == 0 ? -1 : System.currentTimeMillis() - changed;
            recentCuts.addLast(nodeId + " " + latency);
            while (recentCuts.size() > 32) {
                recentCuts.pollFirst();
            }
            LOG.info(() -> "cut peer " + abbreviate(nodeId) + ": no longer permitted (" + latency
                    + " ms after the permission files changed)");
        }

        @Override
        public String[] getRecentCuts() {
            return recentCuts.toArray(String[]::new);
        }

        private void sweep() {
            try {
                refreshPolicy();
                for (Admitted admitted : connections.values()) {
                    if (!policy.isPermitted(admitted.nodeId)) {
                        cut(admitted);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "peer gate sweep failed", e);
            }
        }

        private void refreshPolicy() {
            PermissionFiles f = files;
            policy = f == null ? PermissionPolicy.denyAll("quorum.node.dir is not set") : f.current();
        }

        @Override
        public String[] getInboundPeers() {
            return connections.values().stream().map(a -> a.nodeId).distinct().sorted().toArray(String[]::new);
        }

        @Override
        public long getRefusedConnections() {
            return refusedConnections.get();
        }

        @Override
        public long getRefusedPackets() {
            return refusedPackets.get();
        }

        @Override
        public long getAdmittedMessages() {
            return admittedMessages.get();
        }

        @Override
        public String getPolicy() {
            return policy.toString();
        }

        private final class Forget implements FailureListener {
            private final Object id;

            Forget(Object id) {
                this.id = id;
            }

            @Override
            public void connectionFailed(ActiveMQException exception, boolean failedOver) {
                connections.remove(id);
                refusing.remove(id);
            }

            @Override
            public void connectionFailed(ActiveMQException exception, boolean failedOver, String scaleDownTargetNodeID) {
                connectionFailed(exception, failedOver);
            }
        }
    }

    private record Admitted(String nodeId, RemotingConnection connection) {
    }

    private static String abbreviate(String nodeId) {
        return nodeId.substring(0, 16) + "...";
    }

}
