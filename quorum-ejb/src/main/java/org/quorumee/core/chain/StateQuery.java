package org.quorumee.core.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.trie.MissingNodeException;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.trie.SecureTrie;
import org.quorumee.core.types.Address;

/**
 * Read-only questions about the world state at one state root: accounts, storage, code, and Merkle
 * proofs (eth_getBalance, eth_getStorageAt, eth_getCode, eth_getProof). Reads never change the
 * store, so any number of queries can run beside block import.
 */
public final class StateQuery {
    private final NodeStore store;
    private final SecureTrie accounts;

    /** One storage slot with its value and the proof from the account's storage root. */
    public record StorageProof(byte[] key, BigInteger value, List<byte[]> proof) {
    }

    /** An account (empty when absent), the proof from the state root, and the asked slots' proofs. */
    public record AccountProof(Address address, StateAccount account, List<byte[]> accountProof,
                               List<StorageProof> storageProofs) {
    }

    public StateQuery(NodeStore store, byte[] stateRoot) {
        this.store = store;
        this.accounts = new SecureTrie(store, stateRoot);
    }

    public Optional<StateAccount> account(Address address) {
        return accounts.get(address.toArray()).map(StateAccount::decode);
    }

    /** The value of a 32-byte storage slot (zero when unset). */
    public BigInteger storage(Address address, byte[] slot) {
        return account(address).map(a -> storage(a, slot)).orElse(BigInteger.ZERO);
    }

    public byte[] code(Address address) {
        Optional<StateAccount> account = account(address);
        if (account.isEmpty() || !account.get().hasCode()) {
            return new byte[0];
        }
        byte[] hash = account.get().codeHash();
        return store.get(hash).orElseThrow(() -> new MissingNodeException(hash));
    }

    public AccountProof proof(Address address, List<byte[]> slots) {
        StateAccount account = account(address).orElse(StateAccount.EMPTY);
        SecureTrie storage = new SecureTrie(store, account.storageRoot());
        List<StorageProof> storageProofs = new ArrayList<>();
        for (byte[] slot : slots) {
            storageProofs.add(new StorageProof(slot, storage(account, slot), storage.proof(slot)));
        }
        return new AccountProof(address, account, accounts.proof(address.toArray()), storageProofs);
    }

    private BigInteger storage(StateAccount account, byte[] slot) {
        if (slot.length != 32) {
            throw new IllegalArgumentException("a storage slot is 32 bytes, not " + slot.length);
        }
        Optional<byte[]> encoded = new SecureTrie(store, account.storageRoot()).get(slot);
        if (encoded.isEmpty()) {
            return BigInteger.ZERO;
        }
        RlpItem value = Rlp.decode(encoded.get());
        return value.asBigInteger(32);
    }
}
