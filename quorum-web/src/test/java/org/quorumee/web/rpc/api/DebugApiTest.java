package org.quorumee.web.rpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorumee.core.trace.StructLogger;
import org.quorumee.web.rpc.JsonRpcException;

class DebugApiTest {

    @Test
    void readsGethsTraceOptions() {
        assertEquals(StructLogger.Options.DEFAULT, DebugApi.options(null));
        assertEquals(new StructLogger.Options(true, true, true),
                DebugApi.options(Map.of("disableStack", true, "enableMemory", true, "disableStorage", true)));
        assertEquals(new StructLogger.Options(false, true, false), DebugApi.options(Map.of("disableMemory", false)));
        assertEquals(StructLogger.Options.DEFAULT, DebugApi.options(Map.of("disableMemory", true)));
    }

    @Test
    void refusesNamedTracersAndUnknownOptions() {
        assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class,
                () -> DebugApi.options(Map.of("tracer", "callTracer"))).code());
        assertThrows(JsonRpcException.class, () -> DebugApi.options(Map.of("enableMemroy", true)));
        assertThrows(JsonRpcException.class, () -> DebugApi.options(Map.of("disableStack", "yes")));
    }

    @Test
    void theTimeoutOptionIsAGoDuration() {
        assertEquals(Duration.ofSeconds(5), DebugApi.timeout(null), "geth's default");
        assertEquals(Duration.ofSeconds(5), DebugApi.timeout(Map.of("disableStack", true)));
        assertEquals(Duration.ofSeconds(10), DebugApi.timeout(Map.of("timeout", "10s")));
        assertEquals(Duration.ofMillis(500), DebugApi.timeout(Map.of("timeout", "500ms")));
        for (Object bad : new Object[] {"10", "ten seconds", 10, "0s"}) {
            assertEquals(JsonRpcException.INVALID_PARAMS, assertThrows(JsonRpcException.class,
                    () -> DebugApi.timeout(Map.of("timeout", bad))).code(), String.valueOf(bad));
        }
    }
}
