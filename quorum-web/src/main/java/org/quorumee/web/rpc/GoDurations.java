package org.quorumee.web.rpc;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Durations written as go-ethereum takes them (Go's {@code time.ParseDuration}): a sequence of
 * decimal numbers, each with a unit, such as {@code "5s"}, {@code "500ms"}, {@code "1m30s"} or
 * {@code "1.5h"}; units {@code ns}, {@code us} ({@code µs}), {@code ms}, {@code s}, {@code m},
 * {@code h}. {@code "0"} alone is zero. Negative durations are refused (none is meaningful here).
 */
public final class GoDurations {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDurations() {
    }

    /** @throws IllegalArgumentException for text that is not such a duration */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < text.length()) {
            int numberStart = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            String number = text.substring(numberStart, unitStart);
            Long unit = NANOS_PER_UNIT.get(text.substring(unitStart, i));
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.') || unit == null) {
                throw new IllegalArgumentException("invalid duration");
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("duration too large");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** As Go prints a duration: {@code "5s"}, {@code "500ms"}, {@code "1m30s"}, {@code "0s"}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return decimal(nanos, 1_000) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return decimal(nanos, 1_000_000) + "ms";
        }
        StringBuilder text = new StringBuilder();
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        return text.append(decimal(nanos % 60_000_000_000L, 1_000_000_000)).append('s').toString();
    }

    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}
