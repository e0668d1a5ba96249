package org.quorumee.core.evm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorumee.core.evm.precompile.Precompiles;
import org.quorumee.core.evm.precompile.PrecompiledContract;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

/**
 * Everything the EVM and the state transition need to know about one fork: which opcodes exist,
 * their gas, the limits and the precompiles. The interpreter reads these fields and never asks
 * which fork it runs. Immutable; {@link #withMaxCodeSize} derives Quorum's configurable limit.
 */
public final class ForkRules {
    public final Fork fork;

    // --- opcodes ---
    final boolean[] defined = new boolean[256];
    /** Constant part of each opcode's gas; dynamic parts are computed by the interpreter. */
    final int[] staticGas = new int[256];

    // --- EIP-2929 access costs ---
    public final long warmAccess = 100;
    public final long coldAccountAccess = 2600;
    public final long coldSload = 2100;

    // --- SSTORE, EIP-2200 with EIP-3529 refunds ---
    public final long sstoreSet = 20000;
    public final long sstoreReset = 2900;
    public final long sstoreClearsRefund = 4800;
    public final long sstoreSentry = 2300;

    // --- calls and creation ---
    public final long callValueTransfer = 9000;
    public final long callStipend = 2300;
    public final long newAccount = 25000;
    public final long createGas = 32000;
    public final long codeDepositPerByte = 200;
    public final long keccakWordGas = 6;
    public final long copyWordGas = 3;
    public final long logGas = 375;
    public final long logTopicGas = 375;
    public final long logDataGas = 8;
    public final long expByteGas = 50;
    public final long selfDestructGas = 5000;
    public final int maxCallDepth = 1024;
    public final int maxCodeSize;
    /** EIP-3860: longest initcode; -1 when unlimited. */
    public final int maxInitcodeSize;
    /** EIP-3860: gas per 32-byte word of initcode (0 before Shanghai). */
    public final long initcodeWordGas;
    /** EIP-6780: SELFDESTRUCT deletes an account only in the transaction that created it. */
    public final boolean selfDestructOnlyWhenCreatedInTx;
    /** After the merge, opcode 0x44 returns PREVRANDAO rather than the difficulty (both come from the block). */
    public final boolean prevRandao;

    // --- transaction level ---
    public final long txGas = 21000;
    public final long txCreateGas = 32000;
    public final long txDataZeroGas = 4;
    public final long txDataNonZeroGas = 16;
    public final long txAccessListAddressGas = 2400;
    public final long txAccessListStorageKeyGas = 1900;
    /** EIP-3529: refunds are capped at gasUsed / this. */
    public final long maxRefundQuotient = 5;
    /** EIP-3651: the coinbase starts warm. */
    public final boolean warmCoinbase;
    /** EIP-4844 (type-3 transactions); the limits below are meaningful only when true. */
    public final boolean blobTransactions;
    public final long blobGasPerBlob = 131072;
    public final int maxBlobsPerBlock = 6;
    public final long blobBaseFeeUpdateFraction = 3338477;

    private final List<Address> precompileAddresses;
    private final Set<Address> precompileSet;
    private final Map<Address, PrecompiledContract> precompiles;

    private ForkRules(Fork fork, int maxCodeSize, Map<Address, PrecompiledContract> precompiles) {
        this.fork = fork;
        this.maxCodeSize = maxCodeSize;
        boolean shanghai = fork.isAtLeast(Fork.SHANGHAI);
        boolean cancun = fork.isAtLeast(Fork.CANCUN);
        this.maxInitcodeSize = shanghai ? 2 * maxCodeSize : -1;
        this.initcodeWordGas = shanghai ? 2 : 0;
        this.warmCoinbase = shanghai;
        this.prevRandao = shanghai; // the merge (Paris) sits between London and Shanghai
        this.selfDestructOnlyWhenCreatedInTx = cancun;
        this.blobTransactions = cancun;
        defineOpcodes(shanghai, cancun);
        List<Address> addresses = new ArrayList<>();
        for (int i = 1; i <= (cancun ? 0x0a : 0x09); i++) {
            addresses.add(Address.ofLong(i));
        }
        this.precompileAddresses = Collections.unmodifiableList(addresses);
        this.precompileSet = Set.copyOf(addresses);
        this.precompiles = Map.copyOf(precompiles);
    }

