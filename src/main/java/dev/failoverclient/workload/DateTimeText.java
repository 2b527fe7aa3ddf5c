package dev.failoverclient.workload;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The INSERT's {@code write_timestamp}, epoch microseconds as the DATETIME(6) literal
 * {@code yyyy-MM-dd HH:mm:ss.ffffff} in UTC: the value the UTC {@code LocalDateTime} it replaced
 * stored, without Connector/J's codec search and date formatting on every write (together 7 % of
 * the writer thread's CPU, profiled under the chart's 100m). One writer's: not thread-safe.
 */
final class DateTimeText {
    private static final int SECOND_LENGTH = "yyyy-MM-dd HH:mm:ss.".length();

    private final StringBuilder text = new StringBuilder(26);
    private long second = Long.MIN_VALUE;

    String of(long micros) {
        long s = Math.floorDiv(micros, 1_000_000);
        if (s != second) {
            second = s;
            text.setLength(0);
            Fixed.dateTime(text, LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC)).append('.');
        }
        text.setLength(SECOND_LENGTH);
        return Fixed.pad(text, (int) Math.floorMod(micros, 1_000_000), 6).toString();
    }
}
