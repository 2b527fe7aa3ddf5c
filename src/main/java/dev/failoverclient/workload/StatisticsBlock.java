package dev.failoverclient.workload;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The seed's statistics block, word for word, followed by this client's extra lines (unknown
 * outcomes, online loss check, latency percentiles of acknowledged writes).
 */
public final class StatisticsBlock {
    private static final String RULE = "=".repeat(60);

    private StatisticsBlock() {
    }

    public static String format(WriterStats.Snapshot s, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append(RULE).append('\n');
        b.append("Client Statistics (ID: ").append(s.clientId()).append(")\n");
        b.append(RULE).append('\n');
        line(b, "Current Sequence:", Long.toString(s.currentSequence()));
        line(b, "Total Writes:", Long.toString(s.total()));
        line(b, "Successful Writes:", Long.toString(s.ok()));
        line(b, "Failed Writes:", Long.toString(s.failed()));
        line(b, "Connection Errors:", Long.toString(s.connectionErrors()));
        s.appendSuccessRate(label(b, "Success Rate:")).append('\n');
        line(b, "Last Success:", time(s.lastSuccess(), zone));
        line(b, "Last Error:", time(s.lastError(), zone));
        line(b, "Unknown Outcomes:", s.unknown() + " (sent, no answer: may have committed)");
        line(b, "Lost (online check):", Long.toString(s.lost()));
        latency(label(b, "Latency p50/p99/max:"), s.okLatency()).append('\n');
        b.append(RULE);
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        label(b, label).append(value).append('\n');
    }

    /** The label padded to 22 characters, as the seed's {@code f"{label:<22}"}. */
    private static StringBuilder label(StringBuilder b, String label) {
        b.append(label);
        for (int i = label.length(); i < 22; i++) {
            b.append(' ');
        }
        return b;
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in the run's time zone. */
    static String time(Instant t, ZoneId zone) {
        if (t == null) {
            return "Never";
        }
        LocalDateTime l = LocalDateTime.ofInstant(t, zone);
        return Fixed.pad(Fixed.dateTime(new StringBuilder(26), l).append('.'), l.getNano() / 1_000, 6).toString();
    }

    private static StringBuilder latency(StringBuilder b, WriterStats.Latency l) {
        if (l == null) {
            return b.append("n/a");
        }
        Fixed.millis(b, l.p50Micros() * 1_000).append(" / ");
        Fixed.millis(b, l.p99Micros() * 1_000).append(" / ");
        return Fixed.millis(b, l.maxMicros() * 1_000);
    }
}
