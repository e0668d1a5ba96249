package org.quorumee.node.privacy;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.PrivacyUnavailableException;
import org.quorumee.core.privacy.PrivatePayload;
import org.quorumee.core.privacy.PrivatePayloadSource;
import org.quorumee.core.privacy.enclave.ArgonOptions;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.Enclave;
import org.quorumee.core.privacy.enclave.EnclaveKeyProvider;
import org.quorumee.node.NodeService;
import org.quorumee.node.privacy.keys.FileKeyProvider;
import org.quorumee.node.privacy.keys.KeyDirectory;
import org.quorumee.node.privacy.keys.KeyGenerator;
import org.quorumee.node.privacy.keys.Pkcs11KeyProvider;
import org.quorumee.node.privacy.keys.Pkcs11Settings;

/**
 * The node's transaction manager and enclave, as a bean: what the {@code /tm} API, the JSON-RPC
 * privacy methods and block processing call.
 *
 * <p>At start it loads the enclave keys from {@code <quorum.node.dir>/tm/} (Tessera key files:
 * {@code tm.pub}/{@code tm.key}, more pairs by other names, {@code <name>.password} for a locked
 * key), through the PKCS#11 token when {@code quorum.tm.pkcs11.library} is set; a node without keys
 * gets a new {@code tm} pair (unlocked, or wrapped by the token). Which node holds which remote key
 * comes from {@code tm/parties.json} (the launcher writes the whole network's, re-read when it
 * changes); pushes go over the peer network once it {@linkplain #attachNetwork attaches} its
 * publisher; without a network a send to a remote party fails.
 *
 * <p>Each store operation commits on its own (bean-managed), so a payload is stored before it is
 * pushed and deleted again if a push fails; a caller's transaction is suspended meanwhile.
 */
@Singleton
@Startup
@LocalBean
@Local(PrivatePayloadSource.class)
@DependsOn("NodeService")
@Lock(LockType.READ)
@TransactionManagement(TransactionManagementType.BEAN)
public class PrivacyManager implements PrivatePayloadSource {
    private static final Logger LOG = Logger.getLogger(PrivacyManager.class.getName());

    @EJB
    private NodeService node;

    @PersistenceContext(unitName = "quorum")
    private EntityManager em;

    @Resource
    private UserTransaction userTransaction;

    private TransactionManager manager;
    private volatile PayloadPublisher networkPublisher = new UnreachablePublisher();

    @PostConstruct
    void start() {
        Path folder = node.config().nodeDir().resolve("tm");
        KeyDirectory keys = new KeyDirectory(folder);
        Optional<Pkcs11Settings> pkcs11 = Pkcs11Settings.fromSystemProperties();
        if (keys.names().isEmpty()) {
            BoxPublicKey created = pkcs11.isPresent()
                    ? KeyGenerator.generateWrapped(keys, KeyDirectory.DEFAULT_NAME, pkcs11.get(), new SecureRandomSource())
                    : KeyGenerator.generate(keys, KeyDirectory.DEFAULT_NAME, Optional.empty(), ArgonOptions.DEFAULT,
                            new SecureRandomSource());
            LOG.info(() -> "no enclave key in " + folder + ": made " + KeyDirectory.DEFAULT_NAME + " (" + created + ")"
                    + (pkcs11.isPresent() ? ", wrapped by the PKCS#11 token" : ""));
        }
        EnclaveKeyProvider provider = pkcs11.<EnclaveKeyProvider>map(s -> new Pkcs11KeyProvider(keys, s))
                .orElseGet(() -> new FileKeyProvider(keys));
        List<BoxKeyPair> pairs = provider.loadKeys();
        Enclave enclave = new Enclave(pairs, new SecureRandomSource());
        PartiesFileDirectory directory = new PartiesFileDirectory(folder.resolve("parties.json"));
        PayloadPublisher publisher = pushes -> networkPublisher.publish(pushes);
        manager = new TransactionManager(enclave, new JpaPayloadStore(this::inTransaction, Clock.systemUTC()), directory, publisher);
        LOG.info(() -> "transaction manager: keys " + enclave.publicKeys() + (pkcs11.isPresent() ? " (PKCS#11-wrapped)" : "")
                + ", " + directory.remoteParties().size() + " parties in " + folder.resolve("parties.json"));
    }

    /** The peer network's port: from now on pushes to remote recipients go through its publisher. */
    public void attachNetwork(PayloadPublisher publisher) {
        this.networkPublisher = publisher;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        try {
            userTransaction.begin();
        } catch (Exception e) {
            throw new PrivacyUnavailableException("cannot begin a transaction: " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            T result = work.apply(em);
            userTransaction.commit();
            done = true;
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PrivacyUnavailableException("the payload store's transaction failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                rollback();
            }
        }
    }

    private void rollback() {
        try {
            if (userTransaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                userTransaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.WARNING, "rollback of a payload store transaction failed", e);
        }
    }

    /** @see TransactionManager#send */
    public TransactionManager.SendResult send(byte[] payload, BoxPublicKey from, List<BoxPublicKey> to, PrivacyMetadata metadata) {
        return manager.send(payload, from, to, metadata);
    }

    /** @see TransactionManager#storeRaw */
    public PayloadHash storeRaw(byte[] payload, BoxPublicKey from) {
        return manager.storeRaw(payload, from);
    }

    /** @see TransactionManager#sendSignedTransaction */
    public TransactionManager.SendResult sendSignedTransaction(PayloadHash rawHash, List<BoxPublicKey> to, PrivacyMetadata metadata) {
        return manager.sendSignedTransaction(rawHash, to, metadata);
    }

    /**
     * What private execution asks: the payload opened if this node is a party, empty if it holds none
     * of that hash or is not a party.
     *
     * @throws TransactionManagerUnavailableException if that cannot be known now (never "not a party")
     */
    @Override
    public Optional<PrivatePayload> find(PayloadHash hash) {
        return receive(hash, null);
    }

    /** As {@link #find}, opened with one given key of ours (any if null). */
    public Optional<PrivatePayload> receive(PayloadHash hash, BoxPublicKey to) {
        try {
            return manager.receive(hash, to);
        } catch (PrivacyUnavailableException e) {
            throw e instanceof TransactionManagerUnavailableException ? e : new TransactionManagerUnavailableException(e);
        }
    }

    /** A raw payload (stored by {@code /storeraw}) opened for its sender. */
    public Optional<PrivatePayload> receiveRaw(PayloadHash hash) {
        try {
            return manager.receiveRaw(hash);
        } catch (PrivacyUnavailableException e) {
            throw new TransactionManagerUnavailableException(e);
        }
    }

    /** A payload another node pushed, in Tessera's encoding; the hash is the acknowledgement. */
    public PayloadHash storeInbound(byte[] encodedPayload) {
        return manager.storeInbound(encodedPayload);
    }

    public void delete(PayloadHash hash) {
        manager.delete(hash);
    }

    public boolean isSender(PayloadHash hash) {
        return manager.isSender(hash);
    }

    public List<BoxPublicKey> participants(PayloadHash hash) {
        return manager.participants(hash);
    }

    /** This node's enclave keys, the default first. */
    public List<BoxPublicKey> localKeys() {
        return manager.localKeys();
    }

    public BoxPublicKey defaultKey() {
        return manager.defaultKey();
    }

    /** Every key this node knows, with the node holding it (this node by its name). */
    public Map<BoxPublicKey, String> knownParties() {
        return manager.knownParties(node.nodeName());
    }
}
