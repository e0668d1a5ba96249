package org.quorumee.core.txpool;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.tx.InvalidTransactionException;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.txpool.TransactionRejectedException.Reason;
import org.quorumee.core.types.Address;

/**
 * The transaction pool, after go-ethereum's legacy pool. Per sender, <b>pending</b> transactions
 * (nonces contiguous from the account's nonce: executable now) and <b>queued</b> ones (future
 * nonces, promoted when the gap closes).
 *
 * <p><b>Adding</b> ({@link #add}) checks, in this order, failing with go-ethereum's words
 * ({@link TransactionRejectedException.Reason}): already known; type (blob transactions are refused);
 * size against the chain's {@code txnSizeLimit}; gas limit against the head block's; the
 * transaction's own rules at the next block's fork (chain id, signature, tip not above fee cap,
 * intrinsic gas, init code size; a wrong chain id is "invalid sender", as in go-ethereum); GoQuorum's
 * no-value rule for private transactions; GoQuorum's zero price on a Quorum chain until
 * {@code enableGasPriceBlock} ("Gas price not 0"); the minimum tip; the fee cap against the head's base fee
 * (go-ethereum keeps such transactions until the base fee drops; this pool refuses them, as Besu
 * does, so that a sender hears of it); then against the head state: nonce not below the account's,
 * balance covering this transaction's cost plus the cost of the sender's pending ones (for a
 * replacement: plus the difference); the replacement rule; the sender's queue limit; room in the pool.
 *
 * <p><b>Replacement.</b> A transaction with the nonce of one in the pool replaces it only if its
 * fee cap and its tip are both strictly higher and at least {@code priceBump} percent (10) higher,
 * rounded down, as in go-ethereum. At gas price 0, the Quorum default, the 10% of 0 is 0 but
 * "strictly higher" still holds: a zero-priced transaction can only be replaced by one paying at
 * least 1 wei tip and fee cap; another zero-priced one is "replacement transaction underpriced".
 * On a Quorum chain without {@code enableGasPriceBlock} that makes a pooled transaction
 * irreplaceable, as in GoQuorum: wait for it to be mined, or use its nonce's successor.
 *
 * <p><b>Limits and eviction</b> (simpler than go-ethereum's asynchronous truncation, and decided
 * at once so that {@code add} can answer): a transaction takes ceil(size / 32 KiB) slots. The pool
 * holds at most {@code globalSlots + globalQueue} slots, of which at most {@code globalQueue}
 * queued, and at most {@code accountQueue} queued transactions per sender. When a new transaction
 * does not fit, the pool evicts other senders' transactions, always the last of a sender's nonces
 * (so pending never gets a gap):
 * <ul>
 * <li>for a new pending transaction: queued transactions first, cheapest first (lower fee cap, then
 *     lower tip, then the later arrival), whatever their price, since executable work beats future
 *     work; then pending transactions strictly cheaper than the new one, cheapest first, from senders
 *     holding more than {@code accountSlots} pending transactions (never below that);</li>
 * <li>for a new queued transaction: queued transactions strictly cheaper than it, cheapest first;</li>
 * <li>a sender over {@code accountQueue} loses its furthest queued nonce, or the new one is refused
 *     ("account limit exceeded") when it is itself the furthest.</li>
 * </ul>
 * This node's own clients ({@link #addLocal}) may fill only {@code globalSlots}, so that a pool full
 * for clients still has {@code globalQueue} slots for peers' gossip.
 * When that cannot make room, "txpool is full" (at once, or after waiting for room when the caller
 * asks to: {@link #add(Transaction, Duration)}; go-ethereum says "transaction underpriced" when a full
 * pool holds nothing cheaper; at Quorum's price 0 that would mislead). Nothing of it is done unless
 * the transaction goes in.
 *
 * <p><b>New head</b> ({@link #onNewHead}): per sender, drops transactions below the account's new
 * nonce (included in the block, or replaced elsewhere), drops those whose cost now exceeds the
 * balance or whose gas exceeds the block gas limit, moves the pending ones behind a dropped one to
 * the queue, promotes queued ones whose gap closed, trims the queues to their limits, and drops
 * queued transactions of senders idle for longer than {@code lifetime} ({@link #evictExpired}).
 * Quorum's consensus engines do not reorganise the chain, so no transaction is re-injected.
 *
 * <p><b>Threads.</b> Any number of threads may add and query while one producer takes and one
 * importer calls {@code onNewHead}: one read-write lock guards the pool; the costly part of adding
 * (signature recovery) runs before taking it. Listeners ({@link TransactionPoolListener}) hear of
 * new pending transactions after the lock is released.
 */
