package dev.failoverclient.config;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/** Parses the values users type for any option, each problem one line naming the option and what it expects. */
final class Values {
    private Values() {
    }

    static int integer(String text, String label, int min, int max) {
        String t = text.trim();
        try {
            int value = Integer.parseInt(t);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected range
        }
        String range = max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
        throw invalid(label, t, "a whole number " + range);
    }

    /** A duration that fits the driver's int milliseconds. */
    static Duration duration(String text, String label, boolean zeroAllowed) {
        Duration d = Durations.parse(text);
        if (d == null || (!zeroAllowed && d.isZero()) || d.toMillis() > Integer.MAX_VALUE) {
            throw invalid(label, text, (zeroAllowed ? "zero or a positive" : "a positive")
                    + " duration in seconds (1.5) or with a unit (250ms, 30s, 5m, 1h), at most 596h");
        }
        return d;
    }

    /**
     * A path as the user typed it, made absolute against the working directory once, here: every
     * later consumer (a child process such as mariadb-install-db included) sees the same file.
     */
    static Path path(String text, String label) {
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(label, text, "a valid path (" + e.getReason() + ")");
        }
    }

    /** Seconds as the user would type them: {@code 0.05}, {@code 1}. */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
    }

    static ConfigException invalid(String label, String value, String expected) {
        return new ConfigException("invalid " + label + " '" + value + "': expected " + expected);
    }
}
