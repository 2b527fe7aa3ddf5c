package dev.failoverclient.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedTest {
    private static String of(long numerator, long denominator, int decimals) {
        return Fixed.append(new StringBuilder(), numerator, denominator, decimals).toString();
    }

    @Test
    void printsWhatStringFormatPrints() {
        assertThat(of(1_234_500, 1_000_000, 2)).isEqualTo("1.23");   // 1.2345 -> 1.23
        assertThat(of(1_235_000, 1_000_000, 2)).isEqualTo("1.24");   // half up
        assertThat(of(5_000, 1_000_000, 2)).isEqualTo("0.01");
        assertThat(of(4_999, 1_000_000, 2)).isEqualTo("0.00");
        assertThat(of(100_000_000, 1_000_000, 2)).isEqualTo("100.00");
        assertThat(of(7, 1, 0)).isEqualTo("7");
        assertThat(of(1, 1_000, 3)).isEqualTo("0.001");
        assertThat(Fixed.millis(new StringBuilder(), 8_504_000).toString()).isEqualTo("8.50ms");
        assertThat(Fixed.percent(new StringBuilder(), 149, 150, 1).toString()).isEqualTo("99.3%");
        assertThat(Fixed.percent(new StringBuilder(), 0, 0, 2).toString()).isEqualTo("100.00%");
        assertThat(Fixed.percent(new StringBuilder(), 0, 3, 1).toString()).isEqualTo("0.0%");
    }

    @Test
    void agreesWithStringFormatOnLatenciesAndRates() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long nanos = random.nextInt(2_000_000_000);
            assertThat(Fixed.millis(new StringBuilder(), nanos).toString()).as("%d ns", nanos)
                    .isEqualTo(String.format(Locale.ROOT, "%.2fms", nanos / 1e6));
            long total = 1 + random.nextInt(1_000_000);
            long ok = random.nextInt((int) total + 1);
            assertThat(Fixed.percent(new StringBuilder(), ok, total, 1).toString()).as("%d of %d", ok, total)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f%%", 100.0 * ok / total));
        }
    }

    @Test
    void padsWithLeadingZerosToTheWidth() {
        for (int width = 1; width <= 9; width++) {
            for (int value : new int[] {0, 1, 9, 10, 99, 100, 12_345, 999_999, 123_456_789}) {
                assertThat(Fixed.pad(new StringBuilder(), value, width).toString()).as("%d to %d digits", value, width)
                        .isEqualTo(String.format(Locale.ROOT, "%0" + width + "d", value));
            }
        }
    }
}
