package org.quorumee.node.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.Enclave;
import org.quorumee.core.privacy.enclave.RandomSource;

/**
 * The invariant on disk: three nodes on H2 file databases (as a node runs by default), A sends to
 * B; then every byte of every database file is searched. No file holds the plaintext or any 16-byte
 * piece of it; A's and B's files do hold the cipher text (so the search would have seen plaintext);
 * C's holds nothing of the payload.
 */
class PlaintextScanTest {
    private static final int PIECE = 16;

    @TempDir
    Path root;

    private final Random seed = new Random(99);
    private final RandomSource random = seed::nextBytes;

    @Test
    void databasesHoldCipherTextOnlyAndNonPartiesNothing() throws IOException {
        byte[] secret = ("PRIVATE-PAYLOAD-" + "x".repeat(200) + "-the answer is 42-END").getBytes(StandardCharsets.US_ASCII);
        BoxKeyPair a = BoxKeyPair.generate(random);
        BoxKeyPair b = BoxKeyPair.generate(random);
        BoxKeyPair c = BoxKeyPair.generate(random);
        Map<BoxPublicKey, String> where = Map.of(a.publicKey(), "A", b.publicKey(), "B", c.publicKey(), "C");
        Map<String, TransactionManager> nodes = new HashMap<>();
        Map<String, EntityManagerFactory> databases = new HashMap<>();
        PayloadPublisher loopback = pushes -> pushes.forEach(p ->
                nodes.get(p.node()).storeInbound(LegacyPayloadCodec.encode(p.payload())));
        for (Map.Entry<String, BoxKeyPair> node : Map.of("A", a, "B", b, "C", c).entrySet()) {
            Path dir = root.resolve(node.getKey());
            EntityManagerFactory emf = TestDatabases.migrate(TestDatabases.h2("jdbc:h2:file:" + dir.resolve("db/quorum")));
            databases.put(node.getKey(), emf);
            Map<BoxPublicKey, String> remote = new HashMap<>(where);
            remote.remove(node.getValue().publicKey());
            nodes.put(node.getKey(), new TransactionManager(new Enclave(List.of(node.getValue()), random),
                    new JpaPayloadStore(TestDatabases.transactions(emf), Clock.systemUTC()), new StaticPartyDirectory(remote), loopback));
        }

        TransactionManager.SendResult sent = nodes.get("A").send(secret, null, List.of(b.publicKey()), PrivacyMetadata.STANDARD);
        assertArrayEquals(secret, nodes.get("B").find(sent.hash()).orElseThrow().plaintext());
        assertTrue(nodes.get("C").find(sent.hash()).isEmpty());
        EncodedPayload stored = LegacyPayloadCodec.decode(LegacyPayloadCodec.encode(
                new JpaPayloadStore(TestDatabases.transactions(databases.get("A")), Clock.systemUTC()).find(sent.hash()).orElseThrow()));
        byte[] cipherText = stored.cipherText();
        databases.values().forEach(EntityManagerFactory::close);

        for (String node : List.of("A", "B", "C")) {
            byte[] files = allBytes(root.resolve(node));
            assertTrue(files.length > 0);
            java.util.Set<java.nio.ByteBuffer> pieces = new java.util.HashSet<>();
            for (int i = 0; i + PIECE <= secret.length; i++) {
                pieces.add(java.nio.ByteBuffer.wrap(Arrays.copyOfRange(secret, i, i + PIECE)));
            }
            for (int i = 0; i + PIECE <= files.length; i++) {
                if (pieces.contains(java.nio.ByteBuffer.wrap(files, i, PIECE))) {
                    throw new AssertionError(node + "'s database holds plaintext at byte " + i);
                }
            }
            boolean holdsCipherText = contains(files, Arrays.copyOf(cipherText, 64));
            assertEquals(!node.equals("C"), holdsCipherText, node + " holds the cipher text: " + holdsCipherText);
            assertFalse(node.equals("C") && contains(files, Arrays.copyOf(sent.hash().bytes(), 32)),
                    "the non-party's database does not even hold the hash");
        }
    }

    private static byte[] allBytes(Path dir) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.write(Files.readAllBytes(file));
                out.write(new byte[PIECE]);
            }
        }
        return out.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
