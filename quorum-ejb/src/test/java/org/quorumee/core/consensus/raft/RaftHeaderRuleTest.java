package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.types.Address;

/**
 * The header rules of a Raft chain: a minter's seal, well formed, from which a signer is recovered;
 * a parent's timestamp repeated only in seconds.
 */
class RaftHeaderRuleTest {
    private static final KeyPair NODE_KEY = KeyPair.fromPrivateKey(
            Hex.decode("4646464646464646464646464646464646464646464646464646464646464646"));
    private final RaftHeaderRule rule = new RaftHeaderRule(RaftTimestampUnit.NANOSECONDS);

    private static BlockHeader header(byte[] extra) {
        return BlockHeader.builder().number(3).gasLimit(700_000_000L).timestamp(1_700_000_000_123_456_789L)
                .coinbase(Address.ZERO).extraData(extra).build();
    }

    @Test
    void aSealedHeaderPasses() {
        BlockHeader sealed = RaftSeal.seal(header(new byte[0]), 2, NODE_KEY);
        assertDoesNotThrow(() -> rule.validate(sealed, header(new byte[0])));
    }

    @Test
    void aHeaderWithoutSealIsRefused() {
        InvalidBlockException refused = assertThrows(InvalidBlockException.class,
                () -> rule.validate(header(new byte[0]), header(new byte[0])));
        assertTrue(refused.getMessage().contains("Raft seal"), refused.getMessage());
    }

    @Test
    void aSealWhoseSignatureRecoversNoKeyIsRefused() {
        byte[] extra = RaftSeal.seal(header(new byte[0]), 2, NODE_KEY).extraData();
        // r = 0 is no signature at all
        for (int i = 37; i < 37 + 32; i++) {
            extra[i] = 0;
        }
        assertThrows(InvalidBlockException.class, () -> rule.validate(header(extra), header(new byte[0])));
    }

    @Test
    void equalTimestampsOnlyInSeconds() {
        assertTrue(new RaftHeaderRule(RaftTimestampUnit.SECONDS).allowsParentTimestamp());
        assertFalse(new RaftHeaderRule(RaftTimestampUnit.NANOSECONDS).allowsParentTimestamp());
    }
}
