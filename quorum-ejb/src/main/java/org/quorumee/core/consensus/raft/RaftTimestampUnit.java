package org.quorumee.core.consensus.raft;

import java.time.Instant;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.chain.InvalidGenesisException;

/**
 * The unit of a Raft chain's block timestamps, the genesis setting {@code config.raft.timestampUnit}.
 *
 * <p>GoQuorum's Raft stamps blocks in nanoseconds ({@code UnixNano}), each strictly above its
 * parent: {@link #NANOSECONDS}, the default, so that a GoQuorum genesis behaves as in GoQuorum. But
 * a timestamp of ~1.7e18 breaks common clients (ethers 6 reads it as a JavaScript number and fails
 * on every block it formats, which a wallet's send does; web3.js 1.x too). {@link #SECONDS}, which
 * the launcher writes for the networks it makes, gives them Ethereum's unit: now in seconds, or the
 * parent's timestamp when that is later; a parent's timestamp may repeat, since Raft makes up to 20
 * blocks a second and they must not drift ahead of the wall clock (as geth's Clique with period 0).
 */
public enum RaftTimestampUnit {
    SECONDS("seconds"),
    NANOSECONDS("nanoseconds");

    /** The key in the genesis config's {@code raft} section. */
    public static final String SETTING = "timestampUnit";

    private final String configName;

    RaftTimestampUnit(String configName) {
        this.configName = configName;
    }

    /**
     * The unit a chain's config sets; {@link #NANOSECONDS} when it sets none.
     *
     * @throws InvalidGenesisException when {@code config.raft.timestampUnit} is neither unit
     */
    public static RaftTimestampUnit of(ChainConfig config) {
        Object value = config.raft().map(raft -> raft.get(SETTING)).orElse(null);
        if (value == null) {
            return NANOSECONDS;
        }
        for (RaftTimestampUnit unit : values()) {
            if (unit.configName.equals(value)) {
                return unit;
            }
        }
        throw new InvalidGenesisException("config.raft." + SETTING + " must be \"seconds\" or \"nanoseconds\", not " + value);
    }

    /** The name in the genesis config. */
    public String configName() {
        return configName;
    }

    /** Whether a block may carry its parent's timestamp (seconds) or must be strictly later (nanoseconds). */
    public boolean allowsParentTimestamp() {
        return this == SECONDS;
    }

    /** The timestamp of a block minted at {@code now} on a parent stamped {@code parentTimestamp}. */
    public long blockTimestamp(Instant now, long parentTimestamp) {
        if (this == SECONDS) {
            return Math.max(now.getEpochSecond(), parentTimestamp);
        }
        long nanos = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        return nanos > parentTimestamp ? nanos : parentTimestamp + 1;
    }
}
