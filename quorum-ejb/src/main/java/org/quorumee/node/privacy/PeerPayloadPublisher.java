package org.quorumee.node.privacy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PushAcknowledgement;

/**
 * Pushes payloads to the nodes of their recipients over the peer network and waits for each
 * acknowledgement (Tessera's {@code /push}, which answers with the hash). A push whose recipient node
 * is not linked now, that it refuses, or that it does not acknowledge within the timeout fails the
 * send; the push message itself expires in the broker when the sender stops waiting, so a node that
 * comes back later never stores a payload its sender gave up on.
 *
 * <p>Thread-safe: sends run concurrently, each waits only for its own acknowledgements.
 */
public final class PeerPayloadPublisher implements PayloadPublisher {
    private static final Logger LOG = Logger.getLogger(PeerPayloadPublisher.class.getName());

    /** What this publisher needs of the peer network. */
    public interface PeerLink {
        /** Whether the link to that node is up now. */
        boolean connected(String node);

        /** Queues a push for that node under this message ID, dropped by the broker after the time to live. */
        void push(String node, byte[] messageId, byte[] encodedPayload, long timeToLiveMillis);
    }

    private record Pending(String node, CompletableFuture<PushAcknowledgement> answer) {
    }

    private final PeerLink link;
    private final long timeoutMillis;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public PeerPayloadPublisher(PeerLink link, long timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("the push timeout must be positive, not " + timeoutMillis);
        }
        this.link = link;
        this.timeoutMillis = timeoutMillis;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public void publish(List<Push> pushes) {
        for (Push push : pushes) {
            if (!link.connected(push.node())) {
                throw new PublishException(push.recipient(), "its node " + abbreviate(push.node()) + " is not connected");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<String> ids = new ArrayList<>();
        try {
            List<CompletableFuture<PushAcknowledgement>> answers = new ArrayList<>();
            for (Push push : pushes) {
                byte[] id = new byte[16];
                random.nextBytes(id);
                String key = HexFormat.of().formatHex(id);
                CompletableFuture<PushAcknowledgement> answer = new CompletableFuture<>();
                pending.put(key, new Pending(push.node(), answer));
                ids.add(key);
                answers.add(answer);
                try {
                    link.push(push.node(), id, LegacyPayloadCodec.encode(push.payload()), timeoutMillis);
                } catch (RuntimeException e) {
                    throw new PublishException(push.recipient(), "cannot queue the push: " + e.getMessage(), e);
                }
            }
            for (int i = 0; i < pushes.size(); i++) {
                Push push = pushes.get(i);
                PushAcknowledgement ack = await(push, answers.get(i), deadline);
                if (ack.reason().isPresent()) {
                    throw new PublishException(push.recipient(), "its node refused it: " + ack.reason().get());
                }
                if (!ack.hash().get().equals(push.payload().hash())) {
                    throw new PublishException(push.recipient(), "its node acknowledged another hash");
                }
            }
        } finally {
            ids.forEach(pending::remove);
        }
    }

    private PushAcknowledgement await(Push push, CompletableFuture<PushAcknowledgement> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PublishException(push.recipient(), "no acknowledgement from node " + abbreviate(push.node())
                    + " within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(push.recipient(), "interrupted while waiting for the acknowledgement", e);
        } catch (ExecutionException e) {
            throw new PublishException(push.recipient(), "the acknowledgement failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * An acknowledgement arrived: it completes the push it answers if it came from the node pushed to.
     *
     * @return false when no push waits for it (late, unknown, or from another node), which is logged
     */
    public boolean acknowledged(String fromNode, byte[] correlationId, byte[] acknowledgement) {
        String key = HexFormat.of().formatHex(correlationId);
        Pending waiting = pending.get(key);
        if (waiting == null || !bare(waiting.node()).equalsIgnoreCase(bare(fromNode))) {
            LOG.fine(() -> "an acknowledgement from " + abbreviate(fromNode) + " answers no push waiting here");
            return false;
        }
        try {
            waiting.answer().complete(PushAcknowledgement.decode(acknowledgement));
        } catch (IllegalArgumentException e) {
            waiting.answer().completeExceptionally(e);
        }
        return true;
    }

    private static String bare(String node) {
        return node.startsWith("0x") || node.startsWith("0X") ? node.substring(2) : node;
    }

    private static String abbreviate(String node) {
        return node.length() > 16 ? node.substring(0, 16) + "..." : node;
    }
}
