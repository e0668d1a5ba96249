package org.quorumee.core.state;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.trie.MissingNodeException;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.trie.SecureTrie;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

/**
 * The committed side of a {@link WorldState}: the account trie at the current root, the storage
 * tries, and the code, all in one {@link NodeStore} (code is content-addressed like the nodes).
 */
final class StateStorage {
    private final NodeStore store;
    private final SecureTrie accounts;
    /** Storage tries opened for reading, by root (so their decoded nodes are kept). */
    private final Map<UInt256, SecureTrie> storageTries = new HashMap<>();

    StateStorage(NodeStore store, byte[] stateRoot) {
        this.store = store;
        this.accounts = new SecureTrie(store, stateRoot);
    }

    StateAccount loadAccount(Address address) {
        Optional<byte[]> encoded = accounts.get(address.toArray());
        return encoded.map(StateAccount::decode).orElse(null);
    }

    UInt256 loadSlot(byte[] storageRoot, UInt256 key) {
        SecureTrie trie = storageTries.computeIfAbsent(UInt256.fromBytes(storageRoot), r -> new SecureTrie(store, storageRoot));
        Optional<byte[]> encoded = trie.get(key.toBytes());
        if (encoded.isEmpty()) {
            return UInt256.ZERO;
        }
        RlpItem item = Rlp.decode(encoded.get());
        if (item.isList()) {
            throw new RlpException("a storage value is an RLP string");
        }
        return UInt256.fromBytes(item.bytes());
    }

    byte[] loadCode(byte[] codeHash) {
        return store.get(codeHash).orElseThrow(() -> new MissingNodeException(codeHash));
    }

    void putCode(byte[] codeHash, byte[] code) {
        store.write(List.of(new NodeStore.Entry(codeHash, code)));
    }

    /** Applies slot writes (zero deletes) to the storage trie at {@code storageRoot}; returns its new root. */
    byte[] writeStorage(byte[] storageRoot, Map<UInt256, UInt256> writes) {
        if (writes.isEmpty()) {
            return storageRoot;
        }
        SecureTrie trie = new SecureTrie(store, storageRoot);
        for (Map.Entry<UInt256, UInt256> write : writes.entrySet()) {
            if (write.getValue().isZero()) {
                trie.delete(write.getKey().toBytes());
            } else {
                trie.put(write.getKey().toBytes(), Rlp.encodeBytes(write.getValue().toMinimalBytes()));
            }
        }
        return trie.commit();
    }

    void putAccount(Address address, long nonce, BigInteger balance, byte[] storageRoot, byte[] codeHash) {
        accounts.put(address.toArray(), new StateAccount(nonce, balance, storageRoot, codeHash).encode());
    }

    void deleteAccount(Address address) {
        accounts.delete(address.toArray());
    }

    /** Writes the account trie's new nodes and returns the state root. */
    byte[] commit() {
        return accounts.commit();
    }
}
