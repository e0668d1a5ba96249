package org.quorumee.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.rlp.RlpException;

class StateAccountTest {

    @Test
    void encodesAsEthereumStoresAccounts() {
        // An account of the hex_encoded_securetrie_test fixture: nonce 1, balance 0x0de0b6b3a7622746.
        String encoded = "0xf84c01880de0b6b3a7622746a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
                + "a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";
        StateAccount account = StateAccount.decode(Hex.decode(encoded));
        assertEquals(1, account.nonce());
        assertEquals(new BigInteger("0de0b6b3a7622746", 16), account.balance());
        assertEquals(StateAccount.EMPTY.withNonce(1).withBalance(account.balance()), account);
        assertTrue(!account.hasCode());
        assertEquals(encoded, Hex.encode(account.encode()));
    }

    @Test
    void nonceIsUnsigned64Bit() {
        StateAccount max = StateAccount.EMPTY.withNonce(-1L);   // 2^64 - 1, EIP-2681's limit
        String encoded = Hex.encode(max.encode());
        assertTrue(encoded.startsWith("0xf84c88ffffffffffffffff80"), encoded);
        assertEquals(max, StateAccount.decode(max.encode()));
        assertTrue(max.toString().contains("18446744073709551615"));
        // Nine bytes do not fit.
        assertThrows(RlpException.class, () -> StateAccount.decode(Hex.decode(encoded.replace("0xf84c88ffffffffffffffff", "0xf84d89ffffffffffffffffff"))));
    }

    @Test
    void emptyAccountConstants() {
        assertEquals("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
                Hex.encode(StateAccount.EMPTY_STORAGE_ROOT));
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                Hex.encode(StateAccount.EMPTY_CODE_HASH));
        assertTrue(StateAccount.EMPTY.isEmpty());
    }

    @Test
    void rejectsMalformedAccounts() {
        assertThrows(RlpException.class, () -> StateAccount.decode(Hex.decode("0xc3010203")));
        assertThrows(RlpException.class, () -> StateAccount.decode(Hex.decode("0xc0")));
        // A balance with a leading zero byte is not canonical.
        assertThrows(RlpException.class, () -> StateAccount.decode(Hex.decode(
                "0xf84601820001a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
                        + "a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")));
    }
}
