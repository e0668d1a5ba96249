package org.quorumee.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * The client scenarios against a node that is already running (e.g. a Hardhat node with chain id 10
 * and the dev account funded), to check the clients themselves without a WildFly:
 * {@code java -cp <test classes and test class path> org.quorumee.it.support.ExternalNodeCheck http://127.0.0.1:8545/}.
 * Reads back without a restart; the ITs add the restart.
 */
public final class ExternalNodeCheck {
    private ExternalNodeCheck() {
    }

    public static void main(String[] args) throws Exception {
        URI node = URI.create(args[0]);
        Web3jContractScenario.Snapshot snapshot = Web3jContractScenario.exercise(node);
        Web3jContractScenario.assertReadsBack(node, snapshot);
        System.out.println("web3j: contracts at block " + snapshot.block() + ": storage " + snapshot.storage()
                + ", token " + snapshot.token() + ", " + snapshot.receipts().size() + " receipts, "
                + snapshot.transferLogs().size() + " Transfer logs; read back equal");
        JsonNode summary = ClientScript.run(node);
        ClientScript.assertEthersSummary(summary);
        System.out.println("ethers: " + summary);
    }
}