public final class TransactionPool {
    private static final System.Logger LOG = System.getLogger(TransactionPool.class.getName());

    /** Where an added transaction went. */
    public enum Placement {
        /** Executable now: its nonce follows the account's nonce and the sender's pending ones. */
        PENDING,
        /** Waits for the nonces before it. */
        QUEUED
    }

    /** The head the pool validates against: its header, the fork of the next block, its state. */
    private record Head(BlockHeader header, Fork fork, AccountStateReader state) {
    }

    private final ChainConfig chain;
    private final TransactionPoolConfig config;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Signalled on every new head, which is when transactions leave the pool: wakes adds waiting for room. */
    private final Condition roomMade = lock.writeLock().newCondition();
    /** Every pooled transaction by hash; concurrent so that "already known" and get() need no lock. */
    private final Map<HashKey, PooledTransaction> all = new ConcurrentHashMap<>();
    private final Map<Address, SenderTransactions> senders = new HashMap<>();
    private final List<TransactionPoolListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Head head;
    private long arrivals;
    private int pendingCount;
    private int queuedCount;
    private int pendingSlots;
    private int queuedSlots;

    /**
     * @param head  the current head block
     * @param state the state at that head
     */
    public TransactionPool(ChainConfig chain, TransactionPoolConfig config, Clock clock,
                           BlockHeader head, AccountStateReader state) {
        this.chain = chain;
        this.config = config;
        this.clock = clock;
        this.head = headOf(head, state);
    }

    private Head headOf(BlockHeader header, AccountStateReader state) {
        return new Head(header, chain.forkAt(header.number() + 1, header.timestamp()), state);
    }

    public TransactionPoolConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- listeners

