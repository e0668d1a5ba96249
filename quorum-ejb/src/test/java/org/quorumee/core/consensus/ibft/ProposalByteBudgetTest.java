package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;

/** A proposal's transactions stop at the byte budget, never past it; its build time is half the block period. */
class ProposalByteBudgetTest {
    private static final KeyPair KEY = KeyPair.fromPrivateKey(Keccak.keccak256("budget".getBytes()));

    private static Transaction withData(long nonce, int dataBytes) {
        return Transaction.builder(TransactionType.LEGACY).chainId(10).nonce(nonce).gasPrice(BigInteger.ZERO)
                .gasLimit(1_000_000).to(Address.ofLong(0xb0b)).data(new byte[dataBytes]).sign(KEY);
    }

    private static List<Transaction> taken(Iterable<Transaction> limited) {
        List<Transaction> out = new ArrayList<>();
        limited.forEach(out::add);
        return out;
    }

    @Test
    void transactionsStopBeforeTheOneThatWouldPassTheByteBudget() {
        List<Transaction> candidates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            candidates.add(withData(i, 1000));
        }
        long each = candidates.get(0).size() + ProposalByteBudget.PER_TRANSACTION_OVERHEAD;
        ProposalByteBudget budget = new ProposalByteBudget(each * 4 + each / 2);
        List<Transaction> taken = taken(budget.limit(candidates));
        assertEquals(candidates.subList(0, 4), taken, "4.5 transactions' worth of bytes hold 4");
        assertEquals(List.of(), taken(new ProposalByteBudget(each - 1).limit(candidates)),
                "a first transaction that does not fit is not taken either");
        assertEquals(candidates, taken(ProposalByteBudget.NONE.limit(candidates)));
    }

    @Test
    void aProposalTakesHalfOfTheLargestMessageAndIsBuiltInHalfOfTheBlockPeriod() {
        assertEquals(new ProposalByteBudget(8 * 1024 * 1024), ProposalByteBudget.forMessages(16 * 1024 * 1024));
        assertEquals(new ProposalByteBudget(500), ProposalByteBudget.forMessages(1000));
        assertEquals(500, params(1).proposalBuildMillis());
        assertEquals(2500, params(5).proposalBuildMillis());
        assertEquals(500, params(0).proposalBuildMillis(), "a zero period still leaves time");
    }

    private static BftParameters params(long blockPeriodSeconds) {
        return new BftParameters(BftProtocol.QBFT, 30000, blockPeriodSeconds, blockPeriodSeconds, 1000, 0,
                ProposerPolicy.ROUND_ROBIN, QuorumMode.TWO_F_PLUS_ONE);
    }
}
