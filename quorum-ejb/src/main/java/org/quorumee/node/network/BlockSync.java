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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.Block;
import org.quorumee.core.peer.MessageType;
import org.quorumee.core.peer.PeerMessage;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.node.chain.BlockImporter;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.chain.ImportResult;
import org.quorumee.node.chain.StoredBlock;
import org.quorumee.node.txpool.TransactionPoolService;

/**
 * Keeps this node's chain level with its peers': a node that was down, or joined later, asks a peer
 * for the blocks after its head and imports them one by one — each executed and checked against its
 * header, as any block — until the peer has no more. It asks at start, every
 * {@value #POLL_MILLIS} ms, and as soon as a peer announces a head beyond its own; a producer pushes
 * each new block to every peer, so followers rarely need to ask.
 *
 * <p>Requests and blocks are handled on this bean's own worker, one at a time, never on the thread
 * that delivers peer messages (it delivers every message in order, consensus rounds too).
 *
 * <p>Only finalised blocks are ever stored, by every engine, so a peer's stored chain is the chain:
 * a block that does not extend the head here is simply not imported (the sync asks again from the
 * head), and a block that breaks a rule is refused, logged and counted, and nothing of it is stored.
 */
@Singleton
@Startup
@DependsOn({"PeerNetwork", "BlockImporter", "TransactionPoolService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlockSync {
    private static final Logger LOG = Logger.getLogger(BlockSync.class.getName());
    /** How often a node asks a peer whether it has blocks after its head. */
    static final long POLL_MILLIS = 2000;
    /** The most blocks one answer carries; fewer when they would not fit in a message. */
    static final int BATCH_BLOCKS = 128;
    /** Bytes of requests and answers waiting for the worker; past this, new ones are dropped (sync asks again). */
    static final long MAX_QUEUED_BYTES = 64L << 20;
    /** What a request weighs in that budget (its message is a few dozen bytes). */
    private static final long REQUEST_BYTES = 64;

    @EJB
    private PeerNetwork network;

    @EJB
    private BlockImporter importer;

    @EJB
    private ChainReader chain;

    @EJB
    private TransactionPoolService pool;

    @Resource
    private TimerService timers;

    @Resource
    private ManagedExecutorService executor;

    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private OrderedWorker worker;
    /** False once the consensus engine says this node takes no more blocks from its peers. */
    private volatile boolean following = true;
    private volatile BooleanSupplier pollHeld = () -> false;

    @PostConstruct
    void start() {
        worker = new OrderedWorker("block sync", executor, MAX_QUEUED_BYTES);
        network.register(MessageType.BLOCK_ANNOUNCEMENT, this::onAnnouncement);
        network.register(MessageType.BLOCK_REQUEST, (sender, message) -> later(REQUEST_BYTES, () -> onRequest(sender, message)));
        network.register(MessageType.BLOCK_RESPONSE, (sender, message) -> later(
                ((PeerMessage.BlockResponse) message.body()).encodedBlocks().stream().mapToLong(b -> b.length).sum(),
                () -> onBlocks(sender, message)));
        if (network.enabled()) {
            timers.createIntervalTimer(POLL_MILLIS / 4, POLL_MILLIS, new TimerConfig("block-sync", false));
        }
    }

    @PreDestroy
    void stop() {
        for (Timer timer : timers.getTimers()) {
            timer.cancel();
        }
    }

    /**
     * This node takes no more blocks from its peers (it still answers their requests): a Raft member
     * removed from the cluster, which in GoQuorum receives no block after its removal.
     */
    public void stopFollowingPeers() {
        following = false;
    }

    /** Blocks imported from peers since start. */
    public long importedBlocks() {
        return imported.get();
    }

    /** Blocks from peers refused as invalid since start. */
    public long refusedBlocks() {
        return refused.get();
    }

    /**
     * Pushes a block this node produced to every peer (a producer's engine calls it once the block is
     * stored); one too large for a message is announced instead, and peers fetch it.
     */
    public void publish(StoredBlock block) {
        if (!network.enabled()) {
            return;
        }
        Optional<Block> whole = chain.fullBlock(block.header().number());
        if (whole.isPresent()) {
            byte[] encoded = whole.get().encode();
            if (encoded.length < network.maxMessageBytes() / 2) {
                network.broadcast(new PeerMessage(network.newMessageId(), new PeerMessage.BlockResponse(List.of(encoded))));
                return;
            }
        }
        network.broadcast(new PeerMessage(network.newMessageId(),
                new PeerMessage.BlockAnnouncement(block.header().number(), block.hash())));
    }

    /** Hands {@code task} (for a message of {@code bytes}) to this bean's worker, which runs tasks one at a time, in order. */
    private void later(long bytes, Runnable task) {
        if (!worker.offer(bytes, task)) {
            LOG.fine("block sync busy: a request or answer was dropped (the next poll asks again)");
        }
    }

    /**
     * Holds the poll while {@code busy} says so: a consensus engine that brings the blocks itself
     * (Raft's log, while its applier has blocks to apply) would otherwise have peers send them twice.
     */
    public void holdPollingWhile(BooleanSupplier busy) {
        pollHeld = busy;
    }

    @Timeout
    void poll(Timer timer) {
        if (!following || pollHeld.getAsBoolean()) {
            return;
        }
        try {
            List<PeerState> connected = network.peers().stream().filter(PeerState::outboundConnected).toList();
            if (!connected.isEmpty()) {
                PeerState peer = connected.get(ThreadLocalRandom.current().nextInt(connected.size()));
                requestAfterHead(peer.enode().nodeId());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "block sync poll failed", e);
        }
    }

    private void requestAfterHead(String peer) {
        network.send(peer, new PeerMessage(network.newMessageId(),
                new PeerMessage.BlockRequest(chain.head().number() + 1, BATCH_BLOCKS)));
    }

    private void onAnnouncement(String sender, PeerMessage message) {
        PeerMessage.BlockAnnouncement announced = (PeerMessage.BlockAnnouncement) message.body();
        if (following && announced.number() > chain.head().number()) {
            requestAfterHead(sender);
        }
    }

    /** Answers with the stored blocks from the requested number on, as many as fit. */
    private void onRequest(String sender, PeerMessage message) {
        PeerMessage.BlockRequest request = (PeerMessage.BlockRequest) message.body();
        long last = Math.min(chain.head().number(), request.fromNumber() + Math.min(request.maxBlocks(), BATCH_BLOCKS) - 1);
        long budget = network.maxMessageBytes() / 2;
        List<byte[]> blocks = new ArrayList<>();
        for (long number = request.fromNumber(); number <= last; number++) {
            Optional<Block> block = chain.fullBlock(number);
            if (block.isEmpty()) {
                break;
            }
            byte[] encoded = block.get().encode();
            budget -= encoded.length;
            if (budget < 0 && !blocks.isEmpty()) {
                break;
            }
            blocks.add(encoded);
        }
        network.reply(sender, message, new PeerMessage.BlockResponse(blocks));
    }

    /**
     * Blocks from a peer, answering a request or pushed by their producer: imported in order until
     * one is not; when the answer was full and all of it imported, the next batch is asked for.
     */
    private void onBlocks(String sender, PeerMessage message) {
        if (!following) {
            return;
        }
        List<byte[]> blocks = ((PeerMessage.BlockResponse) message.body()).encodedBlocks();
        int importedNow = 0;
        for (byte[] encoded : blocks) {
            Block block;
            try {
                block = Block.decode(encoded);
            } catch (RlpException | IllegalArgumentException e) {
                refused.incrementAndGet();
                LOG.warning(() -> "refused a malformed block from " + abbreviate(sender) + ": " + e.getMessage());
                return;
            }
            if (block.header().number() <= chain.head().number()) {
                continue;
            }
            ImportResult result = importer.importBlock(block, pool::get);
            switch (result.status()) {
                case IMPORTED -> {
                    importedNow++;
                    imported.incrementAndGet();
                }
                case ALREADY_KNOWN -> {
                }
                case NOT_EXTENDING -> {
                    // a gap (this node is further behind than the pushed block): fetch from the head
                    requestAfterHead(sender);
                    return;
                }
                case INVALID -> {
                    refused.incrementAndGet();
                    LOG.warning(() -> "refused block " + block.header().number() + " "
                            + Hex.encode(block.header().hash()) + " from " + abbreviate(sender) + ": " + result.reason());
                    return;
                }
                default -> throw new IllegalStateException("unknown import status " + result.status());
            }
        }
        boolean answered = message.correlationId().length > 0;
        if (answered && !blocks.isEmpty() && importedNow > 0) {
            // catching up (after a restart, or pushes missed): worth a line, one per batch
            int count = importedNow;
            LOG.info(() -> "block sync: imported " + count + " block(s) from " + abbreviate(sender) + ", head now "
                    + chain.head().number());
            requestAfterHead(sender);
        }
    }

    private static String abbreviate(String nodeId) {
        return nodeId.substring(0, Math.min(12, nodeId.length())) + "…";
    }
}
