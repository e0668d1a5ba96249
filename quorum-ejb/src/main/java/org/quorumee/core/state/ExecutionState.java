package org.quorumee.core.state;

import java.math.BigInteger;
import java.util.List;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.core.types.UInt256;

/**
 * The state one transaction executes against: what the EVM and the state transition read and write.
 * {@link WorldState} is the state itself; {@link PrivateExecutionState} puts a private state beside
 * the public one for Quorum's private transactions.
 */
public interface ExecutionState {

    boolean exists(Address address);

    /** EIP-161 emptiness: no nonce, no balance, no code (an absent account is empty too). */
    boolean isEmpty(Address address);

    BigInteger balance(Address address);

    long nonce(Address address);

    byte[] code(Address address);

    /** The code hash; keccak256 of nothing for an account without code, null for an absent account. */
    byte[] codeHash(Address address);

    boolean hasCode(Address address);

    /** True when the account has any non-zero storage slot (EIP-7610 address collision). */
    boolean hasStorage(Address address);

    UInt256 storage(Address address, UInt256 key);

    /** The slot's value at the start of the running transaction (EIP-2200's "original value"). */
    UInt256 originalStorage(Address address, UInt256 key);

    boolean createdInThisTransaction(Address address);

    /** A point to return to with {@link #revertTo(int)}. */
    int snapshot();

    /** Undoes every change made since {@code snapshot}. */
    void revertTo(int snapshot);

    void addBalance(Address address, BigInteger amount);

    void subBalance(Address address, BigInteger amount);

    void setNonce(Address address, long nonce);

    void setCode(Address address, byte[] code);

    void setStorage(Address address, UInt256 key, UInt256 value);

    /**
     * Makes {@code address} a fresh contract account for CREATE/CREATE2: any balance it held is
     * kept, everything else starts empty; it counts as created in this transaction (EIP-6780).
     */
    void createContractAccount(Address address);

    /** Schedules the account's deletion at the end of the transaction and zeroes its balance. */
    void destroy(Address address);

    /** Adds the address to the access list; true when it was cold before. */
    boolean warmAddress(Address address);

    boolean isWarm(Address address);

    /** Adds the slot to the access list; true when it was cold before. */
    boolean warmSlot(Address address, UInt256 key);

    UInt256 transientStorage(Address address, UInt256 key);

    void setTransientStorage(Address address, UInt256 key, UInt256 value);

    void addLog(Log log);

    /** The logs of the running transaction, in order. */
    List<Log> logs();

    void addRefund(long gas);

    void subRefund(long gas);

    long refund();

    /**
     * Closes the running transaction: deletes destroyed accounts and touched empty ones (EIP-161),
     * makes its storage writes the new originals, and forgets journal, access lists, transient
     * storage, logs and refund.
     */
    void finalizeTransaction();
}
