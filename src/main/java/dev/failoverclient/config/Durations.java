package dev.failoverclient.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations users type: a bare number is seconds ({@code 1.0}, {@code 0.5}); a suffix
 * selects the unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}). Resolution is 1 µs.
 */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /** Returns the duration or {@code null} when the text is not a non-negative duration. */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long microsPerUnit = switch (unit) {
            case "ms" -> 1_000L;
            case "s" -> 1_000_000L;
            case "m" -> 60_000_000L;
            default -> 3_600_000_000L;
        };
        BigDecimal micros = amount.multiply(BigDecimal.valueOf(microsPerUnit));
        if (micros.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000)) > 0) {
            return null;
        }
        return Duration.ofNanos(micros.longValue() * 1_000);
    }

    /** Formats for humans: {@code 1.5s}, {@code 100ms}. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1_000) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
