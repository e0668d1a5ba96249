package org.quorumee.core.state;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.core.types.UInt256;

/**
 * The accounts, their storage and code, with every change of the running transaction journaled so
 * that a call frame can be reverted to a snapshot. Also holds what lives for one transaction only:
 * access lists (EIP-2929/2930), transient storage (EIP-1153), logs, the refund counter, and the set
 * of touched accounts (EIP-161).
 *
 * <p>One instance per state (public, private, ...); not thread-safe; no static state.
 * {@link #finalizeTransaction()} closes a transaction, {@link #commit()} writes the changes to the
 * tries and returns the state root.
 */
public final class WorldState implements ExecutionState {
    /** Root of the empty trie: keccak256(rlp("")). */
    public static final byte[] EMPTY_TRIE_ROOT = Keccak.keccak256(Rlp.EMPTY_STRING);
    private static final byte[] EMPTY_CODE = new byte[0];
    /**
     * The RIPEMD-160 precompile: a zero-value touch of it while empty survives a revert, as it did
     * on mainnet in block 2675119 and as every client has reproduced since.
     */
    private static final Address RIPEMD160 = Address.ofLong(3);

    private final StateStorage storage;

    /** Accounts read or changed since the last commit; a null value means "does not exist". */
    private final Map<Address, CachedAccount> accounts = new HashMap<>();
    /** Addresses changed by finished transactions since the last commit. */
    private final Set<Address> uncommitted = new HashSet<>();

    // --- journal of the running transaction ---
    private final List<Address> journalAddresses = new ArrayList<>();
    private final List<Runnable> journalUndo = new ArrayList<>();
    /** Address -> number of journal entries that touch it (the EIP-161 "touched" set). */
    private final Map<Address, Integer> touchCounts = new HashMap<>();
    /** Touches that no revert undoes (see {@link #RIPEMD160}). */
    private final Set<Address> permanentTouches = new HashSet<>();

    // --- transaction scoped ---
    private final Set<Address> warmAddresses = new HashSet<>();
    private final Set<SlotKey> warmSlots = new HashSet<>();
    private final Map<SlotKey, UInt256> transientStorage = new HashMap<>();
    private final Set<Address> createdInTransaction = new HashSet<>();
    private final Set<Address> destroyed = new HashSet<>();
    private final List<Log> logs = new ArrayList<>();
    private long refund;

    private record SlotKey(Address address, UInt256 key) {
    }

    /** The state whose root is {@code stateRoot} in {@code store} ({@link #EMPTY_TRIE_ROOT} for none). */
    public WorldState(NodeStore store, byte[] stateRoot) {
        this.storage = new StateStorage(store, stateRoot);
    }

    /**
     * Writes an account as it is, outside any transaction (genesis allocations, test fixtures): no
     * journal, no EIP-161 deletion of empty accounts. Call {@link #commit()} afterwards for the root.
     */
    public void putAccount(Address address, long nonce, BigInteger balance, byte[] code, Map<UInt256, UInt256> slots) {
        byte[] codeHash = Keccak.keccak256(code);
        if (code.length > 0) {
            storage.putCode(codeHash, code);
        }
        byte[] storageRoot = storage.writeStorage(EMPTY_TRIE_ROOT, slots);
        storage.putAccount(address, nonce, balance, storageRoot, codeHash);
        accounts.remove(address);
        uncommitted.remove(address);
    }

    // ------------------------------------------------------------------ reads

    private CachedAccount account(Address address) {
        CachedAccount account = accounts.get(address);
        if (account == null && !accounts.containsKey(address)) {
            StateAccount stored = storage.loadAccount(address);
            if (stored != null) {
                account = new CachedAccount(address, stored.nonce(), stored.balance(), stored.codeHash(),
                        stored.storageRoot());
            }
            accounts.put(address, account);
        }
        return account;
    }

    public boolean exists(Address address) {
        return account(address) != null;
    }

    /** EIP-161 emptiness: no nonce, no balance, no code (an absent account is empty too). */
    public boolean isEmpty(Address address) {
        CachedAccount a = account(address);
        return a == null || (a.nonce == 0 && a.balance.signum() == 0 && isEmptyCodeHash(a.codeHash));
    }

    private static boolean isEmptyCodeHash(byte[] hash) {
        return java.util.Arrays.equals(hash, Keccak.EMPTY_HASH);
    }

    public BigInteger balance(Address address) {
        CachedAccount a = account(address);
        return a == null ? BigInteger.ZERO : a.balance;
    }

    public long nonce(Address address) {
        CachedAccount a = account(address);
        return a == null ? 0 : a.nonce;
    }

    public byte[] code(Address address) {
        CachedAccount a = account(address);
        if (a == null) {
            return EMPTY_CODE;
        }
        if (a.code == null) {
            a.code = isEmptyCodeHash(a.codeHash) ? EMPTY_CODE : storage.loadCode(a.codeHash);
        }
        return a.code;
    }

