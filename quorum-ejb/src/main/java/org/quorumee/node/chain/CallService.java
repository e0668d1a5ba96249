package org.quorumee.node.chain;

import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.chain.PrivateContext;
import org.quorumee.core.evm.AbortCheck;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.ExecutionAbortedException;
import org.quorumee.core.state.PrivateExecutionState;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trace.StructLogger;
import org.quorumee.core.transition.CallSimulator;
import org.quorumee.core.tx.Transaction;

/**
 * Messages run against the state of a stored block without changing it (eth_call, eth_estimateGas):
 * each run works on its own in-memory view of that state, which is thrown away. A message to a
 * contract that lives in this node's private state runs there, beside the public state, as a private
 * transaction would. Every run takes an {@link AbortCheck} (the caller's deadline) and ends with
 * {@link ExecutionAbortedException} when it says so.
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CallService {

    @EJB
    private ChainReader chain;

    @EJB
    private BlockImporter importer;

    /** The outcome of {@code message} at block {@code number}; empty when there is no such block. */
    public Optional<CallSimulator.Outcome> call(long number, CallSimulator.Message message, AbortCheck abort)
            throws CallSimulator.CallRejectedException {
        Optional<BlockHeader> found = chain.header(number);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader header = found.get();
        return Optional.of(simulator(header, abort).run(statesAt(header, message).get(), context(header), message));
    }

    /** The least gas {@code message} needs at block {@code number} ({@code message.gas()} is the cap). */
    public Optional<CallSimulator.Estimate> estimateGas(long number, CallSimulator.Message message, AbortCheck abort)
            throws CallSimulator.CallRejectedException {
        Optional<BlockHeader> found = chain.header(number);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader header = found.get();
        return Optional.of(simulator(header, abort).estimateGas(statesAt(header, message), context(header), message));
    }

    /** geth's eth_createAccessList for {@code message} at block {@code number}; empty when there is no such block. */
    public Optional<CallSimulator.AccessListResult> createAccessList(long number, CallSimulator.Message message,
            AbortCheck abort) throws CallSimulator.CallRejectedException {
        Optional<BlockHeader> found = chain.header(number);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BlockHeader header = found.get();
        return Optional.of(simulator(header, abort).createAccessList(statesAt(header, message), context(header), message));
    }

    /**
     * geth's struct-log trace of the stored transaction {@code hash}: its block is re-executed on
     * the parent's state up to it, then it runs traced, stopped when {@code abort} says so
     * ({@link ExecutionAbortedException}) or when the trace passes {@code maxOutputBytes} of JSON
     * ({@link org.quorumee.core.trace.TraceTooLargeException}). A private transaction is traced as
     * this node ran it: its private execution at a party, nothing at a non-party. Empty when no such
     * transaction is stored.
     */
    public Optional<Map<String, Object>> traceTransaction(byte[] hash, StructLogger.Options options, AbortCheck abort,
            long maxOutputBytes) throws InvalidBlockException {
        Optional<StoredTransaction> stored = chain.transaction(hash);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        StoredBlock block = chain.block(stored.get().blockNumber()).orElseThrow();
        BlockHeader header = block.header();
        BlockHeader parent = chain.header(header.number() - 1).orElseThrow();
        WorldState state = new WorldState(chain.nodeStore(), parent.stateRoot());
        WorldState privateState = new WorldState(importer.privateNodeStore(), importer.privateStateRoot(parent.number()));
        boolean isPrivate = stored.get().transaction().isPrivate();
        StructLogger logger = new StructLogger(isPrivate ? new PrivateExecutionState(state, privateState) : state, options,
                abort, maxOutputBytes);
        List<Transaction> transactions = block.transactions().stream().map(StoredTransaction::transaction).toList();
        chain.processor().replay(state, new PrivateContext(privateState, importer.payloads()), header, transactions,
                stored.get().index(), chain.ancestorsOf(header), logger);
        return Optional.of(logger.result());
    }

    private CallSimulator simulator(BlockHeader header, AbortCheck abort) {
        return new CallSimulator(chain.processor().rules(header.number(), header.timestamp()), chain.codeCache(), abort);
    }

    private BlockContext context(BlockHeader header) {
        return chain.processor().blockContext(header, chain.ancestorsOf(header));
    }

    /**
     * Fresh states for each run of {@code message} after block {@code header}: the public state, or,
     * when the message goes to a contract of this node's private state, that private state beside it.
     */
    private Supplier<CallSimulator.States> statesAt(BlockHeader header, CallSimulator.Message message) {
        DatabaseNodeStore store = chain.nodeStore();
        DatabaseNodeStore privateStore = importer.privateNodeStore();
        byte[] privateRoot = importer.privateStateRoot(header.number());
        boolean toPrivate = message.to().isPresent()
                && new WorldState(privateStore, privateRoot).exists(message.to().get());
        return () -> {
            WorldState state = new WorldState(store, header.stateRoot());
            return toPrivate
                    ? new CallSimulator.States(state, new PrivateExecutionState(state, new WorldState(privateStore, privateRoot)))
                    : CallSimulator.States.of(state);
        };
    }
}
