package org.quorumee.web.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's duration syntax, values worked out by hand from Go's documentation of time.ParseDuration. */
class GoDurationsTest {

    @Test
    void parsesGoDurations() {
        assertEquals(Duration.ofSeconds(10), GoDurations.parse("10s"));
        assertEquals(Duration.ofMillis(500), GoDurations.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), GoDurations.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), GoDurations.parse("1.5h"));
        assertEquals(Duration.ofNanos(300_000), GoDurations.parse("300us"));
        assertEquals(Duration.ofNanos(300_000), GoDurations.parse("300µs"));
        assertEquals(Duration.ofNanos(1), GoDurations.parse("1ns"));
        assertEquals(Duration.ofMillis(2_500), GoDurations.parse("2.5s"));
        assertEquals(Duration.ZERO, GoDurations.parse("0"));
        assertEquals(Duration.ZERO, GoDurations.parse("0s"));
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String bad : new String[] {"", "10", "s", "5x", "1.2.3s", ".s", "-5s", "5 s", "1e3s"}) {
            assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("2562048h"), "more than 2^63 - 1 ns (Go: at most 2562047h47m)");
    }

    @Test
    void printsAsGo() {
        assertEquals("5s", GoDurations.format(Duration.ofSeconds(5)));
        assertEquals("500ms", GoDurations.format(Duration.ofMillis(500)));
        assertEquals("1m30s", GoDurations.format(Duration.ofSeconds(90)));
        assertEquals("1h0m0s", GoDurations.format(Duration.ofHours(1)));
        assertEquals("2.5s", GoDurations.format(Duration.ofMillis(2_500)));
        assertEquals("0s", GoDurations.format(Duration.ZERO));
    }
}
