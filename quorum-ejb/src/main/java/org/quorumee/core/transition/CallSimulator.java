package org.quorumee.core.transition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.quorumee.core.evm.AbortCheck;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.CallResult;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.Evm;
import org.quorumee.core.evm.EvmTracer;
import org.quorumee.core.evm.ExecutionAbortedException;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.evm.TxContext;
import org.quorumee.core.state.ExecutionState;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trace.AccessListTracer;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.core.types.UInt256;

/**
 * Runs a message that is not a signed transaction (eth_call, eth_estimateGas): from any address,
 * with no nonce check and no signature, charging gas only when a price is given, on a state the
 * caller throws away afterwards. An {@link AbortCheck} can stop every run early (a deadline): the
 * run then throws {@link ExecutionAbortedException}.
 */
public final class CallSimulator {
    private final ForkRules rules;
    private final CodeCache codeCache;
    private final AbortCheck abort;

    /** A call's fields, as eth_call takes them (gas already defaulted by the caller). */
    public record Message(Address from, Optional<Address> to, long gas, BigInteger gasPrice, BigInteger value,
                          byte[] data, List<AccessListEntry> accessList) {
    }

    /** What the call did: status, gas used (after refunds), output, the error of a failed call, logs. */
    public record Outcome(CallResult.Status status, long gasUsed, byte[] output, String error, List<Log> logs,
                          Address createdAddress) {
        public boolean isSuccess() {
            return status == CallResult.Status.SUCCESS;
        }
    }

    /** A message that cannot start at all (too little gas for its intrinsic cost, funds short of the gas). */
    public static final class CallRejectedException extends Exception {
        public CallRejectedException(String message) {
            super(message);
        }
    }

    /** A simulator whose runs stop only when their gas runs out. */
    public CallSimulator(ForkRules rules, CodeCache codeCache) {
        this(rules, codeCache, AbortCheck.NEVER);
    }

    /** A simulator whose runs also stop when {@code abort} says so. */
    public CallSimulator(ForkRules rules, CodeCache codeCache, AbortCheck abort) {
        this.rules = rules;
        this.codeCache = codeCache;
        this.abort = abort;
    }

    /**
     * Where a simulated message runs: {@code accounts} pays its gas and takes the sender's nonce bump,
     * {@code execution} is what its code runs against — the same public state for a public message;
     * for a Quorum private one, the public state and the private state beside it
     * ({@link org.quorumee.core.state.PrivateExecutionState}), which must not change public accounts.
     */
    public record States(WorldState accounts, ExecutionState execution) {
        /** A public message: one state for both. */
        public static States of(WorldState state) {
            return new States(state, state);
        }
    }

    /** Runs {@code message} on {@code state}; the changes stay in {@code state}. */
    public Outcome run(WorldState state, BlockContext block, Message message) throws CallRejectedException {
        return run(States.of(state), block, message, null);
    }

    /** Runs {@code message} on {@code states}; the changes stay there. */
    public Outcome run(States states, BlockContext block, Message message) throws CallRejectedException {
        return run(states, block, message, null);
    }

