package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.evm.Evm;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.PrivacyUnavailableException;
import org.quorumee.core.privacy.PrivatePayload;
import org.quorumee.core.privacy.PrivatePayloadSource;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.TransactionProcessor;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

/**
 * Quorum's private transactions through block building and import: a party (holding the payload)
 * builds each block, a non-party imports it, and both must agree on everything public while only
 * the party's private state changes.
 */
class PrivateTransactionTest {
    /**
     * Runtime of a hand-assembled storage contract: with call data, stores its first word in slot 0
     * and logs it (LOG0); without, returns slot 0.
     */
    private static final String RUNTIME = "361560155760003580600055600052602060" + "00a0005b600054600052602060" + "00f3";
    /** Init code: slot 0 = 42, then return the 33-byte runtime that follows it. */
    private static final byte[] INIT = Hex.decode("602a600055602180601060003960" + "00f3" + RUNTIME);

    private final ChainFixture chain = ChainFixture.quorum();
    /** The payloads the party's transaction manager holds, by hash. */
    private final Map<PayloadHash, byte[]> partyPayloads = new HashMap<>();
    private final InMemoryNodeStore partyPrivateStore = new InMemoryNodeStore();
    private final InMemoryNodeStore outsiderPrivateStore = new InMemoryNodeStore();

    private final PrivatePayloadSource party = hash -> Optional.ofNullable(partyPayloads.get(hash))
            .map(plain -> new PrivatePayload(hash, plain, BoxPublicKey.of(new byte[32]), List.of(), PrivacyMetadata.STANDARD));
    private final PrivatePayloadSource outsider = hash -> Optional.empty();

    /** A private transaction whose data is a payload hash; the party's manager learns the payload. */
    private Transaction privateTx(long nonce, Address to, byte[] payload, long gas, BigInteger value) {
        byte[] hash = new byte[64];
        Arrays.fill(hash, (byte) (nonce + 1));
        hash[0] = (byte) payload.length;
        partyPayloads.put(PayloadHash.of(hash), payload);
        Transaction.Builder b = Transaction.builder(TransactionType.LEGACY).nonce(nonce).gasPrice(BigInteger.ZERO)
                .gasLimit(gas).value(value).data(hash).privateTransaction(true);
        if (to != null) {
            b.to(to);
        }
        return Transaction.decode(b.sign(ChainFixture.KEY).encoded(), chain.config.chainId());
    }

    private record Step(BlockHeader header, BlockResult partyResult, BlockResult outsiderResult, byte[] partyRoot,
            byte[] outsiderRoot) {
    }

    /** The party builds a block of {@code txs} on {@code parent}; the outsider imports it. */
    private Step block(BlockHeader parent, byte[] partyRoot, byte[] outsiderRoot, List<Transaction> txs) throws Exception {
        PrivateContext partyContext = new PrivateContext(new WorldState(partyPrivateStore, partyRoot), party);
        BlockBuilder.BuiltBlock built = chain.builder.build(parent, chain.stateAt(parent), partyContext, txs,
                BlockBuilder.Attributes.of(Address.ZERO, parent.timestamp() + 1, parent.gasLimit()), chain.ancestors(parent));
        assertEquals(txs.size(), built.result().transactions().size(), "every transaction included: " + built.skipped());
        chain.store(built.block().header());
        PrivateContext outsiderContext = new PrivateContext(new WorldState(outsiderPrivateStore, outsiderRoot), outsider);
        Block received = Block.decode(built.block().encode());
        BlockResult imported = chain.processor.importBlock(received, null, parent, chain.stateAt(parent), outsiderContext,
                chain.ancestors(parent));
        return new Step(built.block().header(), built.result(), imported, built.result().privateStateRoot(),
                imported.privateStateRoot());
    }

    private static UInt256 slot0(InMemoryNodeStore store, byte[] root, Address contract) {
        return new WorldState(store, root).storage(contract, UInt256.ZERO);
    }

    @Test
    void partyAndOutsiderAgreeOnEverythingPublicWhileOnlyThePartyRunsThePayload() throws Exception {
        Transaction deploy = privateTx(0, null, INIT, 200_000, BigInteger.ZERO);
        Step first = block(chain.genesis, WorldState.EMPTY_TRIE_ROOT, WorldState.EMPTY_TRIE_ROOT, List.of(deploy));
        // the outsider validated the party's header: same public state root, receipts and gas
        assertArrayEquals(first.partyResult().stateRoot(), first.outsiderResult().stateRoot());
        assertEquals(0, first.header().gasUsed(), "a private transaction counts no gas in its block");
        Receipt publicReceipt = first.outsiderResult().receipts().get(0);
        assertTrue(publicReceipt.success());
        assertTrue(publicReceipt.logs().isEmpty());

        Address contract = Evm.createAddress(chain.sender(), 0);
        assertEquals(contract, first.partyResult().privateResults().get(0).contractAddress());
        assertEquals(UInt256.of(42), slot0(partyPrivateStore, first.partyRoot(), contract));
        assertFalse(new WorldState(outsiderPrivateStore, first.outsiderRoot()).exists(contract));
        assertArrayEquals(WorldState.EMPTY_TRIE_ROOT, first.outsiderRoot());
        assertNull(first.outsiderResult().privateReceipts().get(0));
        // the contract lives in private state only: nothing of it in public
        assertFalse(chain.stateAt(first.header()).exists(contract));

        Transaction set = privateTx(1, contract, UInt256.of(4).toBytes(), 100_000, BigInteger.ZERO);
        Step second = block(first.header(), first.partyRoot(), first.outsiderRoot(), List.of(set));
        assertArrayEquals(second.partyResult().stateRoot(), second.outsiderResult().stateRoot());
        assertEquals(UInt256.of(4), slot0(partyPrivateStore, second.partyRoot(), contract));
        Receipt privateReceipt = second.partyResult().privateReceipts().get(0);
        assertTrue(privateReceipt.success());
        assertEquals(1, privateReceipt.logs().size());
        assertEquals(contract, privateReceipt.logs().get(0).address());
        assertArrayEquals(UInt256.of(4).toBytes(), privateReceipt.logs().get(0).data());
        assertTrue(second.outsiderResult().receipts().get(0).logs().isEmpty());
        // one nonce in public, bumped on every node
        assertEquals(2, chain.stateAt(second.header()).nonce(chain.sender()));
    }

