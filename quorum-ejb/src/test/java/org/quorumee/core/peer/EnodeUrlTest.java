package org.quorumee.core.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.Secp256k1;

class EnodeUrlTest {
    // The first node of GoQuorum's 7-node example (its permissioned-nodes.json).
    private static final String NODE1_ID = "ac6b1096ca56b9f6d004b779ae3728bf83f8e22453404cc3cef16a3d9b96608b"
            + "c67c4b30db88e0a5a6c6390213f7acbe1153ff6d23ce57380104288ae19373ef";

    @Test
    void parsesGoQuorumsForm() {
        EnodeUrl url = EnodeUrl.parse("enode://" + NODE1_ID + "@127.0.0.1:21000?discport=0&raftport=50401");
        assertEquals(NODE1_ID, url.nodeId());
        assertEquals("127.0.0.1", url.host());
        assertEquals(21000, url.port());
        assertEquals(0, url.discoveryPort());
        assertEquals(50401, url.raftPort());
        assertEquals("enode://" + NODE1_ID + "@127.0.0.1:21000?discport=0&raftport=50401", url.toString());
    }

    @Test
    void withoutQueryTheDiscoveryPortIsTheTcpPortAndThereIsNoRaftPort() {
        EnodeUrl url = EnodeUrl.parse("enode://" + NODE1_ID.toUpperCase() + "@node1.example:30303");
        assertEquals(NODE1_ID, url.nodeId());
        assertEquals(30303, url.discoveryPort());
        assertEquals(0, url.raftPort());
        assertEquals("enode://" + NODE1_ID + "@node1.example:30303?discport=30303", url.toString());
    }

    @Test
    void ipv6HostsAreBracketed() {
        EnodeUrl url = EnodeUrl.parse("enode://" + NODE1_ID + "@[::1]:21000?discport=0");
        assertEquals("::1", url.host());
        assertEquals(url, EnodeUrl.parse(url.toString()));
    }

    @Test
    void theNodeIdOfAKeyIsItsPublicKey() {
        // Private key 1: the public key is the curve's generator G (SEC 2, secp256k1).
        byte[] publicKey = Secp256k1.publicKey(BigIntegerBytes.of(BigInteger.ONE));
        EnodeUrl url = EnodeUrl.of(publicKey, "127.0.0.1", 26000);
        assertEquals("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8", url.nodeId());
    }

    @Test
    void refusesWhatIsNotAnEnodeUrl() {
        for (String bad : List.of(
                "", "enode://", "http://" + NODE1_ID + "@127.0.0.1:1",
                "enode://" + NODE1_ID.substring(2) + "@127.0.0.1:21000", // 63 bytes
                "enode://" + NODE1_ID + "ab@127.0.0.1:21000", // 65 bytes
                "enode://" + NODE1_ID.replace('a', 'g') + "@127.0.0.1:21000",
                "enode://" + NODE1_ID + "@127.0.0.1", // no port
                "enode://" + NODE1_ID + "@127.0.0.1:0",
                "enode://" + NODE1_ID + "@127.0.0.1:70000",
                "enode://" + NODE1_ID + "@127.0.0.1:21000?raftport=x",
                "enode://127.0.0.1:21000")) {
            assertThrows(IllegalArgumentException.class, () -> EnodeUrl.parse(bad), bad);
        }
    }

    /** Big-endian 32-byte form of a private key, built here so the test does not lean on the code under test. */
    private static final class BigIntegerBytes {
        static byte[] of(BigInteger value) {
            byte[] out = new byte[32];
            byte[] raw = value.toByteArray();
            System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
            return out;
        }
    }
}