    /** {@link #run(States, BlockContext, Message)} reporting the execution to {@code tracer}. */
    public Outcome run(States states, BlockContext block, Message message, EvmTracer tracer)
            throws CallRejectedException {
        WorldState accounts = states.accounts();
        ExecutionState state = states.execution();
        Address from = message.from();
        boolean create = message.to().isEmpty();
        long intrinsic = Transaction.intrinsicGas(message.data(), create, message.accessList(), rules.fork);
        if (message.gas() < intrinsic) {
            throw new CallRejectedException("intrinsic gas too low: have " + message.gas() + ", want " + intrinsic);
        }
        BigInteger gasCost = message.gasPrice().multiply(BigInteger.valueOf(message.gas()));
        if (gasCost.signum() > 0) {
            if (accounts.balance(from).compareTo(gasCost.add(message.value())) < 0) {
                throw new CallRejectedException("insufficient funds for gas * price + value");
            }
            accounts.subBalance(from, gasCost);
        }
        long nonce = accounts.nonce(from);
        Address target = create ? Evm.createAddress(from, nonce) : message.to().get();
        if (create) {
            accounts.setNonce(from, nonce + 1);
        }
        state.warmAddress(from);
        state.warmAddress(target);
        for (Address precompile : rules.precompileAddresses()) {
            state.warmAddress(precompile);
        }
        if (rules.warmCoinbase) {
            state.warmAddress(block.coinbase());
        }
        for (AccessListEntry entry : message.accessList()) {
            state.warmAddress(entry.address());
            for (byte[] key : entry.storageKeys()) {
                state.warmSlot(entry.address(), UInt256.fromBytes(key));
            }
        }
        Evm evm = new Evm(rules, state, block, new TxContext(from, message.gasPrice(), List.of()), codeCache,
                tracer, abort);
        long gas = message.gas() - intrinsic;
        CallResult result = create
                ? evm.createContract(from, target, message.value(), message.data(), gas, 0)
                : evm.call(Evm.CallKind.CALL, from, target, target, message.value(), message.data(), gas, false, 0);
        long gasUsed = message.gas() - result.gasLeft();
        gasUsed -= Math.min(state.refund(), gasUsed / rules.maxRefundQuotient);
        List<Log> logs = state.logs();
        if (tracer != null) {
            tracer.onTransactionEnd(result.isSuccess(), gasUsed, result.output(), result.error());
        }
        return new Outcome(result.status(), gasUsed, result.output(), result.error(), logs,
                create && result.isSuccess() ? target : null);
    }

    /** The access list a message would want (geth's eth_createAccessList) and its outcome with it. */
    public record AccessListResult(List<AccessListEntry> accessList, Outcome outcome) {
    }

    /**
     * Runs {@code message} with an access-list tracer, each time with the list the previous run
     * found, until the list no longer changes (warming slots can change which paths run), each run
     * on a fresh state. The sender, the recipient (or created address) and precompiles are left out.
     */
    public AccessListResult createAccessList(Supplier<States> freshState, BlockContext block, Message message)
            throws CallRejectedException {
        List<AccessListEntry> list = message.accessList();
        for (int round = 0; ; round++) {
            States state = freshState.get();
            Address target = message.to().orElseGet(() -> Evm.createAddress(message.from(), state.accounts().nonce(message.from())));
            List<Address> excluded = new ArrayList<>(rules.precompileAddresses());
            excluded.add(message.from());
            excluded.add(target);
            AccessListTracer tracer = new AccessListTracer(list, excluded);
            Message withList = new Message(message.from(), message.to(), message.gas(), message.gasPrice(),
                    message.value(), message.data(), list);
            Outcome outcome = run(state, block, withList, tracer);
            if (tracer.sameAs(list) || round >= MAX_ACCESS_LIST_ROUNDS) {
                return new AccessListResult(tracer.accessList(), outcome);
            }
            list = tracer.accessList();
        }
    }

    /** A bound on the rounds (each run only adds entries, so the list settles well before). */
    private static final int MAX_ACCESS_LIST_ROUNDS = 16;

    /** The least gas a message needs, or the outcome of its failure with all the gas it may have. */
    public record Estimate(long gas, Outcome failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    /**
     * The least gas with which {@code message} succeeds, found by bisection between its intrinsic gas
     * and {@code message.gas()} (the cap), each try on a fresh state.
     */
    public Estimate estimateGas(Supplier<States> freshState, BlockContext block, Message message)
            throws CallRejectedException {
        Outcome atCap = run(freshState.get(), block, message);
        if (!atCap.isSuccess()) {
            return new Estimate(-1, atCap);
        }
        long intrinsic = Transaction.intrinsicGas(message.data(), message.to().isEmpty(), message.accessList(), rules.fork);
        long low = Math.max(intrinsic, atCap.gasUsed()) - 1;
        long high = message.gas();
        // Most calls succeed with what they used plus the 1/64 that calls keep back: try that first.
        long guess = Math.min(high, (atCap.gasUsed() + 2300) * 64 / 63);
        if (guess < high && succeeds(freshState, block, message, guess)) {
            high = guess;
        }
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (succeeds(freshState, block, message, mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return new Estimate(high, null);
    }

    private boolean succeeds(Supplier<States> freshState, BlockContext block, Message message, long gas) {
        Message withGas = new Message(message.from(), message.to(), gas, message.gasPrice(), message.value(),
                message.data(), message.accessList());
        try {
            return run(freshState.get(), block, withGas).isSuccess();
        } catch (CallRejectedException e) {
            return false;
        }
    }
}
