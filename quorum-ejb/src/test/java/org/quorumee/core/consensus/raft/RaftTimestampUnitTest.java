package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.chain.InvalidGenesisException;
import org.quorumee.node.config.JsonTree;

/** The unit of Raft block timestamps: read from the genesis, and the timestamps each gives. */
class RaftTimestampUnitTest {
    private static final long SECOND = 1_700_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(SECOND, 123_456_789);
    private static final long NOW_NANOS = SECOND * 1_000_000_000L + 123_456_789;

    private static ChainConfig config(String json) throws Exception {
        return ChainConfig.fromJson(JsonTree.of(new ObjectMapper().readTree(json)));
    }

    @Test
    void theGenesisChoosesTheUnitNanosecondsByDefault() throws Exception {
        assertEquals(RaftTimestampUnit.NANOSECONDS, RaftTimestampUnit.of(config("{\"chainId\": 10}")));
        assertEquals(RaftTimestampUnit.NANOSECONDS, RaftTimestampUnit.of(config("{\"chainId\": 10, \"raft\": {}}")));
        assertEquals(RaftTimestampUnit.SECONDS,
                RaftTimestampUnit.of(config("{\"chainId\": 10, \"raft\": {\"timestampUnit\": \"seconds\"}}")));
        assertEquals(RaftTimestampUnit.NANOSECONDS,
                RaftTimestampUnit.of(config("{\"chainId\": 10, \"raft\": {\"timestampUnit\": \"nanoseconds\"}}")));
        ChainConfig bad = config("{\"chainId\": 10, \"raft\": {\"timestampUnit\": \"millis\"}}");
        InvalidGenesisException e = assertThrows(InvalidGenesisException.class, () -> RaftTimestampUnit.of(bad));
        assertTrue(e.getMessage().contains("config.raft.timestampUnit"), e.getMessage());
    }

    @Test
    void secondsAreNowOrTheParentsWhenLater() {
        RaftTimestampUnit unit = RaftTimestampUnit.SECONDS;
        assertEquals(SECOND, unit.blockTimestamp(NOW, SECOND - 5));
        assertEquals(SECOND, unit.blockTimestamp(NOW, SECOND), "many blocks in one second share it");
        assertEquals(SECOND + 2, unit.blockTimestamp(NOW, SECOND + 2), "a parent ahead of this clock: never before it");
    }

    @Test
    void nanosecondsAreNowOrOneAboveTheParent() {
        RaftTimestampUnit unit = RaftTimestampUnit.NANOSECONDS;
        assertEquals(NOW_NANOS, unit.blockTimestamp(NOW, NOW_NANOS - 1_000));
        assertEquals(NOW_NANOS + 1, unit.blockTimestamp(NOW, NOW_NANOS), "equal to now: one above the parent");
        assertEquals(NOW_NANOS + 1_000_001, unit.blockTimestamp(NOW, NOW_NANOS + 1_000_000), "a parent from the future");
    }
}
