package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.consensus.ibft.extra.ValidatorVote;
import org.quorumee.core.types.Address;

/** Quorum, proposer selection, the fork schedule and validator voting, against hand-computed cases. */
class ValidatorRulesTest {
    private static final Address A = Address.ofLong(0xa);
    private static final Address B = Address.ofLong(0xb);
    private static final Address C = Address.ofLong(0xc);
    private static final Address D = Address.ofLong(0xd);
    private static final Address E = Address.ofLong(0xe);

    @Test
    void oneQuorumFunctionInBothModes() {
        // N: 1..10. F = ceil(N/3)-1; 2F+1; ceil(2N/3).
        int[] f = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3};
        int[] twoFPlusOne = {1, 1, 1, 3, 3, 3, 5, 5, 5, 7};
        int[] ceil = {1, 2, 2, 3, 4, 4, 5, 6, 6, 7};
        for (int n = 1; n <= 10; n++) {
            assertEquals(f[n - 1], Quorum.faultTolerance(n), "F(" + n + ")");
            assertEquals(twoFPlusOne[n - 1], Quorum.size(n, QuorumMode.TWO_F_PLUS_ONE), "2F+1(" + n + ")");
            assertEquals(ceil[n - 1], Quorum.size(n, QuorumMode.CEIL_2N_BY_3), "ceil(2N/3)(" + n + ")");
        }
        assertThrows(IllegalArgumentException.class, () -> Quorum.size(0, QuorumMode.CEIL_2N_BY_3));
    }

    @Test
    void quorumModeFollowsCeil2Nby3BlockAndTransitions() {
        IbftConfig fromTen = new IbftConfig(30000, 1, 0, 10_000, 0, ProposerPolicy.ROUND_ROBIN, 10L);
        BftTransition back = new BftTransition(20, null, null, null, null, null, null, true, null);
        ForkSchedule s = ForkSchedule.ibft(fromTen, List.of(back));
        assertEquals(QuorumMode.TWO_F_PLUS_ONE, s.at(9).quorumMode());
        assertEquals(QuorumMode.CEIL_2N_BY_3, s.at(10).quorumMode());
        assertEquals(QuorumMode.TWO_F_PLUS_ONE, s.at(20).quorumMode());
        assertEquals(QuorumMode.TWO_F_PLUS_ONE,
                ForkSchedule.ibft(new IbftConfig(30000, 1, 0, 10_000, 0, ProposerPolicy.ROUND_ROBIN, null), List.of()).at(5).quorumMode());
        assertEquals(QuorumMode.CEIL_2N_BY_3, ForkSchedule.qbft(QbftConfig.defaults(1), List.of()).at(0).quorumMode());
        assertEquals(4, s.at(10).quorum(5));
        assertEquals(3, s.at(9).quorum(5));
    }

    @Test
    void forkScheduleAppliesTransitionsInBlockOrder() {
        ForkSchedule s = ForkSchedule.ibft(IbftConfig.defaults(5), List.of(
                BftTransition.emptyBlockPeriod(120, 2), BftTransition.toQbft(100), BftTransition.blockPeriod(250, 1),
                new BftTransition(300, null, 100L, null, null, 3L, 30L, null, List.of(A, B))));
        assertEquals(BftProtocol.IBFT, s.at(99).protocol());
        assertEquals(BftProtocol.QBFT, s.at(100).protocol());
        assertEquals(5, s.at(119).emptyBlockPeriodSeconds()); // never below the block period
        assertEquals(5, s.at(120).emptyBlockPeriodSeconds());
        assertEquals(1, s.at(250).blockPeriodSeconds());
        assertEquals(2, s.at(250).emptyBlockPeriodSeconds());
        assertEquals(100, s.at(300).epochLength());
        assertEquals(3000, s.at(300).requestTimeoutMillis());
        assertEquals(30, s.at(300).maxRequestTimeoutSeconds());
        assertEquals(Optional.of(List.of(A, B)), s.validatorsAfter(300));
        assertEquals(Optional.empty(), s.validatorsAfter(301));
        assertThrows(IllegalArgumentException.class, () -> ForkSchedule.qbft(QbftConfig.defaults(1),
                List.of(new BftTransition(5, BftProtocol.IBFT, null, null, null, null, null, null, null))));
    }

    @Test
    void roundRobinAndStickyProposersWithRoundOffsets() {
        List<Address> v = List.of(C, A, D, B); // any order in, sorted inside
        // After genesis: round r picks the r-th.
        assertEquals(A, ProposerSelector.proposer(v, null, 0, ProposerPolicy.ROUND_ROBIN, BftProtocol.QBFT));
        assertEquals(C, ProposerSelector.proposer(v, Address.ZERO, 2, ProposerPolicy.STICKY, BftProtocol.QBFT));
        // Last proposer B (index 1): round robin moves on by one plus the round; sticky stays plus the round.
        assertEquals(C, ProposerSelector.proposer(v, B, 0, ProposerPolicy.ROUND_ROBIN, BftProtocol.QBFT));
        assertEquals(D, ProposerSelector.proposer(v, B, 1, ProposerPolicy.ROUND_ROBIN, BftProtocol.QBFT));
        assertEquals(B, ProposerSelector.proposer(v, B, 3, ProposerPolicy.ROUND_ROBIN, BftProtocol.QBFT));
        assertEquals(B, ProposerSelector.proposer(v, B, 0, ProposerPolicy.STICKY, BftProtocol.QBFT));
        assertEquals(C, ProposerSelector.proposer(v, B, 1, ProposerPolicy.STICKY, BftProtocol.QBFT));
        // A last proposer no longer in the set counts as offset 0.
        assertEquals(B, ProposerSelector.proposer(v, E, 0, ProposerPolicy.ROUND_ROBIN, BftProtocol.QBFT));
        assertEquals(A, ProposerSelector.proposer(v, E, 0, ProposerPolicy.STICKY, BftProtocol.QBFT));
    }

    @Test
    void ibftRotatesInChecksummedTextOrder() {
        // EIP-55 writes 0xa0..04 in lower case and 0xB0..04 in upper case; 'B' sorts before 'a'.
        Address lower = Address.fromHex("0xa000000000000000000000000000000000000004");
        Address upper = Address.fromHex("0xb000000000000000000000000000000000000004");
        assertEquals(List.of(lower, upper), ProposerSelector.rotationOrder(List.of(upper, lower), BftProtocol.QBFT));
        assertEquals(List.of(upper, lower), ProposerSelector.rotationOrder(List.of(lower, upper), BftProtocol.IBFT));
        assertEquals(upper, ProposerSelector.proposer(List.of(lower, upper), null, 0, ProposerPolicy.ROUND_ROBIN, BftProtocol.IBFT));
        assertEquals(lower, ProposerSelector.proposer(List.of(lower, upper), null, 0, ProposerPolicy.ROUND_ROBIN, BftProtocol.QBFT));
    }

    private static VoteSnapshot four() {
        return VoteSnapshot.genesis(30000, 0, new byte[32], List.of(A, B, C, D), ProposerPolicy.ROUND_ROBIN);
    }

    @Test
    void votesAddAValidatorWithAMajority() {
        VoteSnapshot s = four();
        s = s.apply(1, new byte[32], 30000, A, new ValidatorVote(E, true));
        s = s.apply(2, new byte[32], 30000, B, new ValidatorVote(E, true));
        assertEquals(List.of(A, B, C, D), s.validators());
        assertEquals(new VoteSnapshot.Tally(true, 2), s.tally().get(E));
        // A repeated vote from A replaces its own: still two.
        s = s.apply(3, new byte[32], 30000, A, new ValidatorVote(E, true));
        assertEquals(2, s.tally().get(E).votes());
        // The third of four: more than half.
        s = s.apply(4, new byte[32], 30000, C, new ValidatorVote(E, true));
        assertEquals(List.of(A, B, C, D, E), s.validators());
        assertTrue(s.votes().isEmpty());
        assertFalse(s.tally().containsKey(E));
    }

    @Test
    void droppingAValidatorDiscardsItsVotes() {
        VoteSnapshot s = four();
        s = s.apply(1, new byte[32], 30000, D, new ValidatorVote(E, true)); // D's vote, to be discarded with D
        s = s.apply(2, new byte[32], 30000, A, new ValidatorVote(D, false));
        s = s.apply(3, new byte[32], 30000, B, new ValidatorVote(D, false));
        s = s.apply(4, new byte[32], 30000, C, new ValidatorVote(D, false));
        assertEquals(List.of(A, B, C), s.validators());
        assertTrue(s.votes().isEmpty());
        assertTrue(s.tally().isEmpty());
        // Meaningless votes are not counted; the zero-address drop of a vote-less IBFT block changes nothing.
        s = s.apply(5, new byte[32], 30000, A, new ValidatorVote(B, true));
        s = s.apply(6, new byte[32], 30000, B, new ValidatorVote(Address.ZERO, false));
        assertTrue(s.votes().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> four().apply(1, new byte[32], 30000, E, new ValidatorVote(A, false)));
    }

    @Test
    void votesResetOnEpochBlocks() {
        VoteSnapshot s = four();
        s = s.apply(1, new byte[32], 3, A, new ValidatorVote(E, true));
        s = s.apply(2, new byte[32], 3, B, new ValidatorVote(E, true));
        s = s.apply(3, new byte[32], 3, C, new ValidatorVote(Address.ZERO, false));
        assertTrue(s.votes().isEmpty());
        assertEquals(List.of(A, B, C, D), s.validators());
    }

    @Test
    void snapshotDataHasGoQuorumKeys() {
        VoteSnapshot s = four().apply(1, Hex.decode("0x" + "11".repeat(32)), 30000, A, new ValidatorVote(E, true));
        Map<String, Object> data = s.toJsonData();
        assertEquals(List.of("epoch", "number", "hash", "votes", "tally", "validators", "policy"), List.copyOf(data.keySet()));
        assertEquals(30000L, data.get("epoch"));
        assertEquals(1L, data.get("number"));
        assertEquals("0x" + "11".repeat(32), data.get("hash"));
        assertEquals(List.of(Map.of("validator", A.toString(), "block", 1L, "address", E.toString(), "authorize", true)), data.get("votes"));
        assertEquals(Map.of(E.toString(), Map.of("authorize", true, "votes", 1)), data.get("tally"));
        assertEquals(List.of(A.toString(), B.toString(), C.toString(), D.toString()), data.get("validators"));
        assertEquals(0, data.get("policy"));
    }

    @Test
    void candidatesOfferOnlyMeaningfulVotesInTurn() {
        ValidatorCandidates c = new ValidatorCandidates();
        c.propose(E, true);
        c.propose(A, true); // already a validator: meaningless
        c.propose(B, false);
        assertEquals(Map.of(E, true, A, true, B, false), c.candidates());
        VoteSnapshot s = four();
        assertEquals(Optional.of(new ValidatorVote(B, false)), c.voteFor(s, 0));
        assertEquals(Optional.of(new ValidatorVote(E, true)), c.voteFor(s, 1));
        c.discard(E);
        c.discard(B);
        assertEquals(Optional.empty(), c.voteFor(s, 1));
    }
}
