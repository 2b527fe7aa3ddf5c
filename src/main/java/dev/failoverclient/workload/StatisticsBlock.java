package dev.failoverclient.workload;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The seed's statistics block, word for word, followed by this client's extra lines (unknown
 * outcomes, online loss check, latency percentiles of acknowledged writes).
 */
public final class StatisticsBlock {
    private static final String RULE = "=".repeat(60);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

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
        line(b, "Success Rate:", String.format(Locale.ROOT, "%.2f%%", s.successRate()));
        line(b, "Last Success:", time(s.lastSuccess(), zone));
        line(b, "Last Error:", time(s.lastError(), zone));
        line(b, "Unknown Outcomes:", s.unknown() + " (sent, no answer: may have committed)");
        line(b, "Lost (online check):", Long.toString(s.lost()));
        line(b, "Latency p50/p99/max:", latency(s.okLatencyMicros()));
        b.append(RULE);
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-22s", label)).append(value).append('\n');
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? "Never" : TIME.format(t.atZone(zone));
    }

    private static String latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2fms / %.2fms / %.2fms", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
