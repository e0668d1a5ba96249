package org.quorumee.web.rpc.filter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.quorumee.core.bytes.Hex;
import org.quorumee.node.chain.LogQuery;
import org.quorumee.node.chain.NewBlockEvent;
import org.quorumee.node.chain.NewPendingTransactionsEvent;
import org.quorumee.node.chain.StoredLog;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcSession;
import org.quorumee.web.rpc.RpcSettings;
import org.quorumee.web.rpc.api.RpcViews;

/**
 * Polled filters (eth_newFilter and friends) and WebSocket subscriptions (eth_subscribe). Both are
 * fed by the node's events after the block's transaction commits; a filter not polled for five
 * minutes is dropped, as go-ethereum does, and a subscription ends with its connection.
 */
@ApplicationScoped
public class FilterManager {
    /** go-ethereum's deadline for a filter that is not polled. */
    public static final Duration FILTER_TIMEOUT = Duration.ofMinutes(5);
    /** Changes a filter keeps between polls; older ones are dropped. */
    private static final int MAX_PENDING_CHANGES = 10_000;

    public enum Kind { LOGS, BLOCKS, PENDING_TRANSACTIONS }

    /** What a subscription or filter wants: its kind and, for logs, its criteria. */
    private record Criteria(Kind kind, LogQuery logs) {
        boolean wantsBlock(long number) {
            return logs == null || (number >= logs.fromBlock() && number <= logs.toBlock());
        }
    }

    private static final class Filter {
        final Criteria criteria;
        final List<Object> changes = new ArrayList<>();
        Instant lastPolled;

        Filter(Criteria criteria, Instant now) {
            this.criteria = criteria;
            this.lastPolled = now;
        }
    }

    private record Subscription(JsonRpcSession session, Criteria criteria) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Filter> filters = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    /** The bean, on the system clock. */
    public FilterManager() {
        this(Clock.systemUTC());
    }

    /** On a given clock (tests: the five-minute expiry). */
    FilterManager(Clock clock) {
        this.clock = clock;
    }

    // ------------------------------------------------------------------ polled filters

    public String newFilter(Kind kind, LogQuery logs) {
        expire();
        String id = newId();
        filters.put(id, new Filter(new Criteria(kind, logs), clock.instant()));
        return id;
    }

    /** The changes since the last poll. */
    public List<Object> changes(String id) {
        Filter filter = filter(id);
        synchronized (filter) {
            filter.lastPolled = clock.instant();
            List<Object> changes = List.copyOf(filter.changes);
            filter.changes.clear();
            return changes;
        }
    }

    /** The criteria of a log filter (for eth_getFilterLogs). */
    public LogQuery logCriteria(String id) {
        Filter filter = filter(id);
        if (filter.criteria.kind() != Kind.LOGS) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "filter not found");
        }
        filter.lastPolled = clock.instant();
        return filter.criteria.logs();
    }

    public boolean uninstall(String id) {
        return filters.remove(id) != null;
    }

    private Filter filter(String id) {
        Filter filter = id == null ? null : filters.get(id);
        if (filter == null) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "filter not found");
        }
        return filter;
    }

    private void expire() {
        Instant deadline = clock.instant().minus(FILTER_TIMEOUT);
        filters.values().removeIf(f -> f.lastPolled.isBefore(deadline));
    }

    // ------------------------------------------------------------------ subscriptions

    /**
     * A new subscription of {@code session}; refused (-32005) past {@code quorum.ws.maxSubscriptions}
     * on one connection.
     */
    public String subscribe(JsonRpcSession session, Kind kind, LogQuery logs) {
        int max = RpcSettings.system().wsMaxSubscriptions();
        long open = subscriptions.values().stream().filter(s -> s.session().id().equals(session.id())).count();
        if (open >= max) {
            throw new JsonRpcException(JsonRpcException.LIMIT_EXCEEDED,
                    "too many subscriptions on this connection: at most " + max + " (quorum.ws.maxSubscriptions)");
        }
        String id = newId();
        subscriptions.put(id, new Subscription(session, new Criteria(kind, logs)));
        return id;
    }

    /** Ends a subscription of {@code session}; false when it has no such subscription. */
    public boolean unsubscribe(JsonRpcSession session, String id) {
        Subscription subscription = subscriptions.get(id);
        return subscription != null && subscription.session().id().equals(session.id()) && subscriptions.remove(id, subscription);
    }

    /** Drops every subscription of a closed connection. */
    public void closed(JsonRpcSession session) {
        subscriptions.values().removeIf(s -> s.session().id().equals(session.id()));
    }

    // ------------------------------------------------------------------ events

    void onBlock(@Observes NewBlockEvent event) {
        long number = event.block().header().number();
        Object head = null;
        for (Filter filter : filters.values()) {
            Criteria criteria = filter.criteria;
            if (criteria.kind() == Kind.BLOCKS) {
                add(filter, Hex.encode(event.block().hash()));
            } else if (criteria.kind() == Kind.LOGS && criteria.wantsBlock(number)) {
                matching(event, criteria).forEach(log -> add(filter, RpcViews.log(log)));
            }
        }
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
            Criteria criteria = entry.getValue().criteria();
            if (criteria.kind() == Kind.BLOCKS) {
                head = head != null ? head : RpcViews.header(event.block());
                notify(entry.getKey(), entry.getValue(), head);
            } else if (criteria.kind() == Kind.LOGS) {
                for (StoredLog log : matching(event, criteria)) {
                    notify(entry.getKey(), entry.getValue(), RpcViews.log(log));
                }
            }
        }
        expire();
    }

    void onPending(@Observes NewPendingTransactionsEvent event) {
        for (Filter filter : filters.values()) {
            if (filter.criteria.kind() == Kind.PENDING_TRANSACTIONS) {
                event.hashes().forEach(hash -> add(filter, Hex.encode(hash)));
            }
        }
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
            if (entry.getValue().criteria().kind() == Kind.PENDING_TRANSACTIONS) {
                event.hashes().forEach(hash -> notify(entry.getKey(), entry.getValue(), Hex.encode(hash)));
            }
        }
    }

    private static List<StoredLog> matching(NewBlockEvent event, Criteria criteria) {
        return event.logs().stream().filter(l -> criteria.logs().matches(l.log())).toList();
    }

    private static void add(Filter filter, Object change) {
        synchronized (filter) {
            if (filter.changes.size() >= MAX_PENDING_CHANGES) {
                filter.changes.remove(0);
            }
            filter.changes.add(change);
        }
    }

    private void notify(String id, Subscription subscription, Object result) {
        if (!subscription.session().isOpen()) {
            subscriptions.remove(id);
            return;
        }
        subscription.session().send(Notifications.subscription(id, result));
    }

    private String newId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return "0x" + HexFormat.of().formatHex(id);
    }

    /** For tests and monitoring. */
    public Optional<Integer> pendingChanges(String id) {
        Filter filter = filters.get(id);
        return filter == null ? Optional.empty() : Optional.of(filter.changes.size());
    }
}