    public void addListener(TransactionPoolListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TransactionPoolListener listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(List<Transaction> newPending) {
        if (newPending.isEmpty()) {
            return;
        }
        List<Transaction> event = Collections.unmodifiableList(newPending);
        for (TransactionPoolListener listener : listeners) {
            try {
                listener.onNewPendingTransactions(event);
            } catch (RuntimeException e) {
                // One failing subscriber must not keep the others (or the adding caller) from going on.
                LOG.log(System.Logger.Level.WARNING, "transaction pool listener failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- adding

    /**
     * Validates and adds a decoded transaction (see the class comment for the rules).
     *
     * @return where it went
     * @throws TransactionRejectedException with go-ethereum's words when it is refused; the pool is then unchanged
     */
    public Placement add(Transaction tx) throws TransactionRejectedException {
        return add(tx, Duration.ZERO);
    }

    /**
     * {@link #add(Transaction)}, except that a transaction refused only because the pool is full
     * waits up to {@code waitForRoom} (on the pool's clock) for new heads to make room (back-pressure: the caller is slowed
     * down to the pace blocks are made, instead of being refused work the node will soon have room for).
     *
     * @throws TransactionRejectedException as {@link #add(Transaction)}; "txpool is full" only once the wait is over
     */
    public Placement add(Transaction tx, Duration waitForRoom) throws TransactionRejectedException {
        return add(tx, waitForRoom, config.capacity());
    }

    /**
     * {@link #add(Transaction, Duration)} for a transaction of this node's own client: it may fill the
     * pool only up to {@link TransactionPoolConfig#localCapacity()}, which keeps room for peers' gossip.
     * Every node's pool holds about the same transactions, so when clients are made to wait at one
     * node, the others still take its gossip: a peer's transaction is never made to wait, and one
     * that finds a pool full is dropped there (which leaves that sender a nonce gap on that peer).
     */
    public Placement addLocal(Transaction tx, Duration waitForRoom) throws TransactionRejectedException {
        return add(tx, waitForRoom, config.localCapacity());
    }

    private Placement add(Transaction tx, Duration waitForRoom, int capacity) throws TransactionRejectedException {
        HashKey key = new HashKey(tx.hash());
        if (all.containsKey(key)) {
            throw new TransactionRejectedException(Reason.ALREADY_KNOWN);
        }
        Address sender = validateStateless(tx, head);
        List<Transaction> newPending = new ArrayList<>();
        Placement placement;
        Instant waitUntil = clock.instant().plus(waitForRoom);
        lock.writeLock().lock();
        try {
            while (true) {
                if (all.containsKey(key)) {
                    throw new TransactionRejectedException(Reason.ALREADY_KNOWN);
                }
                try {
                    placement = insert(tx, sender, key, head, newPending, capacity);
                    break;
                } catch (TransactionRejectedException e) {
                    // the deadline is on the pool's clock; the timed wait only wakes this thread to look again
                    Duration left = Duration.between(clock.instant(), waitUntil);
                    if (e.reason() != Reason.POOL_FULL || left.isNegative() || left.isZero()) {
                        throw e;
                    }
                    try {
                        roomMade.awaitNanos(left.toNanos());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        notifyListeners(newPending);
        return placement;
    }

    /** The checks that need no pool state; returns the sender. */
    private Address validateStateless(Transaction tx, Head at) throws TransactionRejectedException {
        if (tx.isBlob()) {
            throw new TransactionRejectedException(Reason.TYPE_NOT_SUPPORTED, "blob transactions are not carried on Quorum");
        }
        int sizeLimit = chain.transactionSizeLimit();
        if (tx.size() > sizeLimit) {
            throw new TransactionRejectedException(Reason.OVERSIZED_DATA,
                    "transaction size " + tx.size() + ", limit " + sizeLimit);
        }
        if (Long.compareUnsigned(tx.gasLimit(), at.header().gasLimit()) > 0) {
            throw new TransactionRejectedException(Reason.EXCEEDS_BLOCK_GAS_LIMIT);
        }
        try {
            tx.validate(chain.chainId(), at.fork());
        } catch (InvalidTransactionException e) {
            throw rejection(e);
        }
        if (tx.isPrivate() && tx.value().signum() != 0) {
            throw new TransactionRejectedException(Reason.ETHER_VALUE_UNSUPPORTED);
        }
        if (tx.maxFeePerGas().signum() != 0 && !gasPriceEnabled(at.header().number() + 1)) {
            throw new TransactionRejectedException(Reason.GAS_PRICE_NOT_ZERO);
        }
        if (tx.maxPriorityFeePerGas().compareTo(config.minGasPrice()) < 0) {
            throw new TransactionRejectedException(Reason.UNDERPRICED,
                    "gas tip cap " + tx.maxPriorityFeePerGas() + ", minimum needed " + config.minGasPrice());
        }
        Optional<BigInteger> baseFee = at.header().baseFee();
        if (baseFee.isPresent() && tx.maxFeePerGas().compareTo(baseFee.get()) < 0) {
            throw new TransactionRejectedException(Reason.FEE_CAP_BELOW_BASE_FEE,
                    "maxFeePerGas: " + tx.maxFeePerGas() + ", baseFee: " + baseFee.get());
        }
        return tx.sender();
    }

    /** GoQuorum: a Quorum chain takes gas prices only from {@code enableGasPriceBlock} on; other chains always. */
    private boolean gasPriceEnabled(long blockNumber) {
        if (!chain.isQuorum()) {
            return true;
        }
        OptionalLong enabledAt = chain.forkBlock("enableGasPriceBlock");
        return enabledAt.isPresent() && Long.compareUnsigned(blockNumber, enabledAt.getAsLong()) >= 0;
    }

    private static TransactionRejectedException rejection(InvalidTransactionException e) {
        Reason reason = switch (e.reason()) {
            case TYPE_NOT_SUPPORTED, BLOB_NOT_SUPPORTED, INVALID_BLOBS -> Reason.TYPE_NOT_SUPPORTED;
            case NONCE_MAX -> Reason.NONCE_MAX;
            case INVALID_SIGNATURE, SENDER_NOT_RECOVERABLE, WRONG_CHAIN_ID -> Reason.INVALID_SENDER;
            case PRIORITY_FEE_ABOVE_MAX_FEE -> Reason.TIP_ABOVE_FEE_CAP;
            // go-ethereum has no separate word: no balance covers a cost of 2^256 or more.
            case GAS_PRICE_OVERFLOW -> Reason.INSUFFICIENT_FUNDS;
            case INTRINSIC_GAS -> Reason.INTRINSIC_GAS_TOO_LOW;
            case INITCODE_TOO_LARGE -> Reason.MAX_INITCODE_SIZE_EXCEEDED;
            case MALFORMED, INVALID_FIELD, INVALID_PRIVATE_PAYLOAD -> Reason.INVALID_TRANSACTION;
        };
        return new TransactionRejectedException(reason, e.getMessage());
    }

    /** The checks against the head state and the pool, then the insertion. Under the write lock. */
    private Placement insert(Transaction tx, Address sender, HashKey key, Head at, List<Transaction> newPending,
                             int capacity) throws TransactionRejectedException {
        long accountNonce = at.state().nonce(sender);
        if (Long.compareUnsigned(tx.nonce(), accountNonce) < 0) {
            throw new TransactionRejectedException(Reason.NONCE_TOO_LOW,
                    "next nonce " + Long.toUnsignedString(accountNonce) + ", tx nonce " + Long.toUnsignedString(tx.nonce()));
        }
        SenderTransactions account = senders.get(sender);
        PooledTransaction incoming = PooledTransaction.of(tx, sender, key, ++arrivals);
        PooledTransaction old = account == null ? null : account.get(tx.nonce());
        boolean replacesPending = old != null && account.pending.containsKey(tx.nonce());

        BigInteger balance = at.state().balance(sender);
        BigInteger spent = account == null ? BigInteger.ZERO : account.pendingCost;
        BigInteger need = replacesPending ? spent.subtract(old.cost()).add(incoming.cost()) : spent.add(incoming.cost());
        if (balance.compareTo(need) < 0) {
            throw new TransactionRejectedException(Reason.INSUFFICIENT_FUNDS, "balance " + balance
                    + ", queued cost " + spent + ", tx cost " + incoming.cost() + ", overshot " + need.subtract(balance));
        }
        if (old != null && !isReplacement(old.tx(), tx)) {
            throw new TransactionRejectedException(Reason.REPLACEMENT_UNDERPRICED);
        }

        long nextNonce = account == null ? accountNonce : account.nextPendingNonce(accountNonce);
        boolean toPending = replacesPending || tx.nonce() == nextNonce;
        List<PooledTransaction> victims = new ArrayList<>();
        if (!toPending && old == null && account != null && account.queued.size() >= config.accountQueue()) {
            PooledTransaction furthest = account.queued.lastEntry().getValue();
            if (Long.compareUnsigned(tx.nonce(), furthest.nonce()) > 0) {
                throw new TransactionRejectedException(Reason.ACCOUNT_LIMIT_EXCEEDED,
                        "sender has " + account.queued.size() + " queued transactions, the limit");
            }
            victims.add(furthest);
        }
        int freedOwn = victims.stream().mapToInt(PooledTransaction::slots).sum();
        int growth = incoming.slots() - (old == null ? 0 : old.slots()) - freedOwn;
        int needed = Math.max(pendingSlots + queuedSlots + growth - capacity,
                toPending ? 0 : queuedSlots + growth - config.globalQueue());
        if (needed > 0) {
            List<PooledTransaction> evicted = chooseVictims(sender, tx, toPending, needed);
            if (evicted == null) {
                throw new TransactionRejectedException(Reason.POOL_FULL);
            }
            victims.addAll(evicted);
        }

        // Decided: apply.
        for (PooledTransaction victim : victims) {
            SenderTransactions victimAccount = senders.get(victim.sender());
            if (victimAccount.pending.containsKey(victim.nonce())) {
                removePending(victimAccount, victim.nonce());
            } else {
                removeQueued(victimAccount, victim.nonce());
            }
            dropIfEmpty(victim.sender(), victimAccount);
        }
        account = senders.get(sender); // the sender's own victim may have emptied it
        if (account == null) {
            account = new SenderTransactions();
            senders.put(sender, account);
        }
        if (old != null) {
            if (replacesPending) {
                removePending(account, old.nonce());
            } else {
                removeQueued(account, old.nonce());
            }
        }
        if (toPending) {
            addPending(account, incoming);
            newPending.add(tx);
            promote(account, tx.nonce() + 1, newPending);
            return Placement.PENDING;
        }
        addQueued(account, incoming);
        return Placement.QUEUED;
    }

    /** go-ethereum's rule: fee cap and tip both strictly higher, and each at least (100 + bump)% of the old, rounded down. */
    private boolean isReplacement(Transaction old, Transaction tx) {
        if (old.maxFeePerGas().compareTo(tx.maxFeePerGas()) >= 0
                || old.maxPriorityFeePerGas().compareTo(tx.maxPriorityFeePerGas()) >= 0) {
            return false;
        }
        BigInteger percent = BigInteger.valueOf(100L + config.priceBump());
        BigInteger hundred = BigInteger.valueOf(100);
        BigInteger feeCapThreshold = old.maxFeePerGas().multiply(percent).divide(hundred);
        BigInteger tipThreshold = old.maxPriorityFeePerGas().multiply(percent).divide(hundred);
        return tx.maxFeePerGas().compareTo(feeCapThreshold) >= 0 && tx.maxPriorityFeePerGas().compareTo(tipThreshold) >= 0;
    }

    /** A sender's transactions from the last nonce down, as eviction candidates. */
    private static final class Tail {
        final Iterator<PooledTransaction> descending;
        int evictable;
        PooledTransaction current;

        Tail(Iterator<PooledTransaction> descending, int evictable) {
            this.descending = descending;
            this.evictable = evictable;
        }

        boolean advance() {
            if (evictable <= 0 || !descending.hasNext()) {
                return false;
            }
            evictable--;
            current = descending.next();
            return true;
        }
    }

    /**
     * Chooses transactions of senders other than {@code exclude} to free {@code needed} slots for
     * {@code incoming}: queued tails first, cheapest first (any price for a pending newcomer, only
     * strictly cheaper ones for a queued one); then, for a pending newcomer, pending tails strictly
     * cheaper than it, cheapest first, from senders over {@code accountSlots}.
     *
     * @return the victims, or null when they cannot free enough
     */
    private List<PooledTransaction> chooseVictims(Address exclude, Transaction incoming, boolean toPending, int needed) {
        List<PooledTransaction> victims = new ArrayList<>();
        int freed = evictTails(exclude, false, toPending ? null : incoming, needed, victims);
        if (freed < needed && toPending) {
            freed += evictTails(exclude, true, incoming, needed - freed, victims);
        }
        return freed >= needed ? victims : null;
    }

    /** Adds tails of one kind to {@code victims}, cheapest first, strictly cheaper than {@code priceCeiling} unless null. */
    private int evictTails(Address exclude, boolean pending, Transaction priceCeiling, int needed,
                           List<PooledTransaction> victims) {
        PriorityQueue<Tail> tails = new PriorityQueue<>(
                (a, b) -> PooledTransaction.CHEAPEST_FIRST.compare(a.current, b.current));
        for (Map.Entry<Address, SenderTransactions> e : senders.entrySet()) {
            if (e.getKey().equals(exclude)) {
                continue;
            }
            SenderTransactions account = e.getValue();
            Tail tail = pending
                    ? new Tail(account.pending.descendingMap().values().iterator(), account.pending.size() - config.accountSlots())
                    : new Tail(account.queued.descendingMap().values().iterator(), Integer.MAX_VALUE);
            if (tail.advance()) {
                tails.add(tail);
            }
        }
        int freed = 0;
        while (freed < needed && !tails.isEmpty()) {
            Tail cheapest = tails.poll();
            if (priceCeiling != null && !cheapest.current.cheaperThan(priceCeiling)) {
                break;
            }
            victims.add(cheapest.current);
            freed += cheapest.current.slots();
            if (cheapest.advance()) {
                tails.add(cheapest);
            }
        }
        return freed;
    }

    // ---------------------------------------------------------------- bookkeeping (under the write lock)

    private void addPending(SenderTransactions account, PooledTransaction p) {
        account.putPending(p);
        all.put(p.key(), p);
        pendingCount++;
        pendingSlots += p.slots();
    }

    private PooledTransaction removePending(SenderTransactions account, long nonce) {
        PooledTransaction p = account.removePending(nonce);
        all.remove(p.key());
        pendingCount--;
        pendingSlots -= p.slots();
        return p;
    }

    private void addQueued(SenderTransactions account, PooledTransaction p) {
        account.queued.put(p.nonce(), p);
        all.put(p.key(), p);
        queuedCount++;
        queuedSlots += p.slots();
        if (account.lastActivity == null) {
            account.lastActivity = clock.instant();
        }
    }

    private PooledTransaction removeQueued(SenderTransactions account, long nonce) {
        PooledTransaction p = account.queued.remove(nonce);
        all.remove(p.key());
        queuedCount--;
        queuedSlots -= p.slots();
        if (account.queued.isEmpty()) {
            account.lastActivity = null;
        }
        return p;
    }

    private void demote(SenderTransactions account, long nonce) {
        addQueued(account, removePending(account, nonce));
    }

    /**
     * Moves queued transactions to pending while their nonces run on from {@code next} (the nonce
     * after the last pending one, or the account's nonce when none is pending).
     */
    private void promote(SenderTransactions account, long next, List<Transaction> newPending) {
        boolean any = false;
        while (account.queued.containsKey(next)) {
            PooledTransaction p = removeQueued(account, next);
            addPending(account, p);
            newPending.add(p.tx());
            next++;
            any = true;
        }
        if (any && !account.queued.isEmpty()) {
            account.lastActivity = clock.instant();
        }
    }

    private void dropIfEmpty(Address sender, SenderTransactions account) {
        if (account.isEmpty()) {
            senders.remove(sender);
        }
    }

    // ---------------------------------------------------------------- new head

    /**
     * Re-validates the pool against a newly imported head and its state (see the class comment).
     * Call it once per imported block, from the importing thread.
     */
    public void onNewHead(BlockHeader header, AccountStateReader state) {
        List<Transaction> newPending = new ArrayList<>();
        lock.writeLock().lock();
        try {
            head = headOf(header, state);
            for (Address sender : new ArrayList<>(senders.keySet())) {
                reset(sender, header.gasLimit(), state, newPending);
            }
            truncateQueue();
            evictExpiredLocked();
            roomMade.signalAll();
        } finally {
            lock.writeLock().unlock();
        }
        notifyListeners(newPending);
    }

    private void reset(Address sender, long blockGasLimit, AccountStateReader state, List<Transaction> newPending) {
        SenderTransactions account = senders.get(sender);
        long nonce = state.nonce(sender);
        BigInteger balance = state.balance(sender);

        while (!account.pending.isEmpty() && Long.compareUnsigned(account.pending.firstKey(), nonce) < 0) {
            removePending(account, account.pending.firstKey());
        }
        Long firstDropped = null;
        for (PooledTransaction p : new ArrayList<>(account.pending.values())) {
            if (unaffordable(p, balance, blockGasLimit)) {
                removePending(account, p.nonce());
                if (firstDropped == null) {
                    firstDropped = p.nonce();
                }
            }
        }
        if (firstDropped != null) {
            for (Long later : new ArrayList<>(account.pending.tailMap(firstDropped, false).keySet())) {
                demote(account, later);
            }
        }
        if (!account.pending.isEmpty() && account.pending.firstKey() != nonce) {
            for (Long gapped : new ArrayList<>(account.pending.keySet())) {
                demote(account, gapped);
            }
        }

        while (!account.queued.isEmpty() && Long.compareUnsigned(account.queued.firstKey(), nonce) < 0) {
            removeQueued(account, account.queued.firstKey());
        }
        for (PooledTransaction p : new ArrayList<>(account.queued.values())) {
            if (unaffordable(p, balance, blockGasLimit)) {
                removeQueued(account, p.nonce());
            }
        }
        promote(account, account.nextPendingNonce(nonce), newPending);
        while (account.queued.size() > config.accountQueue()) {
            removeQueued(account, account.queued.lastKey());
        }
        dropIfEmpty(sender, account);
    }

    private static boolean unaffordable(PooledTransaction p, BigInteger balance, long blockGasLimit) {
        return p.cost().compareTo(balance) > 0 || Long.compareUnsigned(p.tx().gasLimit(), blockGasLimit) > 0;
    }

    /** After demotions the queue may exceed its global limit: evict its cheapest tails. */
    private void truncateQueue() {
        int excess = queuedSlots - config.globalQueue();
        if (excess <= 0) {
            return;
        }
        List<PooledTransaction> victims = new ArrayList<>();
        evictTails(null, false, null, excess, victims);
        for (PooledTransaction victim : victims) {
            SenderTransactions account = senders.get(victim.sender());
            removeQueued(account, victim.nonce());
            dropIfEmpty(victim.sender(), account);
        }
    }

    /**
     * Drops the queued transactions of senders none of whose transactions was queued for the first
     * time or promoted within {@code lifetime} (go-ethereum's eviction of stale accounts). Runs on
     * every new head; a container may also call it from a timer.
     *
     * @return how many transactions were dropped
     */
    public int evictExpired() {
        lock.writeLock().lock();
        try {
            return evictExpiredLocked();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int evictExpiredLocked() {
        Instant deadline = clock.instant().minus(config.lifetime());
        int dropped = 0;
        for (Address sender : new ArrayList<>(senders.keySet())) {
            SenderTransactions account = senders.get(sender);
            if (account.lastActivity != null && account.lastActivity.isBefore(deadline)) {
                while (!account.queued.isEmpty()) {
                    removeQueued(account, account.queued.lastKey());
                    dropped++;
                }
                dropIfEmpty(sender, account);
            }
        }
        return dropped;
    }

    // ---------------------------------------------------------------- queries

    /** The pooled transaction of this hash, pending or queued. */
    public Optional<Transaction> get(byte[] hash) {
        PooledTransaction p = all.get(new HashKey(hash));
        return p == null ? Optional.empty() : Optional.of(p.tx());
    }

    /**
     * The nonce the sender's next transaction should have to be pending: one after its last pending
     * transaction, else the account's nonce ({@code eth_getTransactionCount(address, "pending")}).
     */
    public long pendingNonce(Address sender) {
        lock.readLock().lock();
        try {
            long accountNonce = head.state().nonce(sender);
            SenderTransactions account = senders.get(sender);
            return account == null ? accountNonce : account.nextPendingNonce(accountNonce);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Pending and queued counts ({@code txpool_status}). */
    public PoolStatus status() {
        lock.readLock().lock();
        try {
            return new PoolStatus(pendingCount, queuedCount);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** All transactions by sender and nonce ({@code txpool_content}). */
    public PoolContent content() {
        lock.readLock().lock();
        try {
            return contentOf(senders);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One sender's transactions ({@code txpool_contentFrom}). */
    public PoolContent contentFrom(Address sender) {
        lock.readLock().lock();
        try {
            SenderTransactions account = senders.get(sender);
            return contentOf(account == null ? Map.of() : Map.of(sender, account));
        } finally {
            lock.readLock().unlock();
        }
    }

    private static PoolContent contentOf(Map<Address, SenderTransactions> accounts) {
        SortedMap<Address, List<Transaction>> pending = new TreeMap<>();
        SortedMap<Address, List<Transaction>> queued = new TreeMap<>();
        for (Map.Entry<Address, SenderTransactions> e : accounts.entrySet()) {
            if (!e.getValue().pending.isEmpty()) {
                pending.put(e.getKey(), e.getValue().pending.values().stream().map(PooledTransaction::tx).toList());
            }
            if (!e.getValue().queued.isEmpty()) {
                queued.put(e.getKey(), e.getValue().queued.values().stream().map(PooledTransaction::tx).toList());
            }
        }
        return new PoolContent(Collections.unmodifiableSortedMap(pending), Collections.unmodifiableSortedMap(queued));
    }

    /**
     * The block producer's view: a snapshot of the pending transactions in price-and-nonce order at
     * {@code baseFee} (null before London). The pool does not change by being read: included
     * transactions leave it at {@link #onNewHead}.
     */
    public TransactionsByPriceAndNonce pendingByPriceAndNonce(BigInteger baseFee) {
        List<List<PooledTransaction>> bySender = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (SenderTransactions account : senders.values()) {
                if (!account.pending.isEmpty()) {
                    bySender.add(new ArrayList<>(account.pending.values()));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return new TransactionsByPriceAndNonce(bySender, baseFee);
    }
}
