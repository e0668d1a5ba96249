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
 * root: stored nodes never change, so reads need no lock against block import. As GoQuorum answers
 * them, account reads look in this node's private state first: a contract this node is a party to
 * is read there, every other account in the public state.
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StateService {

    @EJB
    private ChainReader chain;

    @EJB
    private BlockImporter importer;

    /** The public state after block {@code number}, or empty when there is no such block. */
    private Optional<StateQuery> publicAt(long number) {
        return chain.header(number).map(header -> new StateQuery(chain.nodeStore(), header.stateRoot()));
    }

    /** The state {@code address} lives in after block {@code number}: this node's private state, else the public. */
    private Optional<StateQuery> at(long number, Address address) {
        return publicAt(number).map(publicState -> {
            StateQuery privateState = new StateQuery(importer.privateNodeStore(), importer.privateStateRoot(number));
            return privateState.account(address).isPresent() ? privateState : publicState;
        });
    }

    public Optional<StateAccount> account(long block, Address address) {
        return at(block, address).map(state -> state.account(address).orElse(StateAccount.EMPTY));
    }

    public Optional<BigInteger> storage(long block, Address address, byte[] slot) {
        return at(block, address).map(state -> state.storage(address, slot));
    }

    public Optional<byte[]> code(long block, Address address) {
        return at(block, address).map(state -> state.code(address));
    }

    /**
     * GoQuorum's {@code eth_storageRoot}: the storage root of {@code address} after block {@code number},
     * in the state it lives in (this node's private state, else the public); empty when there is no
     * such block or no such account in either.
     */
    public Optional<byte[]> storageRoot(long block, Address address) {
        return at(block, address).flatMap(state -> state.account(address)).map(StateAccount::storageRoot);
    }

    /** A Merkle proof in the public state (private state has no shared root to prove against). */
    public Optional<StateQuery.AccountProof> proof(long block, Address address, List<byte[]> slots) {
        return publicAt(block).map(state -> state.proof(address, slots));
    }
}
