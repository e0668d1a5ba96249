package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.message.BftMessage;
import org.quorumee.core.consensus.ibft.message.IbftMessage;
import org.quorumee.core.consensus.ibft.message.InvalidMessageException;
import org.quorumee.core.consensus.ibft.message.WireMessage;
import org.quorumee.core.types.Address;

/**
 * One node's IBFT/QBFT consensus: the single entry point a driver calls, from one thread. Each call
 * returns the {@link BftAction}s to carry out. The controller works on the height after the chain
 * head: it drops messages for older heights, keeps (bounded) those for the next few heights, drops
 * duplicates and messages from non-validators, and hands the rest to the height's state machine,
 * IBFT or QBFT as the {@link ForkSchedule} says for that height. A node that is not a validator of
 * the height stays silent and only follows the chain through imported blocks.
 */
public final class BftController {
    private final BftContext ctx;
    private final BftSettings settings;
    private HeightContext heightContext;
    private HeightManager height;
    private final TreeMap<Long, List<BftMessage>> futureHeights = new TreeMap<>();
    private int futureCount;

    public BftController(BftSettings settings) {
        this.settings = settings;
        this.ctx = new BftContext(settings);
    }

    /** Starts work on the height after the current head. */
    public List<BftAction> start() {
        return onNewHead();
    }

    /**
     * The chain head changed (a block this node finalised, or one imported from a peer): moves to
     * the next height when the head is at or beyond the current one.
     */
    public List<BftAction> onNewHead() {
        BlockHeader head = settings.chain().head();
        if (heightContext == null || head.number() >= heightContext.height()) {
            beginHeight(head);
        }
        return ctx.drain();
    }

    private void beginHeight(BlockHeader head) {
        long next = head.number() + 1;
        BftParameters params = settings.schedule().at(next);
        VoteSnapshot snapshot = settings.chain().snapshotAfter(head);
        Address lastProposer = head.number() == 0 ? null
                : IstanbulHeaders.author(head, settings.schedule().at(head.number()).protocol(), settings.recovery());
        heightContext = new HeightContext(next, head, params, snapshot, lastProposer);
        height = null;
        if (heightContext.isValidator(ctx.self())) {
            height = params.protocol() == BftProtocol.IBFT ? new IbftHeight(ctx, heightContext) : new QbftHeight(ctx, heightContext);
            height.start();
        }
        futureHeights.headMap(next).values().forEach(list -> futureCount -= list.size());
        futureHeights.headMap(next).clear();
        List<BftMessage> ready = futureHeights.remove(next);
        if (ready != null) {
            futureCount -= ready.size();
            for (BftMessage message : ready) {
                deliver(message);
            }
        }
    }

    /** A message from the network (a {@link WireMessage} encoding). */
    public List<BftAction> onMessage(byte[] wire) {
        if (!ctx.recent.add(wire)) {
            ctx.duplicates++;
            return ctx.drain();
        }
        BftMessage message;
        try {
            WireMessage decoded = WireMessage.decode(wire);
            message = decoded.code() == WireMessage.IBFT_CODE ? ctx.ibftCodec.decode(decoded) : ctx.qbftCodec.decode(decoded);
        } catch (InvalidMessageException e) {
            ctx.invalid++;
            return ctx.drain();
        }
        if (heightContext == null) {
            ctx.droppedFuture++;
            return ctx.drain();
        }
        long messageHeight = message.height();
        if (messageHeight < heightContext.height()) {
            ctx.old++;
        } else if (messageHeight > heightContext.height()) {
            keepForLater(messageHeight, message);
        } else {
            deliver(message);
        }
        return ctx.drain();
    }

    /**
     * Keeps a message for a later height. When the buffer is full, the messages of the highest
     * height go first (Besu's rule): the nearest heights are the ones this node will need.
     */
    private void keepForLater(long messageHeight, BftMessage message) {
        if (messageHeight > heightContext.height() + settings.limits().futureHeights()) {
            ctx.droppedFuture++;
            return;
        }
        if (futureCount >= settings.limits().futureMessages()) {
            if (futureHeights.isEmpty() || messageHeight >= futureHeights.lastKey()) {
                ctx.droppedFuture++;
                return;
            }
            List<BftMessage> highest = futureHeights.lastEntry().getValue();
            highest.remove(highest.size() - 1);
            if (highest.isEmpty()) {
                futureHeights.pollLastEntry();
            }
            futureCount--;
            ctx.droppedFuture++;
        }
        futureHeights.computeIfAbsent(messageHeight, h -> new ArrayList<>()).add(message);
        futureCount++;
    }

    private void deliver(BftMessage message) {
        if (height == null || message.height() != heightContext.height()) {
            return;
        }
        boolean ibft = message instanceof IbftMessage;
        if (ibft != (heightContext.params().protocol() == BftProtocol.IBFT)) {
            ctx.invalid++;
            return;
        }
        if (!heightContext.isValidator(message.author())) {
            ctx.rejected++;
            return;
        }
        height.handle(message);
    }

    /** The block timer of {@code timerHeight} fired. */
    public List<BftAction> onBlockTimer(long timerHeight) {
        if (height != null && heightContext.height() == timerHeight) {
            height.blockTimerExpired();
        }
        return ctx.drain();
    }

    /** The round timer of {@code (timerHeight, round)} fired; stale timers are ignored. */
    public List<BftAction> onRoundTimer(long timerHeight, int round) {
        if (height != null && heightContext.height() == timerHeight) {
            height.roundTimerExpired(round);
        }
        return ctx.drain();
    }

    /** Where this node stands. */
    public BftStatus status() {
        return new BftStatus(heightContext == null ? 0 : heightContext.height(), height == null ? -1 : height.round(),
                heightContext == null ? settings.schedule().at(0).protocol() : heightContext.params().protocol(),
                height != null, ctx.duplicates, ctx.invalid, ctx.old, ctx.droppedFuture, ctx.rejected);
    }

    /** For tests and diagnostics: the legacy IBFT lock of the current height, or null. */
    byte[] lockedDigest() {
        return height == null ? null : height.lockedDigest();
    }

    /** For tests and diagnostics: buffered future-height message counts by height. */
    Map<Long, Integer> futureMessageCounts() {
        Map<Long, Integer> out = new TreeMap<>();
        futureHeights.forEach((h, messages) -> out.put(h, messages.size()));
        return out;
    }
}
