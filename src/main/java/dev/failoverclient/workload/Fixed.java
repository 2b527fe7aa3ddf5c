package dev.failoverclient.workload;

import java.time.LocalDateTime;

/**
 * Decimal text the write loop prints: ratios with a fixed number of decimals, rounded half up, as
 * {@code String.format("%.2f", …)} prints them, and zero-padded date-time fields.
 * {@link java.util.Formatter} and {@code DateTimeFormatter} parse or walk their pattern and allocate
 * each time, and the write loop prints two ratios per write and two times every ten writes.
 */
final class Fixed {
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000};

    private Fixed() {
    }

    /** Appends {@code numerator / denominator} with {@code decimals} (0 to 4) decimals. */
    static StringBuilder append(StringBuilder b, long numerator, long denominator, int decimals) {
        long scale = POWERS[decimals];
        long scaled = (2 * numerator * scale + denominator) / (2 * denominator);
        b.append(scaled / scale);
        if (decimals > 0) {
            b.append('.');
            long fraction = scaled % scale;
            for (long p = scale / 10; p > fraction && p > 1; p /= 10) {
                b.append('0');
            }
            b.append(fraction);
        }
        return b;
    }

    /** {@code 1.23ms} from nanoseconds. */
    static StringBuilder millis(StringBuilder b, long nanos) {
        return append(b, Math.max(0, nanos), 1_000_000, 2).append("ms");
    }

    /** {@code ok} in {@code total} as a percentage, {@code 99.3%}; 100% before the first attempt. */
    static StringBuilder percent(StringBuilder b, long ok, long total, int decimals) {
        return (total == 0 ? append(b, 100, 1, decimals) : append(b, 100 * ok, total, decimals)).append('%');
    }

    /** {@code yyyy-MM-dd HH:mm:ss} (years 0 to 9999). */
    static StringBuilder dateTime(StringBuilder b, LocalDateTime t) {
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append(' ');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        return pad(b, t.getSecond(), 2);
    }

    /** A non-negative {@code value} with leading zeros to {@code width} digits. */
    static StringBuilder pad(StringBuilder b, int value, int width) {
        for (int p = 1, i = 1; i < width; i++) {
            p *= 10;
            if (value < p) {
                b.append('0');
            }
        }
        return b.append(value);
    }
}
