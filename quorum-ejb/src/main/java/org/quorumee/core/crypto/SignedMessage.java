package org.quorumee.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * EIP-191 version 0x45 ("personal") messages, as {@code eth_sign} and {@code personal_sign} sign
 * them: keccak256("\x19Ethereum Signed Message:\n" + decimal length + message). The prefix keeps a
 * signed message from ever being a valid transaction.
 */
public final class SignedMessage {
    private static final byte[] PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);

    private SignedMessage() {
    }

    /** The hash that is signed for {@code message}. */
    public static byte[] hash(byte[] message) {
        byte[] length = Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[PREFIX.length + length.length + message.length];
        System.arraycopy(PREFIX, 0, input, 0, PREFIX.length);
        System.arraycopy(length, 0, input, PREFIX.length, length.length);
        System.arraycopy(message, 0, input, PREFIX.length + length.length, message.length);
        return Keccak.keccak256(input);
    }
}
