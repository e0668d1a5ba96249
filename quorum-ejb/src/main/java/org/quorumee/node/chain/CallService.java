package org.quorumee.node.chain;

import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.function.Supplier;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.CallSimulator;
import org.quorumee.jpa.state.StateRepository;

/**
 * Messages run against the state of a stored block without changing it (eth_call, eth_estimateGas):
 * each run works on its own in-memory view of that state, which is thrown away.
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CallService {

    @PersistenceContext(unitName = "quorum")
    private EntityManager em;

    @EJB
    private ChainService chain;

    /** The outcome of {@code message} at block {@code number}; empty when there is no such block. */
    public Optional<CallSimulator.Outcome> call(long number, CallSimulator.Message message)
            throws CallSimulator.CallRejectedException {
        Optional<StoredBlock> block = chain.block(number);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader header = block.get().header();
        return Optional.of(simulator(header).run(stateAt(header).get(), context(header), message));
    }

    /** The least gas {@code message} needs at block {@code number} ({@code message.gas()} is the cap). */
    public Optional<CallSimulator.Estimate> estimateGas(long number, CallSimulator.Message message)
            throws CallSimulator.CallRejectedException {
        Optional<StoredBlock> block = chain.block(number);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader header = block.get().header();
        return Optional.of(simulator(header).estimateGas(stateAt(header), context(header), message));
    }

    private CallSimulator simulator(BlockHeader header) {
        return new CallSimulator(chain.processor().rules(header.number(), header.timestamp()), chain.codeCache());
    }

    private BlockContext context(BlockHeader header) {
        return chain.processor().blockContext(header, chain.ancestorsOf(header));
    }

    private Supplier<WorldState> stateAt(BlockHeader header) {
        DatabaseNodeStore store = new DatabaseNodeStore(new StateRepository(em), chain.nodeCache());
        return () -> new WorldState(store, header.stateRoot());
    }
}
