package org.quorumee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

class SignedMessageTest {

    @Test
    void hashesAsEthersHashMessage() {
        assertEquals("0xa1de988600a42c4b4ab089b619297c17d53cffae5d5120d82d8a92d0bb3b78f2",
                Hex.encode(SignedMessage.hash("Hello World".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void signedMessageRecoversToTheSigner() {
        KeyPair pair = KeyPair.fromPrivateKey(Keccak.keccak256("k".getBytes(StandardCharsets.UTF_8)));
        byte[] hash = SignedMessage.hash("hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(pair.address(), Secp256k1.recoverAddress(hash, pair.sign(hash)));
    }
}
