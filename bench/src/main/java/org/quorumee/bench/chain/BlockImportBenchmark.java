package org.quorumee.bench.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.quorumee.core.chain.AncestorHashes;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockBuilder;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.BlockProcessor;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.tx.SenderCache;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;
import org.quorumee.node.config.JsonTree;

/**
 * Block building and import on a GoQuorum chain (isQuorum, London, gas price 0): a state of
 * {@code accounts} funded accounts, a block of {@code transfers} value transfers from 200 senders to
 * fresh addresses; per round it builds the block, then imports it from its bytes on a fresh view of
 * the parent state (transaction decoding and sender recovery included), then imports it with the
 * pool's transactions, whose senders are already known. Prints wall and thread CPU time and transactions
 * per second.
 *
 * <p>Run: {@code java -Xss16m -cp ... org.quorumee.bench.chain.BlockImportBenchmark [transfers] [accounts] [rounds]}
 */
public final class BlockImportBenchmark {
    private static final int SENDERS = 200;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BlockImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int transfers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ChainConfig config = ChainConfig.fromJson(JsonTree.of(new ObjectMapper().createObjectNode()
                .put("chainId", 1337).put("isQuorum", true).put("londonBlock", 0)));
        Random random = new Random(1);

        InMemoryNodeStore store = new InMemoryNodeStore();
        WorldState genesisState = new WorldState(store, WorldState.EMPTY_TRIE_ROOT);
        List<KeyPair> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            key[0] = 1; // below the curve order
            KeyPair pair = KeyPair.fromPrivateKey(key);
            senders.add(pair);
            genesisState.putAccount(pair.address(), 0, BigInteger.TEN.pow(24), new byte[0], Map.of());
        }
        for (int i = 0; i < accounts; i++) {
            byte[] address = new byte[20];
            random.nextBytes(address);
            genesisState.putAccount(Address.wrap(address), 1, BigInteger.valueOf(i + 1), new byte[0], Map.of());
        }
        BlockHeader genesis = BlockHeader.builder().stateRoot(genesisState.commit()).gasLimit(2_000_000_000L)
                .timestamp(1).baseFee(BigInteger.ZERO).build();

        List<Transaction> candidates = new ArrayList<>();
        for (int i = 0; i < transfers; i++) {
            byte[] to = new byte[20];
            random.nextBytes(to);
            candidates.add(Transaction.builder(TransactionType.LEGACY).chainId(1337).nonce(i / SENDERS)
                    .gasPrice(BigInteger.ZERO).gasLimit(21_000).to(Address.wrap(to)).value(BigInteger.ONE)
                    .sign(senders.get(i % SENDERS)));
        }
        BlockProcessor processor = BlockProcessor.forChain(config, ConsensusRules.NONE, new CodeCache(1024));
        BlockBuilder builder = new BlockBuilder(processor);
        AncestorHashes hashes = new AncestorHashes(genesis, hash -> Optional.empty());
        System.out.printf("state of %d accounts, blocks of %d transfers%n", accounts + SENDERS, transfers);
        for (int round = 1; round <= rounds; round++) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            BlockBuilder.BuiltBlock built = builder.build(genesis, new WorldState(store, genesis.stateRoot()), candidates,
                    BlockBuilder.Attributes.of(Address.ZERO, 2, genesis.gasLimit()), hashes);
            long buildWall = System.nanoTime() - wall;
            long buildCpu = THREADS.getCurrentThreadCpuTime() - cpu;
            if (built.block().transactions().size() != transfers) {
                throw new IllegalStateException("skipped: " + built.skipped());
            }
            byte[] bytes = built.block().encode();

            SenderCache.clear(); // "from bytes" includes every sender's recovery, not last round's cached senders
            wall = System.nanoTime();
            cpu = THREADS.getCurrentThreadCpuTime();
            processor.importBlock(Block.decode(bytes), genesis, new WorldState(store, genesis.stateRoot()), hashes);
            long importWall = System.nanoTime() - wall;
            long importCpu = THREADS.getCurrentThreadCpuTime() - cpu;

            // the same block imported with the pool's transactions, whose senders are known
            cpu = THREADS.getCurrentThreadCpuTime();
            processor.importBlock(built.block(), candidates, genesis, new WorldState(store, genesis.stateRoot()), hashes);
            long executeCpu = THREADS.getCurrentThreadCpuTime() - cpu;
            System.out.printf("round %d%s: build %.1f ms wall / %.1f ms cpu (%.0f tx/s cpu), import from bytes %.1f ms wall"
                    + " / %.1f ms cpu (%.0f tx/s cpu), import with known senders %.1f ms cpu (%.0f tx/s cpu)%n",
                    round, round == 1 ? " (cold JIT)" : "", buildWall / 1e6, buildCpu / 1e6, transfers / (buildCpu / 1e9),
                    importWall / 1e6, importCpu / 1e6, transfers / (importCpu / 1e9), executeCpu / 1e6,
                    transfers / (executeCpu / 1e9));
        }
    }
}
