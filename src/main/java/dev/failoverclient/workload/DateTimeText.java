package dev.failoverclient.workload;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The INSERT's {@code write_timestamp}, epoch microseconds as the DATETIME(6) literal
 * {@code yyyy-MM-dd HH:mm:ss.ffffff} in UTC: the text Connector/J would send for the same
 * {@code LocalDateTime}, made without its per-write codec search and date formatting (together
 * about a tenth of the write loop's CPU, profiled under the chart's 100m). One writer's: not
 * thread-safe.
 */
final class DateTimeText {
    private final char[] text = "0000-00-00 00:00:00.000000".toCharArray();
    private long second = Long.MIN_VALUE;

    String of(long micros) {
        long s = Math.floorDiv(micros, 1_000_000);
        if (s != second) {
            second = s;
            LocalDateTime t = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
            digits(0, 4, t.getYear());
            digits(5, 2, t.getMonthValue());
            digits(8, 2, t.getDayOfMonth());
            digits(11, 2, t.getHour());
            digits(14, 2, t.getMinute());
            digits(17, 2, t.getSecond());
        }
        digits(20, 6, (int) Math.floorMod(micros, 1_000_000));
        return new String(text);
    }

    private void digits(int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
