package org.quorumee.node;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Arrays;
import java.util.logging.Logger;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.GenesisConfig;
import org.quorumee.core.crypto.Signer;
import org.quorumee.core.types.Address;
import org.quorumee.jpa.node.NodeIdentity;
import org.quorumee.jpa.node.NodeIdentityRepository;
import org.quorumee.node.config.GenesisFile;

/**
 * The node's lifecycle and identity: reads its configuration and genesis, loads or creates its
 * node key, and records (or checks) its identity in the database at start.
 */
@Singleton
@Startup
@DependsOn("DatabaseSchema")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class NodeService {
    private static final Logger LOG = Logger.getLogger(NodeService.class.getName());
    public static final String CLIENT_NAME = "QuorumEE";

    @PersistenceContext(unitName = "quorum")
    private EntityManager em;

    private NodeConfig config;
    private NodeKey nodeKey;
    private GenesisConfig genesis;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void start() {
        config = NodeConfig.fromSystemProperties();
        genesis = GenesisFile.read(config.genesisFile());
        nodeKey = NodeKey.loadOrCreate(config.nodeKeyFile());
        NodeIdentityRepository identities = new NodeIdentityRepository(em);
        NodeIdentity identity = identities.find().orElseGet(() -> identities.save(
                new NodeIdentity(config.nodeName(), nodeKey.publicKey(), Clock.systemUTC().instant())));
        if (!Arrays.equals(identity.getEnodeId(), nodeKey.publicKey())) {
            throw new IllegalStateException("the database belongs to node " + identity.getNodeName() + " (enode "
                    + Hex.encodeNoPrefix(identity.getEnodeId()) + "), not to this node's key " + config.nodeKeyFile());
        }
        LOG.info(() -> "node " + config.nodeName() + " started: enode " + enodeId() + ", chain id " + chainId()
                + ", data in " + config.nodeDir());
    }

    public String clientVersion() {
        return CLIENT_NAME + "/v" + NodeService.class.getPackage().getImplementationVersion()
                + "/" + System.getProperty("os.name").toLowerCase().replace(' ', '-')
                + "/java" + Runtime.version().feature();
    }

    public BigInteger chainId() {
        return BigInteger.valueOf(genesis.config().chainId());
    }

    public GenesisConfig genesis() {
        return genesis;
    }

    /** The network id answered by net_version; as in GoQuorum's 7-node example it is the chain id. */
    public BigInteger networkId() {
        return chainId();
    }

    /**
     * The consensus engine this node runs: GoQuorum's rule — a genesis with {@code config.istanbul}
     * or {@code config.qbft} names IBFT or QBFT; otherwise the node's setting.
     */
    public String consensusName() {
        if (genesis.config().qbft().isPresent()) {
            return "qbft";
        }
        if (genesis.config().istanbul().isPresent()) {
            return "istanbul";
        }
        return config.consensus();
    }

    public NodeConfig config() {
        return config;
    }

    public String nodeName() {
        return config.nodeName();
    }

    /** The address of the node key: the coinbase of the blocks this node produces (as Quorum's minter). */
    public Address address() {
        return nodeKey.address();
    }

    /** The node key, for seals and consensus messages; its private half stays inside. */
    public Signer signer() {
        return nodeKey;
    }

    /** The 128 hex digits of the node's public key. */
    public String enodeId() {
        return Hex.encodeNoPrefix(nodeKey.publicKey());
    }
}