    /** The code hash; keccak256 of nothing for an account without code, null for an absent account. */
    public byte[] codeHash(Address address) {
        CachedAccount a = account(address);
        return a == null ? null : a.codeHash;
    }

    public boolean hasCode(Address address) {
        CachedAccount a = account(address);
        return a != null && !isEmptyCodeHash(a.codeHash);
    }

    /** True when the account has any non-zero storage slot (EIP-7610 address collision). */
    public boolean hasStorage(Address address) {
        CachedAccount a = account(address);
        if (a == null) {
            return false;
        }
        if (!a.storageReset && !java.util.Arrays.equals(a.storageRoot, EMPTY_TRIE_ROOT)) {
            return true;
        }
        for (UInt256 v : a.currentStorage.values()) {
            if (!v.isZero()) {
                return true;
            }
        }
        for (UInt256 v : a.originalStorage.values()) {
            if (!v.isZero()) {
                return true;
            }
        }
        return false;
    }

    public UInt256 storage(Address address, UInt256 key) {
        CachedAccount a = account(address);
        if (a == null) {
            return UInt256.ZERO;
        }
        UInt256 value = a.currentStorage.get(key);
        return value != null ? value : originalStorage(a, key);
    }

    /** The slot's value at the start of the running transaction (EIP-2200's "original value"). */
    public UInt256 originalStorage(Address address, UInt256 key) {
        CachedAccount a = account(address);
        return a == null ? UInt256.ZERO : originalStorage(a, key);
    }

    private UInt256 originalStorage(CachedAccount a, UInt256 key) {
        UInt256 value = a.originalStorage.get(key);
        if (value == null) {
            value = a.storageReset ? UInt256.ZERO : storage.loadSlot(a.storageRoot, key);
            a.originalStorage.put(key, value);
        }
        return value;
    }

    public boolean createdInThisTransaction(Address address) {
        return createdInTransaction.contains(address);
    }

    // ------------------------------------------------------------------ journal

    /** A point to return to with {@link #revertTo(int)}. */
    public int snapshot() {
        return journalUndo.size();
    }

    /** Undoes every change made since {@code snapshot}. */
    public void revertTo(int snapshot) {
        for (int i = journalUndo.size() - 1; i >= snapshot; i--) {
            journalUndo.remove(i).run();
            Address touched = journalAddresses.remove(i);
            if (touched != null) {
                int count = touchCounts.get(touched) - 1;
                if (count == 0) {
                    touchCounts.remove(touched);
                } else {
                    touchCounts.put(touched, count);
                }
            }
        }
    }

    private void journal(Address touched, Runnable undo) {
        journalAddresses.add(touched);
        journalUndo.add(undo);
        if (touched != null) {
            touchCounts.merge(touched, 1, Integer::sum);
        }
    }

    // ------------------------------------------------------------------ account writes

    private CachedAccount getOrCreate(Address address) {
        CachedAccount a = account(address);
        if (a == null) {
            a = new CachedAccount(address, 0, BigInteger.ZERO, Keccak.EMPTY_HASH, EMPTY_TRIE_ROOT);
            a.code = EMPTY_CODE;
            a.storageReset = true;
            CachedAccount created = a;
            accounts.put(address, created);
            journal(address, () -> accounts.put(address, null));
        }
        return a;
    }

    public void addBalance(Address address, BigInteger amount) {
        if (amount.signum() == 0 && address.equals(RIPEMD160) && isEmpty(address)) {
            permanentTouches.add(address);
        }
        CachedAccount a = getOrCreate(address);
        BigInteger before = a.balance;
        a.balance = before.add(amount);
        journal(address, () -> a.balance = before);
    }

    public void subBalance(Address address, BigInteger amount) {
        addBalance(address, amount.negate());
    }

    public void setNonce(Address address, long nonce) {
        CachedAccount a = getOrCreate(address);
        long before = a.nonce;
        a.nonce = nonce;
        journal(address, () -> a.nonce = before);
    }

    public void setCode(Address address, byte[] code) {
        CachedAccount a = getOrCreate(address);
        byte[] beforeCode = a.code;
        byte[] beforeHash = a.codeHash;
        a.code = code;
        a.codeHash = Keccak.keccak256(code);
        a.codeChanged = true;
        journal(address, () -> {
            a.code = beforeCode;
            a.codeHash = beforeHash;
        });
    }

    public void setStorage(Address address, UInt256 key, UInt256 value) {
        CachedAccount a = getOrCreate(address);
        UInt256 before = a.currentStorage.put(key, value);
        journal(address, () -> {
            if (before == null) {
                a.currentStorage.remove(key);
            } else {
                a.currentStorage.put(key, before);
            }
        });
    }

