package org.quorumee.core.state;

import java.math.BigInteger;
import java.util.Arrays;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.trie.MerklePatriciaTrie;

/**
 * An account as the state trie stores it: {@code rlp([nonce, balance, storageRoot, codeHash])}
 * under keccak256(address) (Yellow Paper, section 4.1).
 *
 * <p>The nonce is an unsigned 64-bit value held in a {@code long}: 2^64 - 1 (EIP-2681's limit) is
 * {@code -1L}; compare nonces with {@link Long#compareUnsigned}.
 */
public record StateAccount(long nonce, BigInteger balance, byte[] storageRoot, byte[] codeHash) {
    /** The storage root of an account without storage: the empty trie's root. */
    public static final byte[] EMPTY_STORAGE_ROOT = MerklePatriciaTrie.EMPTY_ROOT.clone();
    /** The code hash of an account without code: keccak256 of nothing. */
    public static final byte[] EMPTY_CODE_HASH = Keccak.EMPTY_HASH.clone();
    /** A fresh account: nonce 0, balance 0, no storage, no code. */
    public static final StateAccount EMPTY = new StateAccount(0, BigInteger.ZERO, EMPTY_STORAGE_ROOT, EMPTY_CODE_HASH);

    public StateAccount {
        if (balance.signum() < 0 || balance.bitLength() > 256) {
            throw new IllegalArgumentException("balance is not a 256-bit unsigned value: " + balance);
        }
        if (storageRoot.length != 32 || codeHash.length != 32) {
            throw new IllegalArgumentException("storage root and code hash are 32 bytes");
        }
        storageRoot = storageRoot.clone();
        codeHash = codeHash.clone();
    }

    /** An account with a balance and nothing else (genesis allocations, plain transfers). */
    public static StateAccount ofBalance(BigInteger balance) {
        return new StateAccount(0, balance, EMPTY_STORAGE_ROOT, EMPTY_CODE_HASH);
    }

    @Override
    public byte[] storageRoot() {
        return storageRoot.clone();
    }

    @Override
    public byte[] codeHash() {
        return codeHash.clone();
    }

    public StateAccount withNonce(long newNonce) {
        return new StateAccount(newNonce, balance, storageRoot, codeHash);
    }

    public StateAccount withBalance(BigInteger newBalance) {
        return new StateAccount(nonce, newBalance, storageRoot, codeHash);
    }

    public StateAccount withStorageRoot(byte[] newStorageRoot) {
        return new StateAccount(nonce, balance, newStorageRoot, codeHash);
    }

    public StateAccount withCodeHash(byte[] newCodeHash) {
        return new StateAccount(nonce, balance, storageRoot, newCodeHash);
    }

    /** True when the account has code (its code hash is not that of empty code). */
    public boolean hasCode() {
        return !Arrays.equals(codeHash, EMPTY_CODE_HASH);
    }

    /** EIP-161 emptiness: no nonce, no balance, no code. */
    public boolean isEmpty() {
        return nonce == 0 && balance.signum() == 0 && !hasCode();
    }

    public byte[] encode() {
        return Rlp.encodeList(
                Rlp.encodeLong(nonce),
                Rlp.encodeBigInteger(balance),
                Rlp.encodeBytes(storageRoot),
                Rlp.encodeBytes(codeHash));
    }

    /**
     * Reads an account from the state trie's value.
     *
     * @throws RlpException when the bytes are not a canonical 4-item account
     */
    public static StateAccount decode(byte[] encoded) {
        RlpItem item = Rlp.decode(encoded);
        if (!item.isList() || item.items().size() != 4) {
            throw new RlpException("an account is an RLP list of 4 items");
        }
        return new StateAccount(
                item.item(0).asBigInteger(8).longValue(),   // unsigned 64-bit
                item.item(1).asBigInteger(32),
                item.item(2).bytes(32),
                item.item(3).bytes(32));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateAccount other
                && nonce == other.nonce
                && balance.equals(other.balance)
                && Arrays.equals(storageRoot, other.storageRoot)
                && Arrays.equals(codeHash, other.codeHash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nonce) * 31 + balance.hashCode() * 17 + Arrays.hashCode(storageRoot) + Arrays.hashCode(codeHash);
    }

    @Override
    public String toString() {
        return "StateAccount[nonce=" + Long.toUnsignedString(nonce) + ", balance=" + balance + ", storageRoot=" + Hex.encode(storageRoot)
                + ", codeHash=" + Hex.encode(codeHash) + "]";
    }
}
