package org.quorumee.node.chain;

import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.BlockchainTestRunner;

/**
 * {@code BlockchainTests} (ValidBlocks and InvalidBlocks, Cancun) on the database-backed node store
 * over H2, as the node stores state: every block imported in its own transaction, a refused block's
 * writes rolled back, reads through a small cache to the database. Tests run one after another on one
 * database (the store is content-addressed, so they share nodes as a chain's blocks do).
 * {@code -Dblocktests.filter=...} runs a subset.
 */
class BlockchainConformanceOnDatabaseTest {

    @Test
    void blockchainTestsOnH2() {
        try (JpaStateStores stores = new JpaStateStores(JpaStateStores.h2())) {
            new BlockchainTestRunner(stores, System.getProperty("blocktests.filter", ""))
                    .runAndAssert("BlockchainTests on the database node store (H2)");
        }
    }
}
