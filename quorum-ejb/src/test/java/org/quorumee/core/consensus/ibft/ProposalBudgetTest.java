package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;

/** A proposal's transactions stop at the byte budget and at the deadline, never past them. */
class ProposalBudgetTest {
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
        long each = candidates.get(0).size() + ProposalBudget.PER_TRANSACTION_OVERHEAD;
        ProposalBudget budget = new ProposalBudget(each * 4 + each / 2, Long.MAX_VALUE);
        List<Transaction> taken = taken(budget.limit(candidates, () -> 0));
        assertEquals(candidates.subList(0, 4), taken, "4.5 transactions' worth of bytes hold 4");
        assertEquals(List.of(), taken(new ProposalBudget(each - 1, Long.MAX_VALUE).limit(candidates, () -> 0)),
                "a first transaction that does not fit is not taken either");
        assertEquals(candidates, taken(ProposalBudget.NONE.limit(candidates, () -> 0)));
    }

    @Test
    void noTransactionIsTakenOnceTheDeadlinePassedButTheFirstAlwaysIs() {
        List<Transaction> candidates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            candidates.add(withData(i, 0));
        }
        long[] now = {1000};
        ProposalBudget budget = new ProposalBudget(Long.MAX_VALUE, 1300);
        List<Transaction> taken = new ArrayList<>();
        for (Transaction tx : budget.limit(candidates, () -> now[0])) {
            taken.add(tx);
            now[0] += 100; // each execution takes 100 ms
        }
        assertEquals(candidates.subList(0, 3), taken, "started at 1000, 1100, 1200; at 1300 the deadline is reached");
        now[0] = 5000;
        assertEquals(candidates.subList(0, 1), taken(budget.limit(candidates, () -> now[0])),
                "a proposer that starts late still takes one transaction");
    }

    @Test
    void aProposalTakesHalfOfTheLargestMessageAndHalfOfTheBlockPeriod() {
        assertEquals(new ProposalBudget(8 * 1024 * 1024, 10_500), ProposalBudget.forProposal(16 * 1024 * 1024, 1, 10_000));
        assertEquals(new ProposalBudget(500, 12_500), ProposalBudget.forProposal(1000, 5, 10_000));
        assertTrue(ProposalBudget.forProposal(1000, 0, 10_000).deadlineMillis() > 10_000, "a zero period still leaves time");
    }
}
