package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.chain.InvalidGenesisException;
import org.quorumee.core.types.Address;

class BftGenesisTest {

    private static ChainConfig config(Map<String, Object> fields) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(Map.of("chainId", 10L, "isQuorum", true));
        all.putAll(fields);
        return ChainConfig.fromJson(all);
    }

    @Test
    void aChainWithoutIstanbulOrQbftHasNoSchedule() {
        assertTrue(BftGenesis.schedule(config(Map.of())).isEmpty());
    }

    @Test
    void istanbulReadsGoQuorumsKeysAndDefaults() {
        ForkSchedule schedule = BftGenesis.schedule(config(Map.of("istanbul",
                Map.of("epoch", 100L, "blockperiodseconds", 2L, "requesttimeoutseconds", "0x5", "policy", 1L)))).orElseThrow();
        BftParameters at1 = schedule.at(1);
        assertEquals(BftProtocol.IBFT, at1.protocol());
        assertEquals(100, at1.epochLength());
        assertEquals(2, at1.blockPeriodSeconds());
        assertEquals(2, at1.emptyBlockPeriodSeconds(), "the empty block period is never below the block period");
        assertEquals(5000, at1.requestTimeoutMillis());
        assertEquals(ProposerPolicy.STICKY, at1.policy());
        assertEquals(QuorumMode.CEIL_2N_BY_3, at1.quorumMode(), "ceil2Nby3Block defaults to 0");

        BftParameters defaults = BftGenesis.schedule(config(Map.of("istanbul", Map.of()))).orElseThrow().at(1);
        assertEquals(IbftConfig.DEFAULT_EPOCH, defaults.epochLength());
        assertEquals(BftGenesis.DEFAULT_BLOCK_PERIOD_SECONDS, defaults.blockPeriodSeconds());
        assertEquals(10_000, defaults.requestTimeoutMillis());
        assertEquals(ProposerPolicy.ROUND_ROBIN, defaults.policy());
    }

    @Test
    void qbftWithTransitions() {
        Address v = Address.fromHex("0x00000000000000000000000000000000000000aa");
        ForkSchedule schedule = BftGenesis.schedule(config(Map.of(
                "qbft", Map.of("epochlength", 30000L, "blockperiodseconds", 1L, "emptyblockperiodseconds", 3L,
                        "maxRequestTimeoutSeconds", 20L),
                "transitions", List.of(Map.of("block", 10L, "emptyblockperiodseconds", 5L),
                        Map.of("block", 20L, "2FPlus1Enabled", true, "validators", List.of(v.toString())))))).orElseThrow();
        assertEquals(BftProtocol.QBFT, schedule.at(0).protocol());
        assertEquals(3, schedule.at(9).emptyBlockPeriodSeconds());
        assertEquals(5, schedule.at(10).emptyBlockPeriodSeconds());
        assertEquals(20_000, schedule.at(1).roundTimeoutMillis(5), "the round timeout is capped");
        assertEquals(QuorumMode.TWO_F_PLUS_ONE, schedule.at(20).quorumMode());
        assertEquals(List.of(v), schedule.validatorsAfter(20).orElseThrow());
    }

    @Test
    void anIbftChainMovesToQbftAtATransition() {
        ForkSchedule schedule = BftGenesis.schedule(config(Map.of("istanbul", Map.of(),
                "transitions", List.of(Map.of("block", 5L, "algorithm", "qbft"))))).orElseThrow();
        assertEquals(BftProtocol.IBFT, schedule.at(4).protocol());
        assertEquals(BftProtocol.QBFT, schedule.at(5).protocol());
    }

    @Test
    void istanbulTestQbftBlockIsTheOlderFormOfTheSameTransition() {
        ForkSchedule schedule = BftGenesis.schedule(config(Map.of("istanbul", Map.of("testQBFTBlock", 7L)))).orElseThrow();
        assertEquals(BftProtocol.IBFT, schedule.at(6).protocol());
        assertEquals(BftProtocol.QBFT, schedule.at(7).protocol());
        assertThrows(InvalidGenesisException.class, () -> BftGenesis.schedule(config(Map.of("istanbul", Map.of("testQBFTBlock", 7L),
                "transitions", List.of(Map.of("block", 5L, "algorithm", "qbft"))))));
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThrows(InvalidGenesisException.class,
                () -> BftGenesis.schedule(config(Map.of("istanbul", Map.of("policy", 7L)))));
        InvalidGenesisException e = assertThrows(InvalidGenesisException.class, () -> BftGenesis.schedule(config(Map.of(
                "istanbul", Map.of(), "transitions", List.of(Map.of("block", 5L, "algorithm", "clique"))))));
        assertTrue(e.getMessage().contains("clique"), e.getMessage());
    }
}
