package org.quorumee.core.chain;

import org.junit.jupiter.api.Test;

/**
 * {@code BlockchainTests/ValidBlocks} and {@code InvalidBlocks} (Cancun) on in-memory node stores, tests
 * in parallel (see {@link BlockchainTestRunner} for the rules). The database-backed store runs the same
 * suites in {@code org.quorumee.node.chain.DatabaseNodeStoreTest}.
 * {@code -Dblocktests.filter=<substring of the path or test name>} runs a subset.
 */
class BlockchainConformanceTest {

    @Test
    void blockchainTests() {
        new BlockchainTestRunner(BlockchainTestRunner.IN_MEMORY, System.getProperty("blocktests.filter", ""))
                .runAndAssert("BlockchainTests");
    }
}
