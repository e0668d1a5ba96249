package org.quorumee.core.state;

import java.math.BigInteger;
import java.util.List;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.core.types.UInt256;

/**
 * What a private transaction executes against at a party: the node's private state beside the
 * public one (GoQuorum's "dual state"). An account that exists in the private state is read and
 * written there; one that exists only in the public state is read there and never written (a
 * private contract may read public contracts, never change them: such a write halts the frame with
 * {@link ReadOnlyStateException}); an account that exists nowhere yet is created in the private
 * state. Moving zero value to or from a public account is no change at all, as in GoQuorum.
 *
 * <p>Everything scoped to the transaction — journal, access lists, transient storage, logs, refund —
 * lives in the private state: the public state is never written here. The transaction's own
 * bookkeeping on the public state (gas, the sender's nonce) is the state transition's, done before
 * and after the execution, directly on the public state.
 */
public final class PrivateExecutionState implements ExecutionState {
    private final WorldState publicState;
    private final WorldState privateState;

    public PrivateExecutionState(WorldState publicState, WorldState privateState) {
        this.publicState = publicState;
        this.privateState = privateState;
    }

    /** The state an account is read from: the private one unless the account lives only in public. */
    private WorldState reading(Address address) {
        return !privateState.exists(address) && publicState.exists(address) ? publicState : privateState;
    }

    /** The state an account is written to: the private one; a public-only account cannot be written. */
    private WorldState writing(Address address) {
        if (!privateState.exists(address) && publicState.exists(address)) {
            throw new ReadOnlyStateException(address);
        }
        return privateState;
    }

    @Override
    public boolean exists(Address address) {
        return privateState.exists(address) || publicState.exists(address);
    }

    @Override
    public boolean isEmpty(Address address) {
        return reading(address).isEmpty(address);
    }

    @Override
    public BigInteger balance(Address address) {
        return reading(address).balance(address);
    }

    @Override
    public long nonce(Address address) {
        return reading(address).nonce(address);
    }

    @Override
    public byte[] code(Address address) {
        return reading(address).code(address);
    }

    @Override
    public byte[] codeHash(Address address) {
        return reading(address).codeHash(address);
    }

    @Override
    public boolean hasCode(Address address) {
        return reading(address).hasCode(address);
    }

    @Override
    public boolean hasStorage(Address address) {
        return reading(address).hasStorage(address);
    }

    @Override
    public UInt256 storage(Address address, UInt256 key) {
        return reading(address).storage(address, key);
    }

    @Override
    public UInt256 originalStorage(Address address, UInt256 key) {
        return reading(address).originalStorage(address, key);
    }

    @Override
    public boolean createdInThisTransaction(Address address) {
        return privateState.createdInThisTransaction(address);
    }

    @Override
    public int snapshot() {
        return privateState.snapshot();
    }

    @Override
    public void revertTo(int snapshot) {
        privateState.revertTo(snapshot);
    }

    @Override
    public void addBalance(Address address, BigInteger amount) {
        if (amount.signum() == 0 && !privateState.exists(address)) {
            return;
        }
        writing(address).addBalance(address, amount);
    }

    @Override
    public void subBalance(Address address, BigInteger amount) {
        addBalance(address, amount.negate());
    }

    @Override
    public void setNonce(Address address, long nonce) {
        writing(address).setNonce(address, nonce);
    }

    @Override
    public void setCode(Address address, byte[] code) {
        writing(address).setCode(address, code);
    }

    @Override
    public void setStorage(Address address, UInt256 key, UInt256 value) {
        writing(address).setStorage(address, key, value);
    }

    @Override
    public void createContractAccount(Address address) {
        writing(address).createContractAccount(address);
    }

    @Override
    public void destroy(Address address) {
        writing(address).destroy(address);
    }

    @Override
    public boolean warmAddress(Address address) {
        return privateState.warmAddress(address);
    }

    @Override
    public boolean isWarm(Address address) {
        return privateState.isWarm(address);
    }

    @Override
    public boolean warmSlot(Address address, UInt256 key) {
        return privateState.warmSlot(address, key);
    }

    @Override
    public UInt256 transientStorage(Address address, UInt256 key) {
        return privateState.transientStorage(address, key);
    }

    @Override
    public void setTransientStorage(Address address, UInt256 key, UInt256 value) {
        privateState.setTransientStorage(address, key, value);
    }

    /** A log is a write of its emitter: a public contract called from private code may not emit one. */
    @Override
    public void addLog(Log log) {
        writing(log.address());
        privateState.addLog(log);
    }

    @Override
    public List<Log> logs() {
        return privateState.logs();
    }

    @Override
    public void addRefund(long gas) {
        privateState.addRefund(gas);
    }

    @Override
    public void subRefund(long gas) {
        privateState.subRefund(gas);
    }

    @Override
    public long refund() {
        return privateState.refund();
    }

    @Override
    public void finalizeTransaction() {
        privateState.finalizeTransaction();
    }
}
