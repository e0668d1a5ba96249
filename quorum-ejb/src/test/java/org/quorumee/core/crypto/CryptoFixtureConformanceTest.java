package org.quorumee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.Fixtures;

/**
 * {@code BasicTests/crypto.json} is read and its cases are counted, but none is run: they check the
 * encryption of devp2p's RLPx transport — {@code aes1} is AES-256-CTR with a zero counter,
 * {@code ecies1} the ECIES variant of the RLPx handshake — and this node has no devp2p/RLPx transport
 * (nor any other AES-256-CTR or ECIES code to run them on). The only AES the node has
 * is the keystore's AES-128-CTR, which {@link KeystoreTest} checks with the Web3 Secret Storage
 * vectors. Each case is a named skip; a new kind of case in the file fails this test, so that it is
 * looked at.
 */
class CryptoFixtureConformanceTest {
    private static final Map<String, String> WHY_NOT_RUN = Map.of(
            "aes_ctr", "AES-256-CTR of devp2p's RLPx frames: no devp2p transport in this node",
            "ecies_sec1_altered", "ECIES of devp2p's RLPx handshake: no devp2p transport in this node");

    @Test
    void cryptoCasesAreCountedAndSkippedWithTheirReason() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(Fixtures.path("BasicTests/crypto.json").toFile());
        ConformanceReport report = new ConformanceReport("BasicTests/crypto");
        for (Map.Entry<String, JsonNode> c : cases.properties()) {
            String type = c.getValue().path("decryption_type").asText();
            String reason = WHY_NOT_RUN.get(type);
            if (reason == null) {
                report.fail(c.getKey(), "a case of type '" + type + "' that this runner does not know");
            } else {
                report.skip(c.getKey(), reason);
            }
        }
        report.printAndAssertAllPassed();
        assertEquals(2, report.skipped(), "the file's two cases");
    }
}
