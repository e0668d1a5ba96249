package org.quorumee.core.txpool;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;
import org.quorumee.node.config.JsonTree;

/** A pool over an in-memory state and a fake clock, with deterministic keys and transactions. */
final class PoolFixture {
    static final long CHAIN_ID = 10;
    static final long BLOCK_GAS_LIMIT = 30_000_000;
    static final Address TO = Address.fromHex("0x3535353535353535353535353535353535353535");
    static final BigInteger RICH = BigInteger.TEN.pow(30);

    final InMemoryAccountState state = new InMemoryAccountState();
    final FakeClock clock = new FakeClock();
    final List<Transaction> announced = new ArrayList<>();
    final TransactionPool pool;
    private long blockNumber = 1;

    PoolFixture() {
        this(TransactionPoolConfig.DEFAULT, null);
    }

    PoolFixture(TransactionPoolConfig config, BigInteger baseFee) {
        this(chainConfig(), config, baseFee);
    }

    PoolFixture(ChainConfig chain, TransactionPoolConfig config, BigInteger baseFee) {
        pool = new TransactionPool(chain, config, clock, header(BLOCK_GAS_LIMIT, baseFee), state);
        pool.addListener(announced::addAll);
    }

    /** A Quorum chain with London rules and gas prices enabled from genesis. */
    static ChainConfig chainConfig() {
        return chainConfig("\"isQuorum\": true, \"londonBlock\": 0, \"txnSizeLimit\": 64, \"enableGasPriceBlock\": 0");
    }

    /** A chain of id {@link #CHAIN_ID} with the given other config fields. */
    static ChainConfig chainConfig(String fields) {
        try {
            return ChainConfig.fromJson(JsonTree.of(new ObjectMapper().readTree("{\"chainId\": " + CHAIN_ID + ", " + fields + "}")));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BlockHeader header(long gasLimit, BigInteger baseFee) {
        return BlockHeader.builder().number(blockNumber).gasLimit(gasLimit).baseFee(baseFee).timestamp(1_700_000_000L + blockNumber).build();
    }

    /** Imports a new head: the state has been changed by the caller. */
    void newHead(long gasLimit) {
        blockNumber++;
        pool.onNewHead(header(gasLimit, null), state);
    }

    void newHead() {
        newHead(BLOCK_GAS_LIMIT);
    }

    /** The key of {@code index} (1, 2, 3...), funded richly in the state. */
    KeyPair funded(int index) {
        KeyPair key = key(index);
        state.balance(key.address(), RICH);
        return key;
    }

    static KeyPair key(int index) {
        byte[] secret = new byte[32];
        secret[0] = 0x11;
        secret[28] = (byte) (index >>> 24);
        secret[29] = (byte) (index >>> 16);
        secret[30] = (byte) (index >>> 8);
        secret[31] = (byte) index;
        return KeyPair.fromPrivateKey(secret);
    }

    /** An EIP-155 value transfer of 21000 gas. */
    static Transaction legacy(KeyPair key, long nonce, long gasPrice) {
        return legacyBuilder(nonce, gasPrice).sign(key);
    }

    static Transaction.Builder legacyBuilder(long nonce, long gasPrice) {
        return Transaction.builder(TransactionType.LEGACY).chainId(CHAIN_ID).nonce(nonce)
                .gasPrice(BigInteger.valueOf(gasPrice)).gasLimit(21_000).to(TO);
    }

    /** An EIP-1559 transfer of 21000 gas. */
    static Transaction dynamic(KeyPair key, long nonce, long tip, long feeCap) {
        return Transaction.builder(TransactionType.EIP1559).chainId(CHAIN_ID).nonce(nonce)
                .maxPriorityFeePerGas(BigInteger.valueOf(tip)).maxFeePerGas(BigInteger.valueOf(feeCap))
                .gasLimit(21_000).to(TO).sign(key);
    }
}
