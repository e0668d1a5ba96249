package org.quorumee.core.state;

import java.math.BigInteger;
import java.util.Map;
import org.quorumee.core.evm.UInt256;
import org.quorumee.core.types.Address;

/**
 * Where a {@link WorldState} reads committed accounts and writes them back: the account trie, the
 * storage tries and the code, all positioned at one state root that moves with each commit.
 */
public interface StateStorage {

    /** The committed account, or null when there is none. */
    CachedAccount loadAccount(Address address);

    /** A committed storage slot of the trie with root {@code storageRoot}; zero when absent. */
    UInt256 loadSlot(Address address, byte[] storageRoot, UInt256 key);

    byte[] loadCode(byte[] codeHash);

    void putCode(byte[] codeHash, byte[] code);

    /** Applies slot writes (zero deletes) to the storage trie at {@code storageRoot}; returns its new root. */
    byte[] writeStorage(Address address, byte[] storageRoot, Map<UInt256, UInt256> writes);

    void putAccount(Address address, long nonce, BigInteger balance, byte[] storageRoot, byte[] codeHash);

    void deleteAccount(Address address);

    /** The state root after the writes so far. */
    byte[] root();
}
