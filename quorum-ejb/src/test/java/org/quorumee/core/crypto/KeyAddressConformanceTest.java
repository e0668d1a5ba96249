package org.quorumee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.conformance.ConformanceReport;
import org.quorumee.core.conformance.Fixtures;
import org.quorumee.core.types.Address;

/**
 * BasicTests/keyaddrtest.json: private key to address. The file's {@code sig_of_emptystring} is not
 * compared: it comes from an old pyethereum signer (one of them has a high s) and recovers to the
 * key under none of keccak256(""), sha256(""), sha3-256("") or zero, so no client checks it; the
 * signing path is covered by {@link Secp256k1Test} with the EIP-155 vector instead.
 */
class KeyAddressConformanceTest {

    @Test
    void privateKeyToAddress() throws IOException {
        Path file = Fixtures.path("BasicTests/keyaddrtest.json");
        JsonNode cases = new ObjectMapper().readTree(file.toFile());
        ConformanceReport report = new ConformanceReport("BasicTests/keyaddrtest");
        for (JsonNode c : cases) {
            report.check(c.get("seed").asText(), () -> {
                KeyPair pair = KeyPair.fromPrivateKey(Hex.decode(c.get("key").asText()));
                assertEquals(Address.fromHex(c.get("addr").asText()), pair.address(), "address");
            });
        }
        report.printAndAssertAllPassed();
    }
}
