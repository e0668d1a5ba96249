package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;

class BlockHeaderTest {

    @Test
    void eachForkAppendsItsFields() {
        BlockHeader.Builder builder = BlockHeader.builder().number(5).gasLimit(30_000_000).timestamp(12);
        assertEquals(15, fieldCount(builder.build()));
        builder.baseFee(BigInteger.valueOf(7));
        assertEquals(16, fieldCount(builder.build()));
        builder.withdrawalsRoot(new byte[32]);
        assertEquals(17, fieldCount(builder.build()));
        builder.blobGasUsed(0L).excessBlobGas(0L).parentBeaconBlockRoot(new byte[32]);
        BlockHeader cancun = builder.build();
        assertEquals(20, fieldCount(cancun));
        BlockHeader decoded = BlockHeader.decode(cancun.encode());
        assertEquals(cancun, decoded);
        assertEquals(BigInteger.valueOf(7), decoded.baseFee().orElseThrow());
        assertEquals(0L, decoded.excessBlobGas().orElseThrow());
    }

    private static int fieldCount(BlockHeader header) {
        return Rlp.decode(header.encode()).items().size();
    }

    @Test
    void laterForkFieldWithoutEarlierOneIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> BlockHeader.builder().withdrawalsRoot(new byte[32]).build());
        assertThrows(IllegalArgumentException.class,
                () -> BlockHeader.builder().stateRoot(new byte[31]).build());
    }

    @Test
    void malformedHeadersAreRejected() {
        byte[] fourteen = Rlp.encodeList(java.util.Collections.nCopies(14, Rlp.EMPTY_STRING));
        assertThrows(RlpException.class, () -> BlockHeader.decode(fourteen));
        BlockHeader header = BlockHeader.builder().build();
        List<RlpItem> fields = Rlp.decode(header.encode()).items();
        // A nonce of 7 bytes instead of 8.
        List<byte[]> items = new java.util.ArrayList<>(fields.stream().map(RlpItem::encoded).toList());
        items.set(14, Rlp.encodeBytes(new byte[7]));
        assertThrows(RlpException.class, () -> BlockHeader.decode(Rlp.encodeList(items)));
    }

    @Test
    void nonceIsEightBytesAndUnsigned() {
        BlockHeader header = BlockHeader.builder().nonce(0xff00000000000042L).build();
        BlockHeader decoded = BlockHeader.decode(header.encode());
        assertEquals(0xff00000000000042L, decoded.nonce());
        assertFalse(decoded.baseFee().isPresent());
        assertTrue(decoded.toString().contains("number=0"));
    }
}
