package org.quorumee.web.rpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.quorumee.web.rpc.JsonRpcException;

/** Unlocking over RPC as go-ethereum allows it: not at all unless quorum.rpc.allowInsecureUnlock is set. */
class PersonalApiTest {

    @Test
    void unlockIsRefusedByDefault() {
        // The test JVM sets no quorum.rpc.* property: the product's defaults.
        JsonRpcException refused = assertThrows(JsonRpcException.class,
                () -> new PersonalApi().unlockAccount("0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf", "", 60L));
        assertEquals(JsonRpcException.SERVER_ERROR, refused.code());
        assertEquals("account unlock with HTTP access is forbidden", refused.getMessage());
    }

    @Test
    void theLongestUnlockIsGethsBound() {
        // time.Duration(math.MaxInt64) / time.Second in Go: 9223372036 s, about 292 years
        assertEquals(9_223_372_036L, PersonalApi.MAX_UNLOCK_SECONDS);
    }
}
