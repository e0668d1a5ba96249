package org.quorumee.web.rpc.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.node.chain.LogQuery;
import org.quorumee.node.chain.NewBlockEvent;
import org.quorumee.node.chain.NewPendingTransactionsEvent;
import org.quorumee.node.chain.StoredBlock;
import org.quorumee.node.chain.StoredLog;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcSession;

/** Polled filters and subscriptions, fed with the node's events as the container would deliver them. */
class FilterManagerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Address A = Address.ofLong(0xa);
    private static final Address B = Address.ofLong(0xb);

    private final MovableClock clock = new MovableClock();
    private final FilterManager filters = new FilterManager(clock);

    /** A clock that moves only when told. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A connection that keeps what it is sent; it can be closed. */
    private static final class RecordingSession implements JsonRpcSession {
        final String id;
        final List<JsonNode> sent = new ArrayList<>();
        boolean open = true;

        RecordingSession(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void send(String message) {
            try {
                sent.add(JSON.readTree(message));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + message, e);
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    private static StoredBlock block(long number) {
        BlockHeader header = BlockHeader.builder().number(number).gasLimit(30_000_000).timestamp(1000 + number).build();
        return new StoredBlock(header, header.hash(), List.of(), 600);
    }

    private static byte[] hash(int fill) {
        byte[] hash = new byte[32];
        java.util.Arrays.fill(hash, (byte) fill);
        return hash;
    }

    private static StoredLog log(Address address, StoredBlock block, int index) {
        return new StoredLog(new Log(address, List.of(hash(0x70 + index)), new byte[] {(byte) index}),
                block.header().number(), block.hash(), hash(0x10 + index), 0, index);
    }

    private static LogQuery logsOf(Address address, long from) {
        return new LogQuery(from, Long.MAX_VALUE, List.of(address), List.of());
    }

    private static JsonNode bySubscription(RecordingSession session, String id) {
        return session.sent.stream().filter(m -> id.equals(m.path("params").path("subscription").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no notification of " + id + " in " + session.sent));
    }

    @Test
    void aBlockFilterReportsEachNewBlockOnce() {
        String id = filters.newFilter(FilterManager.Kind.BLOCKS, null);
        assertTrue(id.matches("0x[0-9a-f]{32}"), id);
        StoredBlock first = block(1);
        StoredBlock second = block(2);
        filters.onBlock(new NewBlockEvent(first, List.of()));
        filters.onBlock(new NewBlockEvent(second, List.of()));
        assertEquals(List.of(Hex.encode(first.hash()), Hex.encode(second.hash())), filters.changes(id));
        assertEquals(List.of(), filters.changes(id), "polled changes are gone");
        assertTrue(filters.uninstall(id));
        assertFalse(filters.uninstall(id));
        JsonRpcException e = assertThrows(JsonRpcException.class, () -> filters.changes(id));
        assertEquals("filter not found", e.getMessage());
        assertThrows(JsonRpcException.class, () -> filters.changes(null));
    }

    @Test
    void aLogFilterTakesTheLogsOfItsAddressFromItsFirstBlock() {
        String id = filters.newFilter(FilterManager.Kind.LOGS, logsOf(A, 5));
        StoredBlock early = block(4);
        filters.onBlock(new NewBlockEvent(early, List.of(log(A, early, 0))));
        StoredBlock block = block(5);
        StoredLog wanted = log(A, block, 1);
        filters.onBlock(new NewBlockEvent(block, List.of(log(B, block, 0), wanted)));
        List<Object> changes = filters.changes(id);
        assertEquals(1, changes.size(), changes.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) changes.get(0);
        assertEquals(A.toString(), view.get("address"));
        assertEquals("0x5", view.get("blockNumber"));
        assertEquals(Hex.encode(wanted.transactionHash()), view.get("transactionHash"));
        assertEquals("0x1", view.get("logIndex"));
        assertEquals(logsOf(A, 5), filters.logCriteria(id));
        String blocks = filters.newFilter(FilterManager.Kind.BLOCKS, null);
        assertEquals("filter not found", assertThrows(JsonRpcException.class, () -> filters.logCriteria(blocks)).getMessage());
    }

    @Test
    void aPendingFilterReportsHashesInArrivalOrderAndKeepsAtMostTenThousand() {
        String id = filters.newFilter(FilterManager.Kind.PENDING_TRANSACTIONS, null);
        filters.onPending(new NewPendingTransactionsEvent(List.of(hash(1), hash(2))));
        assertEquals(List.of(Hex.encode(hash(1)), Hex.encode(hash(2))), filters.changes(id));
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            byte[] h = new byte[32];
            h[28] = (byte) (i >> 24);
            h[29] = (byte) (i >> 16);
            h[30] = (byte) (i >> 8);
            h[31] = (byte) i;
            many.add(h);
        }
        filters.onPending(new NewPendingTransactionsEvent(many));
        assertEquals(Optional.of(10_000), filters.pendingChanges(id));
        List<Object> changes = filters.changes(id);
        assertEquals(Hex.encode(many.get(1)), changes.get(0), "the oldest change is dropped first");
        assertEquals(Hex.encode(many.get(10_000)), changes.get(9_999));
    }

    @Test
    void aFilterNotPolledForFiveMinutesIsDropped() {
        String idle = filters.newFilter(FilterManager.Kind.BLOCKS, null);
        String polled = filters.newFilter(FilterManager.Kind.BLOCKS, null);
        clock.advance(Duration.ofMinutes(4));
        filters.changes(polled);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        filters.onBlock(new NewBlockEvent(block(1), List.of())); // expiry runs after each block
        assertEquals(Optional.empty(), filters.pendingChanges(idle));
        assertEquals(1, filters.changes(polled).size());
    }

    @Test
    void subscriptionsPushToTheirConnectionUntilItCloses() {
        RecordingSession alice = new RecordingSession("alice");
        RecordingSession bob = new RecordingSession("bob");
        String heads = filters.subscribe(alice, FilterManager.Kind.BLOCKS, null);
        String logs = filters.subscribe(alice, FilterManager.Kind.LOGS, logsOf(A, 0));
        String pending = filters.subscribe(bob, FilterManager.Kind.PENDING_TRANSACTIONS, null);

        StoredBlock block = block(7);
        filters.onBlock(new NewBlockEvent(block, List.of(log(A, block, 0), log(B, block, 1))));
        filters.onPending(new NewPendingTransactionsEvent(List.of(hash(9))));

        assertEquals(2, alice.sent.size(), alice.sent.toString());
        // one notification per subscription; their order across subscriptions is not a contract
        JsonNode head = bySubscription(alice, heads);
        assertEquals("2.0", head.get("jsonrpc").asText());
        assertEquals("eth_subscription", head.get("method").asText());
        assertEquals(heads, head.get("params").get("subscription").asText());
        assertEquals(Hex.encode(block.hash()), head.get("params").get("result").get("hash").asText());
        assertEquals("0x7", head.get("params").get("result").get("number").asText());
        JsonNode log = bySubscription(alice, logs);
        assertEquals(A.toString(), log.get("params").get("result").get("address").asText());
        assertEquals(1, bob.sent.size());
        assertEquals(Hex.encode(hash(9)), bob.sent.get(0).get("params").get("result").asText());

        assertFalse(filters.unsubscribe(bob, heads), "only its own connection ends a subscription");
        assertTrue(filters.unsubscribe(alice, heads));
        assertFalse(filters.unsubscribe(alice, heads));
        filters.closed(alice);
        bob.open = false;
        filters.onBlock(new NewBlockEvent(block(8), List.of(log(A, block(8), 0))));
        filters.onPending(new NewPendingTransactionsEvent(List.of(hash(10))));
        assertEquals(2, alice.sent.size(), "nothing after its connection closed");
        assertEquals(1, bob.sent.size(), "nothing to a connection that is no longer open");
        assertFalse(filters.unsubscribe(bob, pending), "dropped when its connection was found closed");
    }
}