    /**
     * Makes {@code address} a fresh contract account for CREATE/CREATE2: any balance it held is
     * kept, everything else (nonce, code, storage) starts empty; it counts as created in this
     * transaction (EIP-6780).
     */
    public void createContractAccount(Address address) {
        CachedAccount previous = account(address);
        CachedAccount fresh = new CachedAccount(address, 0,
                previous == null ? BigInteger.ZERO : previous.balance, Keccak.EMPTY_HASH, EMPTY_TRIE_ROOT);
        fresh.code = EMPTY_CODE;
        fresh.storageReset = true;
        accounts.put(address, fresh);
        boolean added = createdInTransaction.add(address);
        journal(address, () -> {
            accounts.put(address, previous);
            if (added) {
                createdInTransaction.remove(address);
            }
        });
    }

    /** Schedules the account's deletion at the end of the transaction and zeroes its balance. */
    public void destroy(Address address) {
        CachedAccount a = getOrCreate(address);
        BigInteger before = a.balance;
        a.balance = BigInteger.ZERO;
        boolean added = destroyed.add(address);
        journal(address, () -> {
            a.balance = before;
            if (added) {
                destroyed.remove(address);
            }
        });
    }

    // ------------------------------------------------------------------ transaction scoped

    /** Adds the address to the access list; true when it was cold before. */
    public boolean warmAddress(Address address) {
        if (warmAddresses.add(address)) {
            journal(null, () -> warmAddresses.remove(address));
            return true;
        }
        return false;
    }

    public boolean isWarm(Address address) {
        return warmAddresses.contains(address);
    }

    /** Adds the slot to the access list; true when it was cold before. */
    public boolean warmSlot(Address address, UInt256 key) {
        SlotKey slot = new SlotKey(address, key);
        if (warmSlots.add(slot)) {
            journal(null, () -> warmSlots.remove(slot));
            return true;
        }
        return false;
    }

    public UInt256 transientStorage(Address address, UInt256 key) {
        UInt256 value = transientStorage.get(new SlotKey(address, key));
        return value == null ? UInt256.ZERO : value;
    }

    public void setTransientStorage(Address address, UInt256 key, UInt256 value) {
        SlotKey slot = new SlotKey(address, key);
        UInt256 before = transientStorage.put(slot, value);
        journal(null, () -> {
            if (before == null) {
                transientStorage.remove(slot);
            } else {
                transientStorage.put(slot, before);
            }
        });
    }

    public void addLog(Log log) {
        logs.add(log);
        journal(null, () -> logs.remove(logs.size() - 1));
    }

    /** The logs of the running transaction, in order. */
    public List<Log> logs() {
        return List.copyOf(logs);
    }

    public void addRefund(long gas) {
        long before = refund;
        refund += gas;
        journal(null, () -> refund = before);
    }

    public void subRefund(long gas) {
        addRefund(-gas);
    }

    public long refund() {
        return refund;
    }

    /**
     * Closes the running transaction: deletes destroyed accounts and touched empty ones (EIP-161),
     * makes its storage writes the new originals, and forgets journal, access lists, transient
     * storage, logs and refund.
     */
    public void finalizeTransaction() {
        for (Address address : destroyed) {
            accounts.put(address, null);
            uncommitted.add(address);
        }
        Set<Address> touched = new HashSet<>(touchCounts.keySet());
        touched.addAll(permanentTouches);
        for (Address address : touched) {
            uncommitted.add(address);
            CachedAccount a = accounts.get(address);
            if (a == null) {
                continue;
            }
            if (a.nonce == 0 && a.balance.signum() == 0 && isEmptyCodeHash(a.codeHash)) {
                accounts.put(address, null);
                continue;
            }
            for (Map.Entry<UInt256, UInt256> e : a.currentStorage.entrySet()) {
                a.originalStorage.put(e.getKey(), e.getValue());
                a.uncommittedSlots.add(e.getKey());
            }
            a.currentStorage.clear();
        }
        journalAddresses.clear();
        journalUndo.clear();
        touchCounts.clear();
        permanentTouches.clear();
        warmAddresses.clear();
        warmSlots.clear();
        transientStorage.clear();
        createdInTransaction.clear();
        destroyed.clear();
        logs.clear();
        refund = 0;
    }

    /**
     * Writes every change of the finalized transactions into the tries and returns the new state
     * root. Call after {@link #finalizeTransaction()}.
     */
    public byte[] commit() {
        for (Address address : uncommitted) {
            CachedAccount a = accounts.get(address);
            if (a == null) {
                storage.deleteAccount(address);
                continue;
            }
            Map<UInt256, UInt256> writes = new HashMap<>();
            for (UInt256 key : a.uncommittedSlots) {
                writes.put(key, a.originalStorage.get(key));
            }
            a.storageRoot = storage.writeStorage(a.storageReset ? EMPTY_TRIE_ROOT : a.storageRoot, writes);
            a.storageReset = false;
            a.uncommittedSlots.clear();
            if (a.codeChanged && a.code.length > 0) {
                storage.putCode(a.codeHash, a.code);
            }
            a.codeChanged = false;
            storage.putAccount(address, a.nonce, a.balance, a.storageRoot, a.codeHash);
        }
        uncommitted.clear();
        return storage.commit();
    }
}
