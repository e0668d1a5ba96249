package org.quorumee.node.chain;

import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.chain.StateQuery;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.types.Address;

/**
 * The world state of any stored block, for the RPC's reads. A read opens the state at the block's
 * root: stored nodes never change, so reads need no lock against block import.
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StateService {

    @EJB
    private ChainReader chain;

    /** The state after block {@code number}, or empty when there is no such block. */
    private Optional<StateQuery> at(long number) {
        return chain.header(number).map(header -> new StateQuery(chain.nodeStore(), header.stateRoot()));
    }

    public Optional<StateAccount> account(long block, Address address) {
        return at(block).map(state -> state.account(address).orElse(StateAccount.EMPTY));
    }

    public Optional<BigInteger> storage(long block, Address address, byte[] slot) {
        return at(block).map(state -> state.storage(address, slot));
    }

    public Optional<byte[]> code(long block, Address address) {
        return at(block).map(state -> state.code(address));
    }

    public Optional<StateQuery.AccountProof> proof(long block, Address address, List<byte[]> slots) {
        return at(block).map(state -> state.proof(address, slots));
    }
}
