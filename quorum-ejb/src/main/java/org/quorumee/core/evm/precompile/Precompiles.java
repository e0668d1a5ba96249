package org.quorumee.core.evm.precompile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.types.Address;

/**
 * The precompiled contracts of each fork, by address. The contracts are stateless, so each map is
 * built once and shared. The key set is also the set of addresses that are warm from the start of
 * every transaction (EIP-2929).
 */
public final class Precompiles {
    public static final Address ECRECOVER = Address.ofLong(0x01);
    public static final Address SHA256 = Address.ofLong(0x02);
    public static final Address RIPEMD160 = Address.ofLong(0x03);
    public static final Address IDENTITY = Address.ofLong(0x04);
    public static final Address MODEXP = Address.ofLong(0x05);
    public static final Address ALT_BN128_ADD = Address.ofLong(0x06);
    public static final Address ALT_BN128_MUL = Address.ofLong(0x07);
    public static final Address ALT_BN128_PAIRING = Address.ofLong(0x08);
    public static final Address BLAKE2F = Address.ofLong(0x09);
    public static final Address KZG_POINT_EVALUATION = Address.ofLong(0x0a);

    private static final Map<Fork, Map<Address, PrecompiledContract>> BY_FORK = buildAll();

    private Precompiles() {
    }

    /** The precompiles active in {@code fork}: an immutable map, the same instance on every call. */
    public static Map<Address, PrecompiledContract> forFork(Fork fork) {
        return BY_FORK.get(fork);
    }

    private static Map<Fork, Map<Address, PrecompiledContract>> buildAll() {
        // London's set is Istanbul's (0x01-0x09) with Berlin's modexp pricing; Shanghai adds none;
        // Cancun adds the KZG point evaluation (EIP-4844).
        Map<Address, PrecompiledContract> london = new LinkedHashMap<>();
        london.put(ECRECOVER, new EcRecover());
        london.put(SHA256, new Sha256());
        london.put(RIPEMD160, new Ripemd160());
        london.put(IDENTITY, new Identity());
        london.put(MODEXP, new ModExp());
        london.put(ALT_BN128_ADD, new AltBn128Add());
        london.put(ALT_BN128_MUL, new AltBn128Mul());
        london.put(ALT_BN128_PAIRING, new AltBn128Pairing());
        london.put(BLAKE2F, new Blake2f());
        Map<Address, PrecompiledContract> immutableLondon = Map.copyOf(london);

        Map<Fork, Map<Address, PrecompiledContract>> byFork = new EnumMap<>(Fork.class);
        byFork.put(Fork.LONDON, immutableLondon);
        byFork.put(Fork.SHANGHAI, immutableLondon);
        Map<Address, PrecompiledContract> cancun = new LinkedHashMap<>(london);
        cancun.put(KZG_POINT_EVALUATION, new KzgPointEvaluation());
        byFork.put(Fork.CANCUN, Map.copyOf(cancun));
        return Collections.unmodifiableMap(byFork);
    }
}
