package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.consensus.ibft.BftSimulation.Fault;
import org.quorumee.core.types.Address;

/**
 * Seeded simulations of 4, 5 and 7 validators with Byzantine members (see {@link BftSimulation}).
 * {@code -Dibft.seed=N} replays one seed; {@code -Dibft.runs=N} changes the number of runs.
 */
class BftSimulationTest {
    private static final int RUNS = Integer.getInteger("ibft.runs", 2000);
    private static final Long ONLY_SEED = Long.getLong("ibft.seed");

    static BftSimulation.Config configFor(long seed) {
        java.util.Random r = new java.util.Random(seed * 0x9E3779B97F4A7C15L);
        int shape = (int) Math.floorMod(seed, 10L);
        int n = shape < 7 ? 4 : shape < 9 ? 7 : 5;
        int mode = (int) Math.floorMod(seed / 10, 3L);
        BftProtocol genesis = mode == 0 ? BftProtocol.IBFT : BftProtocol.QBFT;
        List<BftTransition> transitions = mode == 2 ? List.of(BftTransition.toQbft(3)) : List.of();
        if (mode == 2) {
            genesis = BftProtocol.IBFT;
        }
        ProposerPolicy policy = r.nextInt(4) == 0 ? ProposerPolicy.STICKY : ProposerPolicy.ROUND_ROBIN;
        ForkSchedule schedule = genesis == BftProtocol.IBFT && mode == 0
                ? ForkSchedule.ibft(new IbftConfig(30000, 1, 0, 1000, 0, policy, 0L), transitions)
                : mode == 2 ? ForkSchedule.ibft(new IbftConfig(30000, 1, 0, 1000, 0, policy, 0L), transitions)
                : ForkSchedule.qbft(new QbftConfig(30000, 1, 0, 1000, 0, policy, 0L), transitions);
        int faulty = Quorum.faultTolerance(n);
        List<Fault> faults = new ArrayList<>(Collections.nCopies(n, Fault.HONEST));
        Fault[] kinds = {Fault.SILENT, Fault.BAD_SEALS, Fault.EQUIVOCATOR};
        int firstKind = (int) Math.floorMod(seed / 30, 4L);
        for (int i = 0; i < faulty && firstKind < 3; i++) {
            faults.set(r.nextInt(n), kinds[(firstKind + i) % 3]);
        }
        return new BftSimulation.Config(seed, schedule, genesis, faults, 5, 3000, 0.1, 0.05, 5, 120, 600_000, 1);
    }

    @Test
    void validatorsVoteANodeInAndItSeals() {
        for (long seed = 1; seed <= 20; seed++) {
            BftProtocol protocol = seed % 2 == 0 ? BftProtocol.QBFT : BftProtocol.IBFT;
            ForkSchedule schedule = protocol == BftProtocol.QBFT
                    ? ForkSchedule.qbft(new QbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of())
                    : ForkSchedule.ibft(new IbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of());
            BftSimulation.Result r = BftSimulation.run(new BftSimulation.Config(seed, schedule, protocol,
                    Collections.nCopies(4, Fault.HONEST), 12, 2000, 0.05, 0.02, 5, 80, 600_000, 1, 1, java.util.Map.of(4, true)));
            Address newcomer = r.nodeAddresses().get(4);
            assertTrue(r.finalValidators().contains(newcomer), "seed " + seed + ": voted in");
            assertEquals(5, r.finalValidators().size());
            assertTrue(r.recentCommitters().contains(newcomer), "seed " + seed + ": the newcomer seals blocks");
        }
    }