    @Test
    void aRevertingPrivateTransactionLeavesThePublicSideAlone() throws Exception {
        // a call into an address without code would succeed; a payload that runs INVALID (0xfe) fails
        byte[] failingInit = Hex.decode("fe");
        Transaction deploy = privateTx(0, null, failingInit, 100_000, BigInteger.ZERO);
        Step step = block(chain.genesis, WorldState.EMPTY_TRIE_ROOT, WorldState.EMPTY_TRIE_ROOT, List.of(deploy));
        assertFalse(step.partyResult().privateReceipts().get(0).success());
        // GoQuorum #434: the public receipt says success on every node, party or not
        assertTrue(step.partyResult().receipts().get(0).success());
        assertTrue(step.outsiderResult().receipts().get(0).success());
        assertArrayEquals(step.partyResult().stateRoot(), step.outsiderResult().stateRoot());
    }

    @Test
    void aPrivateTransactionIsTracedAtThePartyAndEmptyAtANonParty() throws Exception {
        Transaction deploy = privateTx(0, null, INIT, 200_000, BigInteger.ZERO);
        Step step = block(chain.genesis, WorldState.EMPTY_TRIE_ROOT, WorldState.EMPTY_TRIE_ROOT, List.of(deploy));
        Map<String, Object> atParty = trace(step.header(), deploy, party, partyPrivateStore);
        assertFalse((Boolean) atParty.get("failed"));
        assertFalse(((List<?>) atParty.get("structLogs")).isEmpty(), "the party ran the init code");
        assertTrue((Long) atParty.get("gas") > 0);
        // GoQuorum's answer at a non-party: nothing ran
        Map<String, Object> atOutsider = trace(step.header(), deploy, outsider, outsiderPrivateStore);
        assertEquals(Map.of("gas", 0L, "failed", false, "returnValue", "", "structLogs", List.of()), atOutsider);
    }

    /** debug_traceTransaction's replay of the single transaction {@code tx} of the block {@code header}. */
    private Map<String, Object> trace(BlockHeader header, Transaction tx, PrivatePayloadSource payloads,
            InMemoryNodeStore privateStore) throws Exception {
        WorldState state = chain.stateAt(chain.genesis);
        WorldState privateState = new WorldState(privateStore, WorldState.EMPTY_TRIE_ROOT);
        var logger = new org.quorumee.core.trace.StructLogger(new org.quorumee.core.state.PrivateExecutionState(state,
                privateState), org.quorumee.core.trace.StructLogger.Options.DEFAULT);
        chain.processor.replay(state, new PrivateContext(privateState, payloads), header, List.of(tx), 0,
                chain.ancestors(chain.genesis), logger);
        return logger.result();
    }

    @Test
    void privateTransactionsCarryNoValue() {
        Transaction withValue = privateTx(0, Address.ofLong(0x1234), new byte[] {1}, 100_000, BigInteger.ONE);
        var error = assertThrows(InvalidBlockException.class, () -> chain.processor.execute(chain.stateAt(chain.genesis),
                new PrivateContext(new WorldState(partyPrivateStore, WorldState.EMPTY_TRIE_ROOT), party), chain.genesis,
                List.of(withValue), null, chain.ancestors(chain.genesis)));
        assertTrue(error.getMessage().contains(TransactionProcessor.PRIVATE_VALUE_NOT_SUPPORTED), error.getMessage());
    }

    @Test
    void aTransactionManagerThatCannotAnswerIsNeverReadAsNotAParty() {
        Transaction deploy = privateTx(0, null, INIT, 200_000, BigInteger.ZERO);
        PrivatePayloadSource down = hash -> {
            throw new PrivacyUnavailableException("transaction manager unreachable");
        };
        assertThrows(PrivacyUnavailableException.class, () -> chain.processor.execute(chain.stateAt(chain.genesis),
                new PrivateContext(new WorldState(partyPrivateStore, WorldState.EMPTY_TRIE_ROOT), down), chain.genesis,
                List.of(deploy), null, chain.ancestors(chain.genesis)));
    }
}
