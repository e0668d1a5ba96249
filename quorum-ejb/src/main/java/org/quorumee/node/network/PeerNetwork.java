package org.quorumee.node.network;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import org.quorumee.core.peer.EnodeUrl;
import org.quorumee.core.peer.InvalidPeerMessageException;
import org.quorumee.core.peer.MessageType;
import org.quorumee.core.peer.PeerMessage;
import org.quorumee.core.peer.PeerMessageCodec;
import org.quorumee.core.peer.PermissionFiles;
import org.quorumee.core.peer.PermissionPolicy;
import org.quorumee.node.NodeService;

/**
 * The node's peers: one outbound link per permitted peer (a durable queue and a TLS bridge in the
 * node's Artemis, {@link ArtemisPeerLinks}), sending and broadcasting {@link PeerMessage}s over them,
 * and handing received messages to the handlers registered per {@link MessageType}.
 *
 * <p>Who is a peer comes from the permission files ({@code permissioned-nodes.json} minus
 * {@code disallowed-nodes.json}) in the data folder; they are re-read every second and on every change
 * made here ({@link #permit}, {@link #revoke}), links opened and closed to match. Inbound, the broker's
 * peer gate admits only permitted certificates and stamps each message with its sender; the inbound
 * listener checks that stamp again, decodes, drops duplicates (by message ID) and calls
 * {@link #deliver}.
 *
 * <p>A node without a TLS key store ({@code tls/node.p12} in its folder) has no peer network: it
 * starts alone, every send is a no-op, and nothing is linked.
 */