    /**
     * GoQuorum's {@code transitions: [{"block": 3, "algorithm": "qbft"}]}: blocks 1-2 in IBFT's form
     * (proposer seal, no coinbase), from 3 in QBFT's (proposer as coinbase, QBFT extraData), the
     * same validators throughout, the first QBFT proposer the next after the last IBFT one, and
     * every block final by the rules of its own side.
     */
    @Test
    void anIbftChainMovesToQbftAtItsTransitionBlock() {
        for (long seed = 1; seed <= 10; seed++) {
            ForkSchedule schedule = ForkSchedule.ibft(new IbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L),
                    List.of(BftTransition.toQbft(3)));
            BftSimulation.Result r = BftSimulation.run(new BftSimulation.Config(seed, schedule, BftProtocol.IBFT,
                    Collections.nCopies(4, Fault.HONEST), 6, 0, 0, 0, 5, 50, 600_000, 1));
            List<org.quorumee.core.chain.BlockHeader> chain = r.chain();
            List<Address> validators = r.nodeAddresses().stream().sorted().toList();
            BftBlockRules rules = new BftBlockRules(schedule, MemoCrypto.SHARED.recovery());
            Address lastIbftProposer = null;
            for (int number = 1; number <= 6; number++) {
                var header = chain.get(number);
                var parent = chain.get(number - 1);
                VoteSnapshot snapshot = VoteSnapshot.genesis(30000, number - 1, parent.hash(), validators, ProposerPolicy.ROUND_ROBIN);
                assertEquals(java.util.Optional.empty(), rules.checkFinal(header, parent, snapshot), "seed " + seed + " block " + number);
                if (number < 3) {
                    assertTrue(org.quorumee.core.consensus.ibft.extra.IstanbulExtraData.tryDecode(header.extraData()).isPresent());
                    assertEquals(Address.ZERO, header.coinbase(), "IBFT: the coinbase carries votes only");
                    lastIbftProposer = IstanbulHeaders.author(header, BftProtocol.IBFT, MemoCrypto.SHARED.recovery());
                    assertTrue(validators.contains(lastIbftProposer));
                } else {
                    var extra = org.quorumee.core.consensus.ibft.extra.QbftExtraData.decode(header.extraData());
                    assertEquals(validators, extra.validators(), "seed " + seed + ": validators carried over at block " + number);
                    assertTrue(validators.contains(header.coinbase()), "QBFT: the proposer is the coinbase");
                    if (number == 3 && extra.round() == 0) {
                        assertEquals(ProposerSelector.proposer(validators, lastIbftProposer, 0, ProposerPolicy.ROUND_ROBIN,
                                BftProtocol.QBFT), header.coinbase(), "seed " + seed + ": rotation goes on across the boundary");
                    }
                }
            }
            assertEquals(validators, r.finalValidators());
        }
    }

    @Test
    void validatorsVoteASilentOneOutAndCarryOn() {
        for (long seed = 1; seed <= 20; seed++) {
            BftProtocol protocol = seed % 2 == 0 ? BftProtocol.QBFT : BftProtocol.IBFT;
            ForkSchedule schedule = protocol == BftProtocol.QBFT
                    ? ForkSchedule.qbft(new QbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of())
                    : ForkSchedule.ibft(new IbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of());
            List<Fault> faults = new ArrayList<>(Collections.nCopies(4, Fault.HONEST));
            faults.set(3, Fault.SILENT);
            BftSimulation.Result r = BftSimulation.run(new BftSimulation.Config(seed, schedule, protocol, faults, 10, 2000, 0.05, 0.02,
                    5, 80, 600_000, 1, 0, java.util.Map.of(3, false)));
            assertEquals(3, r.finalValidators().size(), "seed " + seed);
            assertTrue(!r.finalValidators().contains(r.nodeAddresses().get(3)));
            assertTrue(!r.recentCommitters().contains(r.nodeAddresses().get(3)));
        }
    }

    @Test
    void thousandsOfSeededRunsKeepAgreementValidityAndProgress() {
        long from = ONLY_SEED != null ? ONLY_SEED : 1;
        int runs = ONLY_SEED != null ? 1 : RUNS;
        long started = System.nanoTime();
        int heights = 0;
        int maxRound = 0;
        long messages = 0;
        long virtual = 0;
        long rejected = 0;
        int lockSplits = 0;
        java.util.Map<String, Integer> mix = new java.util.TreeMap<>();
        for (long seed = from; seed < from + runs; seed++) {
            BftSimulation.Config config = configFor(seed);
            String protocol = config.schedule().transitions().isEmpty() ? config.genesisProtocol().toString() : "IBFT->QBFT@3";
            mix.merge("N=" + config.faults().size(), 1, Integer::sum);
            mix.merge(protocol, 1, Integer::sum);
            config.faults().stream().filter(f -> f != Fault.HONEST).distinct().forEach(f -> mix.merge(f.toString(), 1, Integer::sum));
            if (config.faults().stream().allMatch(f -> f == Fault.HONEST)) {
                mix.merge("all honest", 1, Integer::sum);
            }
            BftSimulation.Result result = BftSimulation.run(config);
            heights += result.heights();
            if (!result.ibftLockSplit()) {
                maxRound = Math.max(maxRound, result.maxRound());
            }
            messages += result.messages();
            virtual += result.virtualMillis();
            rejected += result.rejectedAnnouncements();
            lockSplits += result.ibftLockSplit() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        MemoCrypto c = MemoCrypto.SHARED;
        System.out.printf("BFT simulation: %d runs, %d heights finalised, %d messages, %.0f s virtual, max round %d (runs that progressed),"
                + " %d bad announced blocks refused, %d Byzantine IBFT runs ended in the IBFT 1.0 lock split, %.1f s wall;"
                + " secp256k1 signs %d (%d computed), recoveries %d (%d computed)%n",
                runs, heights, messages, virtual / 1000.0, maxRound, rejected, lockSplits, seconds, c.signCalls, c.signComputed,
                c.recoverCalls, c.recoverComputed);
        System.out.println("BFT simulation mix (runs): " + mix);
        assertTrue(heights >= (runs - lockSplits) * 5);
    }
}
