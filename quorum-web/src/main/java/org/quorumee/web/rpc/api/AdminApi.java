package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorumee.core.peer.EnodeUrl;
import org.quorumee.node.NodeService;
import org.quorumee.node.network.PeerNetwork;
import org.quorumee.node.network.PeerState;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcNamespace;

/**
 * The admin namespace (peers), in go-ethereum's shapes: {@code admin_nodeInfo}, {@code admin_peers},
 * {@code admin_addPeer}, {@code admin_removePeer}. Peers are the nodes of the permission files; adding
 * a node that is not permissioned is refused (permissions change through JMX or
 * {@code bin/quorum permission}).
 */
@ApplicationScoped
public class AdminApi implements JsonRpcNamespace {
    /** The peer protocol's name and version in "caps" and "protocols". */
    static final String PROTOCOL = "quorumee";
    static final int PROTOCOL_VERSION = 1;

    @EJB
    NodeService node;

    @EJB
    PeerNetwork network;

    @Override
    public String name() {
        return "admin";
    }

    public Map<String, Object> nodeInfo() {
        EnodeUrl self = network.self();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", self.nodeId());
        info.put("name", node.clientVersion());
        info.put("enode", self.toString());
        info.put("ip", self.host());
        info.put("ports", Map.of("discovery", self.discoveryPort(), "listener", self.port()));
        info.put("listenAddr", self.host() + ":" + self.port());
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("version", PROTOCOL_VERSION);
        protocol.put("network", node.networkId());
        protocol.put("peerNetwork", network.enabled());
        info.put("protocols", Map.of(PROTOCOL, protocol));
        return info;
    }

    public List<Map<String, Object>> peers() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PeerState peer : network.peers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("enode", peer.enode().toString());
            entry.put("id", peer.enode().nodeId());
            entry.put("name", "");
            entry.put("caps", List.of(PROTOCOL + "/" + PROTOCOL_VERSION));
            Map<String, Object> net = new LinkedHashMap<>();
            net.put("localAddress", network.self().host() + ":" + network.self().port());
            net.put("remoteAddress", peer.enode().host() + ":" + peer.enode().port());
            net.put("inbound", peer.inboundConnected());
            net.put("outbound", peer.outboundConnected());
            net.put("trusted", false);
            net.put("static", true);
            entry.put("network", net);
            Map<String, Object> protocol = new LinkedHashMap<>();
            protocol.put("version", PROTOCOL_VERSION);
            protocol.put("queueDepth", peer.queueDepth());
            protocol.put("messagesReceived", peer.messagesReceived());
            protocol.put("lastMessageAt", peer.lastMessageAt().map(Object::toString).orElse(null));
            entry.put("protocols", Map.of(PROTOCOL, protocol));
            out.add(entry);
        }
        return out;
    }

    /** Links the node at this URL; refused (an error) when it is not permissioned here. */
    public boolean addPeer(String enodeUrl) {
        EnodeUrl url = parse(enodeUrl);
        try {
            return network.addPeer(url);
        } catch (IllegalArgumentException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        }
    }

    /** Drops the link to the node (its permission stays); whether it was linked. */
    public boolean removePeer(String enodeUrl) {
        return network.removePeer(parse(enodeUrl));
    }

    private static EnodeUrl parse(String enodeUrl) {
        if (enodeUrl == null) {
            throw new JsonRpcException(JsonRpcException.INVALID_PARAMS, "missing value for required argument 0");
        }
        try {
            return EnodeUrl.parse(enodeUrl);
        } catch (IllegalArgumentException e) {
            throw new JsonRpcException(JsonRpcException.INVALID_PARAMS, "invalid enode: " + e.getMessage());
        }
    }
}