@Singleton
@Startup
@DependsOn("NodeService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PeerNetwork {
    private static final Logger LOG = Logger.getLogger(PeerNetwork.class.getName());
    private static final long RECONCILE_MILLIS = 1000;
    private static final int DEDUPE_CAPACITY = 100_000;
    /**
     * Message types handled on a worker of their own (in arrival order), not on the inbound listener's
     * one thread: pooling gossiped transactions checks every signature, and under load a backlog of
     * gossip made Raft heartbeats and appends wait seconds behind it (followers called elections,
     * blocks took seconds to commit). Everything else is handled on the listener's thread, as it came.
     */
    private static final Set<MessageType> OFF_LISTENER = EnumSet.of(MessageType.TRANSACTIONS);
    /** How much of those messages may wait in memory; beyond, the listener waits (they stay in the broker). */
    private static final long OFF_LISTENER_MAX_BYTES = 32L << 20;

    @EJB
    private NodeService node;

    @Resource(lookup = "java:/JmsXA")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/topic/QuorumPeerOutbound")
    private Topic outbound;

    @Resource
    private TimerService timers;

    @Resource
    private ManagedExecutorService executor;

    private final PeerMessageCodec codec = new PeerMessageCodec();
    private final SecureRandom random = new SecureRandom();
    private final Map<MessageType, List<PeerMessageHandler>> handlers = new EnumMap<>(MessageType.class);
    private final Map<String, EnodeUrl> linked = new ConcurrentHashMap<>();
    /** Peers dropped by admin_removePeer: not linked again until admin_addPeer or a restart. */
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();
    /** Addresses given by admin_addPeer, over the permission file's. */
    private final Map<String, EnodeUrl> addressOverrides = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastMessageAt = new ConcurrentHashMap<>();
    /** Per sender, messages processed by type (indexed by the type's ordinal). */
    private final Map<String, AtomicLongArray> receivedFrom = new ConcurrentHashMap<>();
    /** Told the node id of a peer whose link has just come up (see {@link #onPeerConnected}). */
    private final List<Consumer<String>> connectionListeners = new CopyOnWriteArrayList<>();
    /** The peers whose links were up at the timer's last look. */
    private volatile Set<String> connectedAtLastLook = Set.of();
    private final AtomicLong refusedMessages = new AtomicLong();
    private final AtomicLong duplicateMessages = new AtomicLong();
    private final Map<String, Boolean> seen = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DEDUPE_CAPACITY;
        }
    });

    private OrderedWorker offListener;
    private PermissionFiles permissionFiles;
    private ArtemisPeerLinks links;
    private EnodeUrl self;
    private boolean enabled;

    @PostConstruct
    void start() {
        Path dir = node.config().nodeDir();
        permissionFiles = new PermissionFiles(dir);
        self = ownEnode(dir);
        links = new ArtemisPeerLinks();
        offListener = new OrderedWorker("peer message worker", executor, OFF_LISTENER_MAX_BYTES);
        enabled = Files.exists(dir.resolve("tls").resolve("node.p12")) && links.available();
        if (!enabled) {
            LOG.info(() -> "no peer network: " + (links.available() ? "no TLS key store in " + dir.resolve("tls")
                    : "the broker's management is not available") + "; this node runs alone");
            return;
        }
        reconcile();
        timers.createIntervalTimer(RECONCILE_MILLIS, RECONCILE_MILLIS, new TimerConfig("peer-links", false));
        LOG.info(() -> "peer network up: " + self + ", " + linked.size() + " peer link(s), permissions: "
                + permissionFiles.current());
    }

    @PreDestroy
    void stop() {
        for (Timer timer : timers.getTimers()) {
            timer.cancel();
        }
    }

    @Timeout
    void onTimer(Timer timer) {
        reconcile();
        noticeNewConnections();
    }

    /** Whether this node has a peer network (a TLS identity and a broker to link with). */
    public boolean enabled() {
        return enabled;
    }

    /** This node's enode URL. */
    public EnodeUrl self() {
        return self;
    }

    /** Adds a handler for one message type (block sync, Raft, IBFT, privacy...). */
    public void register(MessageType type, PeerMessageHandler handler) {
        synchronized (handlers) {
            handlers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(handler);
        }
    }

    /**
     * Adds a listener told the node id of each peer whose link comes up: a new link, a peer that
     * restarted or admits this node again. Looked at every {@value #RECONCILE_MILLIS} ms, on the
     * timer's thread. Why: a link that was down may have lost what was broadcast meanwhile (a link
     * closed when a permission is revoked drops its queue), so such a peer gets sent what it needs.
     */
    public void onPeerConnected(Consumer<String> listener) {
        connectionListeners.add(listener);
    }

    /** A fresh random message ID. */
    public byte[] newMessageId() {
        byte[] id = new byte[PeerMessage.ID_LENGTH];
        random.nextBytes(id);
        return id;
    }

    /** Sends a message to one peer (it waits in that peer's queue while the peer is away). */
    public void send(String peerNodeId, PeerMessage message) {
        send(peerNodeId, message, 0);
    }

    /**
     * Sends a message to one peer that the broker drops if it is not delivered within
     * {@code timeToLiveMillis} (0: kept until delivered): for a request whose sender stops waiting.
     */
    public void send(String peerNodeId, PeerMessage message, long timeToLiveMillis) {
        publish(message, peer(peerNodeId), timeToLiveMillis, DeliveryMode.PERSISTENT);
    }

    /**
     * Sends a message that may be lost, for a protocol that resends by itself (Raft): not written to
     * the broker's journal, so the sender never waits for a disk sync, and dropped when it is not
     * delivered within {@code timeToLiveMillis} (a peer back after a while gets no backlog of stale
     * heartbeats).
     */
    public void sendTransient(String peerNodeId, PeerMessage message, long timeToLiveMillis) {
        publish(message, peer(peerNodeId), timeToLiveMillis, DeliveryMode.NON_PERSISTENT);
    }

    /** The node id a message is addressed to, normalised; never this node's own. */
    private String peer(String peerNodeId) {
        String target = EnodeUrl.normalizeNodeId(peerNodeId);
        if (target.equals(self.nodeId())) {
            throw new IllegalArgumentException("a node does not send to itself");
        }
        return target;
    }

    /** Whether the link to this peer is up now (its bridge connected). */
    public boolean connected(String peerNodeId) {
        return enabled && links.connected(EnodeUrl.normalizeNodeId(peerNodeId));
    }

    /**
     * Whether a peer's link was up at the timer's last look. A peer whose link came up since then is
     * told by {@link #onPeerConnected} at the next look, so a sender that skips a broadcast while
     * this is false can catch that peer up there.
     */
    public boolean hasConnectedPeers() {
        return !connectedAtLastLook.isEmpty();
    }

    /** Sends a message to every linked peer. */
    public void broadcast(PeerMessage message) {
        publish(message, null, 0, DeliveryMode.PERSISTENT);
    }

    /**
     * Sends every linked peer a message that may be lost, as {@link #sendTransient}: for what a peer
     * gets again some other way (transaction gossip: the whole pool when its link comes up).
     */
    public void broadcastTransient(PeerMessage message, long timeToLiveMillis) {
        publish(message, null, timeToLiveMillis, DeliveryMode.NON_PERSISTENT);
    }

    /** Answers a request: a message to its sender that carries the request's ID as correlation ID. */
    public void reply(String requesterNodeId, PeerMessage request, PeerMessage.Body body) {
        send(requesterNodeId, new PeerMessage(newMessageId(), request.id(), body));
    }

    private void publish(PeerMessage message, String target, long timeToLiveMillis, int deliveryMode) {
        if (!enabled) {
            return;
        }
        byte[] bytes = codec.encode(message);
        try (JMSContext context = connectionFactory.createContext()) {
            BytesMessage jms = context.createBytesMessage();
            jms.writeBytes(bytes);
            if (target != null) {
                jms.setStringProperty(ArtemisPeerLinks.TARGET_PROPERTY, target);
            }
            JMSProducer producer = context.createProducer().setDeliveryMode(deliveryMode);
            if (timeToLiveMillis > 0) {
                producer.setTimeToLive(timeToLiveMillis);
            }
            producer.send(outbound, jms);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot queue " + message + " for peers: " + e.getMessage(), e);
        }
    }

    /**
     * A message from a peer, as the inbound listener received it: checked, decoded, deduplicated, and
     * handed to the handlers of its type. False when it was refused or a duplicate.
     *
     * @param senderNodeId the sender the peer gate stamped, or null when the message carries none
     */
    public boolean deliver(String senderNodeId, byte[] bytes) {
        if (senderNodeId == null) {
            refusedMessages.incrementAndGet();
            LOG.warning("refused a peer message without an authenticated sender (it did not come through the peer gate)");
            return false;
        }
        String sender;
        try {
            sender = EnodeUrl.normalizeNodeId(senderNodeId);
        } catch (IllegalArgumentException e) {
            refusedMessages.incrementAndGet();
            LOG.warning("refused a peer message with a malformed sender stamp");
            return false;
        }
        if (!permissionFiles.current().isPermitted(sender)) {
            refusedMessages.incrementAndGet();
            LOG.warning(() -> "refused a message from " + abbreviate(sender) + ": not permitted");
            return false;
        }
        PeerMessage message;
        try {
            message = codec.decode(bytes);
        } catch (InvalidPeerMessageException e) {
            refusedMessages.incrementAndGet();
            LOG.warning(() -> "refused a message from " + abbreviate(sender) + ": " + e.getMessage());
            return false;
        }
        if (seen.putIfAbsent(message.idHex(), Boolean.TRUE) != null) {
            duplicateMessages.incrementAndGet();
            return false;
        }
        lastMessageAt.put(sender, Instant.now());
        receivedFrom.computeIfAbsent(sender, s -> new AtomicLongArray(MessageType.values().length))
                .incrementAndGet(message.type().ordinal());
        List<PeerMessageHandler> forType;
        synchronized (handlers) {
            forType = handlers.getOrDefault(message.type(), List.of());
        }
        if (forType.isEmpty()) {
            LOG.fine(() -> "no handler for " + message + " from " + abbreviate(sender));
        }
        if (OFF_LISTENER.contains(message.type())) {
            try {
                offListener.submit(bytes.length, () -> handle(forType, sender, message));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // handled here, as it came
            }
        }
        handle(forType, sender, message);
        return true;
    }

    private static void handle(List<PeerMessageHandler> forType, String sender, PeerMessage message) {
        for (PeerMessageHandler handler : forType) {
            try {
                handler.handle(sender, message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handler of " + message.type() + " failed on " + message + " from "
                        + abbreviate(sender), e);
            }
        }
    }

    /** The largest message this node sends or accepts. */
    public int maxMessageBytes() {
        return codec.maxBytes();
    }

    /** Counts a message refused before it could be read (too large, not bytes). */
    public void refused(String senderNodeId, String reason) {
        refusedMessages.incrementAndGet();
        LOG.warning(() -> "refused a message from " + (senderNodeId == null ? "an unknown sender"
                : abbreviate(senderNodeId)) + ": " + reason);
    }

    public long refusedMessages() {
        return refusedMessages.get();
    }

    public long duplicateMessages() {
        return duplicateMessages.get();
    }

    /** Messages processed from this peer since start. */
    public long receivedFrom(String nodeId) {
        return receivedByType(receivedFrom.get(EnodeUrl.normalizeNodeId(nodeId))).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    private static Map<MessageType, Long> receivedByType(AtomicLongArray counts) {
        Map<MessageType, Long> out = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            out.put(type, counts == null ? 0 : counts.get(type.ordinal()));
        }
        return out;
    }

    /** Every peer this node links to, with its state. */
    public List<PeerState> peers() {
        Set<String> inbound = enabled ? links.inboundPeers() : Set.of();
        List<PeerState> out = new ArrayList<>();
        for (EnodeUrl peer : linked.values()) {
            String id = peer.nodeId();
            out.add(new PeerState(peer, links.connected(id), inbound.contains(id), links.queueDepth(id),
                    Optional.ofNullable(lastMessageAt.get(id)), receivedByType(receivedFrom.get(id))));
        }
        out.sort((a, b) -> a.enode().nodeId().compareTo(b.enode().nodeId()));
        return out;
    }

    /** The node IDs of the linked peers whose link is up now (no queue depths read, unlike {@link #peers}). */
    public List<String> connectedPeerIds() {
        if (!enabled) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (EnodeUrl peer : linked.values()) {
            if (links.connected(peer.nodeId())) {
                out.add(peer.nodeId());
            }
        }
        return out;
    }

    /** How many peers have a live link (net_peerCount). */
    public int connectedPeerCount() {
        return connectedPeerIds().size();
    }

    // ---- permissions (JMX, admin_ RPC) ----

    /** The permission policy in force (files re-read when they changed). */
    public PermissionPolicy permissions() {
        return permissionFiles.current();
    }

    /** Permits a node (written to permissioned-nodes.json, taken off disallowed-nodes.json), linking it at once. */
    public boolean permit(EnodeUrl enode) {
        synchronized (permissionFiles) {
            PermissionPolicy before = permissionFiles.reload();
            boolean changed = !before.isPermitted(enode.nodeId()) || before.permittedList().stream()
                    .noneMatch(url -> url.equals(enode));
            if (changed) {
                permissionFiles.write(before.permit(enode));
                LOG.info(() -> "permitted " + enode);
            }
            dropped.remove(enode.nodeId());
        }
        reconcile();
        return true;
    }

    /** Takes a node off permissioned-nodes.json: its links are cut at once (inbound by the peer gate within a second). */
    public boolean revoke(String nodeId) {
        String id = EnodeUrl.normalizeNodeId(nodeId);
        boolean changed;
        synchronized (permissionFiles) {
            PermissionPolicy before = permissionFiles.reload();
            changed = before.permittedList().stream().anyMatch(url -> url.nodeId().equals(id));
            if (changed) {
                permissionFiles.write(before.revoke(id));
                LOG.info(() -> "revoked the permission of " + abbreviate(id));
            }
        }
        reconcile();
        return changed;
    }

    /** Re-reads the permission files now and relinks. */
    public PermissionPolicy reloadPermissions() {
        PermissionPolicy policy = permissionFiles.reload();
        reconcile();
        return policy;
    }

    /** admin_addPeer: links a permitted node at this address (refused when it is not permitted). */
    public boolean addPeer(EnodeUrl enode) {
        if (!permissionFiles.current().isPermitted(enode.nodeId())) {
            throw new IllegalArgumentException("node " + abbreviate(enode.nodeId()) + " is not permissioned on this node");
        }
        if (enode.nodeId().equals(self.nodeId())) {
            throw new IllegalArgumentException("a node is not its own peer");
        }
        dropped.remove(enode.nodeId());
        addressOverrides.put(enode.nodeId(), enode);
        reconcile();
        return true;
    }

    /** admin_removePeer: drops the link to a node until admin_addPeer or a restart (its permission stays). */
    public boolean removePeer(EnodeUrl enode) {
        dropped.add(enode.nodeId());
        addressOverrides.remove(enode.nodeId());
        boolean wasLinked = linked.containsKey(enode.nodeId());
        reconcile();
        return wasLinked;
    }

    /** Tells the listeners of the peers connected now that were not at the last look (the timer's only caller). */
    private void noticeNewConnections() {
        Set<String> now = new HashSet<>();
        for (String id : linked.keySet()) {
            if (links.connected(id)) {
                now.add(id);
            }
        }
        Set<String> before = connectedAtLastLook;
        connectedAtLastLook = Set.copyOf(now);
        for (String id : now) {
            if (!before.contains(id)) {
                LOG.info(() -> "peer " + abbreviate(id) + " connected");
                for (Consumer<String> listener : connectionListeners) {
                    try {
                        listener.accept(id);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a listener failed on the connection of " + abbreviate(id), e);
                    }
                }
            }
        }
    }

    /** Opens the links that should exist and closes the others. */
    private synchronized void reconcile() {
        if (!enabled) {
            return;
        }
        PermissionPolicy policy = permissionFiles.current();
        Map<String, EnodeUrl> wanted = new LinkedHashMap<>();
        for (EnodeUrl peer : policy.effective()) {
            if (!peer.nodeId().equals(self.nodeId()) && !dropped.contains(peer.nodeId())) {
                wanted.put(peer.nodeId(), addressOverrides.getOrDefault(peer.nodeId(), peer));
            }
        }
        try {
            if (linked.isEmpty()) {
                // Bridges survive a restart in the broker's journal: start from what is wanted now.
                for (String key : links.bridgedKeys()) {
                    links.closeKey(key);
                }
            }
            for (String id : List.copyOf(linked.keySet())) {
                if (!wanted.containsKey(id)) {
                    links.close(id, !policy.isPermitted(id));
                    linked.remove(id);
                    LOG.info(() -> "unlinked peer " + abbreviate(id));
                }
            }
            for (EnodeUrl peer : wanted.values()) {
                EnodeUrl current = linked.get(peer.nodeId());
                if (current == null || !sameAddress(current, peer)) {
                    links.open(peer);
                    linked.put(peer.nodeId(), peer);
                    LOG.info(() -> "linked peer " + peer);
                }
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot bring the peer links in line with the permissions", e);
        }
    }

    private static boolean sameAddress(EnodeUrl a, EnodeUrl b) {
        return a.host().equals(b.host()) && a.port() == b.port();
    }

    /** The enode the generator wrote ({@code enode} in the data folder), or one built from the node key and port. */
    private EnodeUrl ownEnode(Path dir) {
        Path file = dir.resolve("enode");
        if (Files.exists(file)) {
            try {
                EnodeUrl written = EnodeUrl.parse(Files.readString(file));
                if (written.nodeId().equals(node.enodeId())) {
                    return written;
                }
                LOG.warning(() -> file + " names another node key; using the node key's own ID");
            } catch (java.io.IOException | IllegalArgumentException e) {
                LOG.warning(() -> "cannot read " + file + ": " + e.getMessage());
            }
        }
        int port = Integer.getInteger("quorum.peer.port", 0);
        return new EnodeUrl(node.enodeId(), System.getProperty("quorum.peer.host", "127.0.0.1"), Math.max(port, 1), 0, 0);
    }

    static String abbreviate(String nodeId) {
        return nodeId.length() > 16 ? nodeId.substring(0, 16) + "..." : nodeId;
    }
}
