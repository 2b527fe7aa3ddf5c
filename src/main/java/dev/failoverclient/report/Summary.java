package dev.failoverclient.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Outage;
import dev.failoverclient.verify.Conclusion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The JSON summary shared by {@code run} and {@code verify} (keys in ARCHITECTURE.md). Everything
 * is derived from the ledgers and the checker's reports, so both commands agree on the same data.
 * Durations are milliseconds, times ISO-8601 UTC, sequences under {@code details} as ranges.
 */
public final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> root = new LinkedHashMap<>();

    private Summary() {
    }

    /**
     * @param conclusion the verdict and its reasons (UNKNOWN when the servers could not be read)
     * @param reports    one per ledger, same order; empty when the servers could not be read
     * @param onlineLost acknowledged writes the online check found missing during the run
     */
    public static Summary of(Conclusion conclusion, List<Ledger> ledgers, List<ClientReport> reports,
                             long onlineLost) {
        Summary s = new Summary();
        Map<String, Object> r = s.root;
        r.put("verdict", conclusion.verdict().name());
        r.put("reasons", conclusion.asMap());
        r.put("version", Version.current());
        r.put("clients", ledgers.stream().map(Ledger::clientId).toList());
        long attempted = 0;
        long ok = 0;
        long failed = 0;
        long unknown = 0;
        long first = Long.MAX_VALUE;
        Histogram latency = new Histogram(3);
        for (Ledger l : ledgers) {
            for (Attempt a : l.attempts()) {
                attempted++;
                first = Math.min(first, a.startMicros());
                switch (a.outcome().label()) {
                    case "OK" -> {
                        ok++;
                        latency.recordValue(Math.max(0, a.latencyMicros()));
                    }
                    case "FAILED" -> failed++;
                    default -> unknown++;
                }
            }
        }
        r.put("writes", ordered("attempted", attempted, "ok", ok, "failed", failed, "unknown", unknown));
        boolean checked = !reports.isEmpty() || ledgers.isEmpty();
        r.put("unknown_committed", checked ? reports.stream().mapToLong(ClientReport::unknownCommitted).sum() : null);
        r.put("lost", checked ? reports.stream().mapToLong(c -> c.lost().size()).sum() : null);
        r.put("duplicates", checked ? reports.stream().mapToLong(c -> c.duplicates().size()).sum() : null);
        r.put("unexpected", checked ? reports.stream().mapToLong(c -> c.unexpected().size()).sum() : null);
        r.put("online_lost", onlineLost);
        long runEnd = Ledger.runEndMicros(ledgers);
        List<Map<String, Object>> outages = new ArrayList<>();
        long maxOutage = 0;
        for (Ledger l : ledgers) {
            for (Outage o : dev.failoverclient.verify.Outages.of(l.attempts())) {
                long ms = o.durationMillis(runEnd);
                maxOutage = Math.max(maxOutage, ms);
                outages.add(ordered("client", o.clientId(), "start", iso(o.startMicros()),
                        "end", o.open() ? null : iso(o.endMicros()), "duration_ms", ms, "attempts", o.attempts()));
            }
        }
        r.put("outages", outages);
        r.put("max_outage_ms", maxOutage);
        double seconds = attempted == 0 ? 0 : Math.max(1, runEnd - first) / 1e6;
        r.put("throughput_wps", seconds == 0 ? 0.0 : Math.round(ok / seconds * 10) / 10.0);
        r.put("latency_ms", latency.getTotalCount() == 0 ? ordered("p50", null, "p99", null, "max", null)
                : ordered("p50", ms(latency.getValueAtPercentile(50)), "p99", ms(latency.getValueAtPercentile(99)),
                "max", ms(latency.getMaxValue())));
        r.put("details", details(reports));
        return s;
    }

    /** Adds or replaces a top-level key (the lab adds scenario, replication, ground truth). */
    public Summary with(String key, Object value) {
        root.put(key, value);
        return this;
    }

    public Map<String, Object> asMap() {
        return root;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), root);
    }

    private static Map<String, Object> details(List<ClientReport> reports) {
        Map<String, Object> byClient = new LinkedHashMap<>();
        for (ClientReport c : reports) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("attempted", c.attempted());
            d.put("ok", c.ok());
            d.put("failed", c.failed());
            d.put("unknown", c.unknown());
            d.put("unknown_committed", c.unknownCommitted());
            d.put("unknown_not_committed", c.unknownNotCommitted());
            d.put("lost", ranges(c.lost()));
            d.put("duplicates", ranges(c.duplicates()));
            d.put("unexpected", ranges(c.unexpected()));
            List<Map<String, Object>> replicas = new ArrayList<>();
            for (ClientReport.ReplicaFinding f : c.replicas()) {
                replicas.add(ordered("node", f.node(), "rows", f.rows(), "missing", ranges(f.missing()),
                        "errant", ranges(f.errant()), "duplicates", ranges(f.duplicates())));
            }
            d.put("replicas", replicas);
            byClient.put(c.clientId(), d);
        }
        return Map.of("clients", byClient);
    }

    private static List<String> ranges(List<Long> sequences) {
        return SequenceRanges.of(sequences).stream().map(SequenceRanges.Range::toString).toList();
    }

    private static String iso(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L)
                .toString();
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
