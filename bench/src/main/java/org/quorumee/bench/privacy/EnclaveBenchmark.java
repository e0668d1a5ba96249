package org.quorumee.bench.privacy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.quorumee.core.privacy.EncodedPayload;
import org.quorumee.core.privacy.LegacyPayloadCodec;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.enclave.BoxKeyPair;
import org.quorumee.core.privacy.enclave.Enclave;
import org.quorumee.core.privacy.enclave.Nacl;
import org.quorumee.core.privacy.enclave.RandomSource;

/**
 * The enclave's seal and open, per second, as a one-recipient private transaction needs them: seal
 * = a payload sealed under a fresh master key plus two boxes (recipient and sender); open = a
 * recipient opening its copy. Payload sizes: a contract call (256 B) and a small deployment (4 KiB).
 * Also the raw Curve25519 shared-key computation (what a box costs when the pair is not cached) and
 * the LEGACY codec.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class EnclaveBenchmark {
    @Param({"256", "4096"})
    int payloadBytes;

    private Enclave sender;
    private Enclave recipient;
    private BoxKeyPair senderKey;
    private BoxKeyPair recipientKey;
    private byte[] payload;
    private EncodedPayload forRecipient;
    private byte[] encoded;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        RandomSource source = random::nextBytes;
        senderKey = BoxKeyPair.generate(source);
        recipientKey = BoxKeyPair.generate(source);
        sender = new Enclave(List.of(senderKey), source);
        recipient = new Enclave(List.of(recipientKey), source);
        payload = new byte[payloadBytes];
        random.nextBytes(payload);
        forRecipient = seal().forRecipient(recipientKey.publicKey());
        encoded = LegacyPayloadCodec.encode(forRecipient);
    }

    @Benchmark
    public EncodedPayload seal() {
        return sender.encryptPayload(payload, senderKey.publicKey(), List.of(recipientKey.publicKey(), senderKey.publicKey()),
                PrivacyMetadata.STANDARD);
    }

    @Benchmark
    public byte[] open() {
        return recipient.decrypt(forRecipient).orElseThrow().plaintext();
    }

    @Benchmark
    public byte[] sharedKeyUncached() {
        return Nacl.sharedKey(recipientKey.publicKey().bytes(), senderKey.privateKey());
    }

    @Benchmark
    public byte[] encode() {
        return LegacyPayloadCodec.encode(forRecipient);
    }

    @Benchmark
    public EncodedPayload decode() {
        return LegacyPayloadCodec.decode(encoded);
    }
}
