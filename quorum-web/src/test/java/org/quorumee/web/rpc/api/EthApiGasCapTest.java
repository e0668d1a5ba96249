package org.quorumee.web.rpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.quorumee.web.rpc.JsonRpcException;

/** The gas of eth_call and eth_estimateGas: read as a 64-bit quantity, then capped as go-ethereum. */
class EthApiGasCapTest {

    private static TransactionArgs gas(String gas) {
        TransactionArgs args = new TransactionArgs();
        args.gas = gas;
        return args;
    }

    @Test
    void aLargerRequestIsCappedNotRefused() {
        assertEquals(50_000_000L, EthApi.cappedGas(0x7fffffffffffffffL, 50_000_000L));
        assertEquals(21_000L, EthApi.cappedGas(21_000L, 50_000_000L));
        assertEquals(0x7fffffffffffffffL, EthApi.cappedGas(0x7fffffffffffffffL, 0), "0: no cap");
    }

    @Test
    void gasIsA64BitQuantity() {
        assertEquals(0x5208L, gas("0x5208").gasLimit().orElseThrow());
        assertEquals(Long.MAX_VALUE, gas("0x8000000000000000").gasLimit().orElseThrow(), "2^63 reads as the most gas");
        assertEquals(Long.MAX_VALUE, gas("0xffffffffffffffff").gasLimit().orElseThrow(), "2^64 - 1");
        JsonRpcException tooLarge = assertThrows(JsonRpcException.class, () -> gas("0x10000000000000000").gasLimit());
        assertEquals(JsonRpcException.INVALID_PARAMS, tooLarge.code());
        assertEquals("gas: hex number > 64 bits: 0x10000000000000000", tooLarge.getMessage());
    }

    @Test
    void aNonceIsA64BitQuantityToo() {
        TransactionArgs args = new TransactionArgs();
        args.nonce = "0xffffffffffffffff";
        assertEquals(-1L, args.nonceValue().orElseThrow(), "2^64 - 1 as an unsigned long");
        args.nonce = "0x10000000000000000";
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class, args::nonceValue).code());
    }
}