    /** The rules of {@code fork} with mainnet's code size limit and the project's precompiles. */
    public static ForkRules of(Fork fork) {
        return of(fork, Precompiles.forFork(fork));
    }

    /** The rules of {@code fork} with mainnet's code size limit (24576 bytes) and the given precompiles. */
    public static ForkRules of(Fork fork, Map<Address, PrecompiledContract> precompiles) {
        return new ForkRules(fork, 24576, precompiles);
    }

    /** The same rules with another contract size limit (Quorum's {@code maxCodeSize}, in bytes). */
    public ForkRules withMaxCodeSize(int bytes) {
        return new ForkRules(fork, bytes, precompiles);
    }

    private void defineOpcodes(boolean shanghai, boolean cancun) {
        op(0x00, 0);
        op(0x01, 3);
        op(0x02, 5);
        op(0x03, 3);
        for (int o = 0x04; o <= 0x07; o++) {
            op(o, 5);
        }
        op(0x08, 8);
        op(0x09, 8);
        op(0x0a, 10);
        op(0x0b, 5);
        for (int o = 0x10; o <= 0x1d; o++) {
            op(o, 3);
        }
        op(0x20, 30);
        op(0x30, 2);
        op(0x31, 0);
        op(0x32, 2);
        op(0x33, 2);
        op(0x34, 2);
        op(0x35, 3);
        op(0x36, 2);
        op(0x37, 3);
        op(0x38, 2);
        op(0x39, 3);
        op(0x3a, 2);
        op(0x3b, 0);
        op(0x3c, 0);
        op(0x3d, 2);
        op(0x3e, 3);
        op(0x3f, 0);
        op(0x40, 20);
        for (int o = 0x41; o <= 0x46; o++) {
            op(o, 2);
        }
        op(0x47, 5);
        op(0x48, 2);
        if (cancun) {
            op(0x49, 3); // BLOBHASH
            op(0x4a, 2); // BLOBBASEFEE
        }
        op(0x50, 2);
        op(0x51, 3);
        op(0x52, 3);
        op(0x53, 3);
        op(0x54, 0);
        op(0x55, 0);
        op(0x56, 8);
        op(0x57, 10);
        op(0x58, 2);
        op(0x59, 2);
        op(0x5a, 2);
        op(0x5b, 1);
        if (cancun) {
            op(0x5c, 100); // TLOAD
            op(0x5d, 100); // TSTORE
            op(0x5e, 3); // MCOPY
        }
        if (shanghai) {
            op(0x5f, 2); // PUSH0
        }
        for (int o = 0x60; o <= 0x9f; o++) {
            op(o, 3);
        }
        for (int o = 0xa0; o <= 0xa4; o++) {
            op(o, 375 * (o - 0xa0 + 1));
        }
        op(0xf0, 32000);
        op(0xf1, 0);
        op(0xf2, 0);
        op(0xf3, 0);
        op(0xf4, 0);
        op(0xf5, 32000);
        op(0xfa, 0);
        op(0xfd, 0);
        op(0xff, 5000);
    }

    private void op(int opcode, int gas) {
        defined[opcode] = true;
        staticGas[opcode] = gas;
    }

    /** EIP-4844's blob base fee for a block with {@code excessBlobGas}: fake_exponential(1, excess, fraction). */
    public BigInteger blobBaseFee(long excessBlobGas) {
        BigInteger denominator = BigInteger.valueOf(blobBaseFeeUpdateFraction);
        BigInteger numerator = BigInteger.valueOf(excessBlobGas);
        BigInteger output = BigInteger.ZERO;
        BigInteger accumulator = denominator; // factor (1) x denominator
        for (int i = 1; accumulator.signum() > 0; i++) {
            output = output.add(accumulator);
            accumulator = accumulator.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
        }
        return output.divide(denominator);
    }

    public boolean isDefined(int opcode) {
        return defined[opcode];
    }

    /** The addresses that are precompiles in this fork (always warm), whether or not implemented here. */
    public List<Address> precompileAddresses() {
        return precompileAddresses;
    }

    /** The implementation at {@code address}, or null. */
    public PrecompiledContract precompile(Address address) {
        return precompiles.get(address);
    }

    public boolean isPrecompile(Address address) {
        return precompileSet.contains(address);
    }
}
