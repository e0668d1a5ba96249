package org.quorumee.core.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

class TransactionResultTest {

    @Test
    void decodesSolidityErrorStringRevertReasons() {
        // Error("insufficient balance")
        byte[] data = Hex.decode("0x08c379a0"
                + "0000000000000000000000000000000000000000000000000000000000000020"
                + "0000000000000000000000000000000000000000000000000000000000000014"
                + "696e73756666696369656e742062616c616e6365000000000000000000000000");
        TransactionResult result = new TransactionResult(TransactionResult.Status.REVERT, 30000, List.of(), data, null,
                null);
        assertEquals(Optional.of("insufficient balance"), result.revertReason());
    }

    @Test
    void otherRevertDataHasNoReason() {
        TransactionResult truncated = new TransactionResult(TransactionResult.Status.REVERT, 1, List.of(),
                Hex.decode("0x08c379a0"), null, null);
        assertTrue(truncated.revertReason().isEmpty());
    }
}
