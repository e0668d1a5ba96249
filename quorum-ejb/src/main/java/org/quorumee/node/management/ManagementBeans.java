package org.quorumee.node.management;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.peer.EnodeUrl;
import org.quorumee.core.peer.MessageType;
import org.quorumee.core.peer.PermissionPolicy;
import org.quorumee.core.txpool.PoolStatus;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.network.PeerNetwork;
import org.quorumee.node.network.PeerState;
import org.quorumee.node.network.TransactionGossip;
import org.quorumee.node.txpool.TransactionPoolService;

/**
 * Publishes the node's MXBeans in the platform MBean server (so WildFly's remote JMX on the
 * management port reaches them): {@code org.quorumee:type=Permissions}, {@code type=Peers},
 * {@code type=Chain}. Each delegates to the node's beans.
 */
@Singleton
@Startup
@DependsOn({"PeerNetwork", "TransactionPoolService", "TransactionGossip"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ManagementBeans {
    private static final Logger LOG = Logger.getLogger(ManagementBeans.class.getName());

    @EJB
    private PeerNetwork network;

    @EJB
    private ChainReader chain;

    @EJB
    private TransactionPoolService pool;

    @EJB
    private TransactionGossip gossip;

    private final List<ObjectName> registered = new ArrayList<>();

    @PostConstruct
    void start() {
        register("org.quorumee:type=Permissions", new Permissions());
        register("org.quorumee:type=Peers", new Peers());
        register("org.quorumee:type=Chain", new Chain());
    }

    @PreDestroy
    void stop() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.log(Level.FINE, "cannot unregister " + name, e);
            }
        }
    }

    private void register(String name, Object bean) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName objectName = new ObjectName(name);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(bean, objectName);
            registered.add(objectName);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot register " + name, e);
        }
    }

    private final class Permissions implements PermissionsMXBean {
        @Override
        public String[] getPermitted() {
            return network.permissions().permittedList().stream().map(EnodeUrl::toString).toArray(String[]::new);
        }

        @Override
        public String[] getDisallowed() {
            return network.permissions().disallowedList().stream().map(EnodeUrl::toString).toArray(String[]::new);
        }

        @Override
        public String getDenyAllReason() {
            return network.permissions().denyAllReason().orElse("");
        }

        @Override
        public boolean add(String enodeUrl) {
            return network.permit(EnodeUrl.parse(enodeUrl));
        }

        @Override
        public boolean remove(String enodeUrlOrNodeId) {
            String text = enodeUrlOrNodeId.trim();
            return network.revoke(text.startsWith("enode://") ? EnodeUrl.parse(text).nodeId() : text);
        }

        @Override
        public void reload() {
            PermissionPolicy policy = network.reloadPermissions();
            LOG.info(() -> "permissions reloaded: " + policy);
        }
    }

    private final class Peers implements PeersMXBean {
        @Override
        public String getSelf() {
            return network.self().toString();
        }

        @Override
        public int getConnectedCount() {
            return network.connectedPeerCount();
        }

        @Override
        public List<PeerView> getPeers() {
            List<PeerView> out = new ArrayList<>();
            for (PeerState peer : network.peers()) {
                out.add(new PeerView(peer.enode().toString(), peer.outboundConnected(), peer.inboundConnected(),
                        peer.queueDepth(), peer.lastMessageAt().map(Object::toString).orElse(""), peer.messagesReceived(),
                        byName(peer.receivedByType())));
            }
            return out;
        }

        private static Map<String, Long> byName(Map<MessageType, Long> counts) {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((type, count) -> out.put(type.name(), count));
            return out;
        }

        @Override
        public long getRefusedMessages() {
            return network.refusedMessages();
        }

        @Override
        public long getDuplicateMessages() {
            return network.duplicateMessages();
        }

        @Override
        public long getGossipReceived() {
            return gossip.received();
        }

        @Override
        public long getGossipRejected() {
            return gossip.rejected();
        }

        @Override
        public long getGossipResent() {
            return gossip.resent();
        }
    }

    private final class Chain implements ChainMXBean {
        @Override
        public long getHeadNumber() {
            return chain.headHeader().number();
        }

        @Override
        public String getHeadHash() {
            BlockHeader head = chain.headHeader();
            return Hex.encode(head.hash());
        }

        @Override
        public int getPendingTransactions() {
            PoolStatus status = pool.status();
            return status.pending();
        }

        @Override
        public int getQueuedTransactions() {
            return pool.status().queued();
        }
    }
}
