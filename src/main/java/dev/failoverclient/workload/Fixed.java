package dev.failoverclient.workload;

/**
 * Decimal text of a non-negative ratio with a fixed number of decimals, rounded half up, as
 * {@code String.format("%.2f", …)} prints it: the write loop prints two such numbers per write, and
 * {@link java.util.Formatter} parses its pattern and allocates a formatter each time.
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
}
