package org.quorumee.core.state;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

/** One account as the world state holds it between commits: fields, code and storage caches. */
final class CachedAccount {
    final Address address;
    long nonce;
    BigInteger balance;
    byte[] codeHash;
    /** Null until read (it is stored by hash). */
    byte[] code;
    /** The root of the storage trie as last committed; slots not in the maps below are read from it. */
    byte[] storageRoot;
    /** Storage as at the start of the current transaction (reads of the trie and writes of earlier transactions). */
    final Map<UInt256, UInt256> originalStorage;
    /** Slots written by earlier transactions since the last commit (their values are in originalStorage). */
    final Set<UInt256> uncommittedSlots;
    /** Slots written by the current transaction. */
    final Map<UInt256, UInt256> currentStorage = new HashMap<>();
    /** The storage trie must be rebuilt from empty at commit (the account was re-created or destroyed). */
    boolean storageReset;
    /** The code was set since the last commit (and must be stored). */
    boolean codeChanged;

    CachedAccount(Address address, long nonce, BigInteger balance, byte[] codeHash, byte[] storageRoot) {
        this.address = address;
        this.nonce = nonce;
        this.balance = balance;
        this.codeHash = codeHash;
        this.storageRoot = storageRoot;
        this.originalStorage = new HashMap<>();
        this.uncommittedSlots = new HashSet<>();
    }
}
