package org.quorumee.core.consensus.ibft;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;

/**
 * Computes the {@link VoteSnapshot} after any block from the headers, as GoQuorum's backend does,
 * with a bounded cache of recent snapshots. Walking back stops at the nearest epoch block: there
 * votes reset, and the validators before it are the ones its extraData lists, so the snapshot can
 * be rebuilt from that header alone (at most one epoch of headers is read). Safe for concurrent
 * callers (RPC threads and the driver).
 */
public final class VoteSnapshots {

    /** Port: headers by hash (the chain reader). */
    @FunctionalInterface
    public interface HeaderSource {
        Optional<BlockHeader> header(byte[] hash);
    }

    private final ForkSchedule schedule;
    private final HeaderSource headers;
    private final SignatureRecovery recovery;
    private final int cacheSize;
    private final Map<String, VoteSnapshot> cache;

    public VoteSnapshots(ForkSchedule schedule, HeaderSource headers, SignatureRecovery recovery, int cacheSize) {
        this.schedule = schedule;
        this.headers = headers;
        this.recovery = recovery;
        this.cacheSize = cacheSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, VoteSnapshot> eldest) {
                return size() > VoteSnapshots.this.cacheSize;
            }
        };
    }

    /**
     * The snapshot after {@code header}: the validators of its child.
     *
     * @throws IllegalArgumentException when an ancestor is missing or a header's author or vote is invalid
     */
    public synchronized VoteSnapshot after(BlockHeader header) {
        Deque<BlockHeader> pending = new ArrayDeque<>();
        VoteSnapshot snapshot = null;
        BlockHeader cursor = header;
        while (snapshot == null) {
            VoteSnapshot cached = cache.get(Hex.encode(cursor.hash()));
            if (cached != null) {
                snapshot = cached;
                break;
            }
            long number = cursor.number();
            BftParameters params = schedule.at(number);
            if (number == 0) {
                snapshot = VoteSnapshot.genesis(params.epochLength(), 0, cursor.hash(),
                        IstanbulHeaders.validators(cursor, params.protocol()), params.policy());
                snapshot = override(snapshot);
                break;
            }
            if (number % params.epochLength() == 0) {
                // Votes reset here: the validators before this block are the ones it lists.
                VoteSnapshot before = VoteSnapshot.genesis(params.epochLength(), number - 1, cursor.parentHash(),
                        IstanbulHeaders.validators(cursor, params.protocol()), params.policy());
                snapshot = applyHeader(before, cursor);
                break;
            }
            pending.push(cursor);
            byte[] parentHash = cursor.parentHash();
            cursor = headers.header(parentHash).orElseThrow(
                    () -> new IllegalArgumentException("unknown ancestor " + Hex.encode(parentHash)));
        }
        cache.put(Hex.encode(snapshot.hash()), snapshot);
        while (!pending.isEmpty()) {
            snapshot = applyHeader(snapshot, pending.pop());
            cache.put(Hex.encode(snapshot.hash()), snapshot);
        }
        return snapshot;
    }

    private VoteSnapshot applyHeader(VoteSnapshot snapshot, BlockHeader header) {
        BftParameters params = schedule.at(header.number());
        VoteSnapshot next = snapshot.apply(header.number(), header.hash(), params.epochLength(),
                IstanbulHeaders.author(header, params.protocol(), recovery), IstanbulHeaders.vote(header, params.protocol()));
        return override(next);
    }

    private VoteSnapshot override(VoteSnapshot snapshot) {
        return schedule.validatorsAfter(snapshot.number()).map(snapshot::withValidators).orElse(snapshot);
    }
}
