package org.quorumee.node.privacy;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.quorumee.core.peer.MessageType;
import org.quorumee.core.peer.PeerMessage;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PushAcknowledgement;
import org.quorumee.node.network.PeerNetwork;

/**
 * Private payloads over the peer network: the transaction manager's pushes go out as
 * {@link MessageType#PRIVACY_PUSH} to the node holding each recipient's key and wait for its
 * {@link MessageType#PRIVACY_ACK} ({@link PeerPayloadPublisher}); pushes from peers are stored
 * ({@link PrivacyManager#storeInbound}: a payload pushed twice changes nothing) and answered with the
 * hash, or with the reason they were refused. Attached only when this node has a peer network.
 *
 * <p>{@code quorum.tm.pushTimeoutMillis} (default {@value #DEFAULT_TIMEOUT_MILLIS}) bounds the wait
 * for every acknowledgement of one send.
 */
@Singleton
@Startup
@DependsOn({"PeerNetwork", "PrivacyManager"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PrivacyPushes {
    private static final Logger LOG = Logger.getLogger(PrivacyPushes.class.getName());
    static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

    @EJB
    private PeerNetwork network;

    @EJB
    private PrivacyManager privacy;

    private PeerPayloadPublisher publisher;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    @PostConstruct
    void start() {
        if (!network.enabled()) {
            return;
        }
        publisher = new PeerPayloadPublisher(new PeerPayloadPublisher.PeerLink() {
            @Override
            public boolean connected(String node) {
                try {
                    return network.connected(node);
                } catch (IllegalArgumentException e) {
                    return false; // not a node ID: no link can lead there
                }
            }

            @Override
            public void push(String node, byte[] messageId, byte[] encodedPayload, long timeToLiveMillis) {
                network.send(node, new PeerMessage(messageId, new PeerMessage.PrivacyPush(encodedPayload)), timeToLiveMillis);
            }
        }, Long.getLong("quorum.tm.pushTimeoutMillis", DEFAULT_TIMEOUT_MILLIS));
        network.register(MessageType.PRIVACY_PUSH, this::onPush);
        network.register(MessageType.PRIVACY_ACK, (sender, message) -> publisher.acknowledged(sender, message.correlationId(),
                ((PeerMessage.PrivacyAck) message.body()).payload()));
        privacy.attachNetwork(publisher);
        LOG.info(() -> "private payloads go over the peer network (acknowledgements awaited up to "
                + publisher.timeoutMillis() + " ms)");
    }

    private void onPush(String sender, PeerMessage message) {
        PushAcknowledgement answer;
        try {
            PayloadHash hash = privacy.storeInbound(((PeerMessage.PrivacyPush) message.body()).payload());
            stored.incrementAndGet();
            answer = PushAcknowledgement.stored(hash);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            refused.incrementAndGet();
            LOG.warning(() -> "refused a private payload pushed by " + sender.substring(0, 16) + "...: " + cause.getMessage());
            answer = PushAcknowledgement.refused(cause instanceof InvalidPrivacyRequestException ? cause.getMessage()
                    : "the transaction manager could not store it");
        }
        network.reply(sender, message, new PeerMessage.PrivacyAck(answer.encode()));
    }

    /** Payloads pushed by peers and stored (a duplicate counts again: it was acknowledged). */
    public long storedPushes() {
        return stored.get();
    }

    public long refusedPushes() {
        return refused.get();
    }
}
