package org.quorumee.node.chain;

import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.evm.AbortCheck;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.ExecutionAbortedException;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trace.StructLogger;
import org.quorumee.core.transition.CallSimulator;
import org.quorumee.core.tx.Transaction;
import org.quorumee.jpa.state.StateRepository;

/**
 * Messages run against the state of a stored block without changing it (eth_call, eth_estimateGas):
 * each run works on its own in-memory view of that state, which is thrown away. Every run takes an
 * {@link AbortCheck} (the caller's deadline) and ends with {@link ExecutionAbortedException} when it
 * says so.
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
    public Optional<CallSimulator.Outcome> call(long number, CallSimulator.Message message, AbortCheck abort)
            throws CallSimulator.CallRejectedException {
        Optional<StoredBlock> block = chain.block(number);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader header = block.get().header();
        return Optional.of(simulator(header, abort).run(stateAt(header).get(), context(header), message));
    }

    /** The least gas {@code message} needs at block {@code number} ({@code message.gas()} is the cap). */
    public Optional<CallSimulator.Estimate> estimateGas(long number, CallSimulator.Message message, AbortCheck abort)
            throws CallSimulator.CallRejectedException {
        Optional<StoredBlock> block = chain.block(number);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader header = block.get().header();
        return Optional.of(simulator(header, abort).estimateGas(stateAt(header), context(header), message));
    }

    /** geth's eth_createAccessList for {@code message} at block {@code number}; empty when there is no such block. */
    public Optional<CallSimulator.AccessListResult> createAccessList(long number, CallSimulator.Message message,
            AbortCheck abort) throws CallSimulator.CallRejectedException {
        Optional<StoredBlock> block = chain.block(number);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader header = block.get().header();
        return Optional.of(simulator(header, abort).createAccessList(stateAt(header), context(header), message));
    }

    /**
     * geth's struct-log trace of the stored transaction {@code hash}: its block is re-executed on
     * the parent's state up to it, then it runs traced, stopped when {@code abort} says so
     * ({@link ExecutionAbortedException}) or when the trace passes {@code maxOutputBytes} of JSON
     * ({@link org.quorumee.core.trace.TraceTooLargeException}). Empty when no such transaction is stored.
     */
    public Optional<Map<String, Object>> traceTransaction(byte[] hash, StructLogger.Options options, AbortCheck abort,
            long maxOutputBytes) throws InvalidBlockException {
        Optional<StoredTransaction> stored = chain.transaction(hash);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        StoredBlock block = chain.block(stored.get().blockNumber()).orElseThrow();
        BlockHeader header = block.header();
        BlockHeader parent = chain.block(header.number() - 1).orElseThrow().header();
        WorldState state = stateAt(parent).get();
        StructLogger logger = new StructLogger(state, options, abort, maxOutputBytes);
        List<Transaction> transactions = block.transactions().stream().map(StoredTransaction::transaction).toList();
        chain.processor().replay(state, header, transactions, stored.get().index(), chain.ancestorsOf(header), logger);
        return Optional.of(logger.result());
    }

    private CallSimulator simulator(BlockHeader header, AbortCheck abort) {
        return new CallSimulator(chain.processor().rules(header.number(), header.timestamp()), chain.codeCache(), abort);
    }

    private BlockContext context(BlockHeader header) {
        return chain.processor().blockContext(header, chain.ancestorsOf(header));
    }

    private Supplier<WorldState> stateAt(BlockHeader header) {
        DatabaseNodeStore store = new DatabaseNodeStore(new StateRepository(em), chain.nodeCache());
        return () -> new WorldState(store, header.stateRoot());
    }
}
