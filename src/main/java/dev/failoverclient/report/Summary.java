package dev.failoverclient.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.CensusReport;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Conclusion;
import dev.failoverclient.verify.GapAnalysis;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.verify.OutagePhases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The JSON summary of an {@link Analysis} (its keys are a contract: docs/ARCHITECTURE.md), the
 * same for {@code run}, {@code verify} and {@code lab}. Durations are milliseconds, times ISO-8601
 * UTC, sequences under {@code details} as ranges.
 */
public final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> root = new LinkedHashMap<>();

    private Summary() {
    }

    public static Summary of(Analysis a) {
        Summary s = new Summary();
        Map<String, Object> r = s.root;
        verdict(r, a.conclusion());
        r.put("clients", a.clients().stream().map(ClientReport::clientId).toList());
        r.put("writes", ordered("attempted", a.attempted(), "ok", a.ok(), "failed", a.failed(), "unknown",
                a.unknown()));
        r.put("unknown_committed", a.rowsRead() ? sum(a, ClientReport::unknownCommitted) : null);
        r.put("lost", a.rowsRead() ? sum(a, c -> c.lost().count()) : null);
        r.put("duplicates", a.rowsRead() ? sum(a, c -> c.duplicates().count()) : null);
        r.put("unexpected", a.rowsRead() ? sum(a, c -> c.unexpected().count()) : null);
        r.put("partial", a.rowsRead() ? sum(a, ClientReport::partialTransactions) : null);
        int rows = a.clients().stream().mapToInt(ClientReport::rowsPerAttempt).max().orElse(1);
        if (rows > 1) {
            r.put("transaction_rows", rows);
        }
        r.put("online_lost", a.onlineLost());
        List<Map<String, Object>> outages = new ArrayList<>();
        for (Outage o : a.outages()) {
            long ms = o.durationMillis(a.runEndMicros());
            outages.add(ordered("client", o.clientId(), "start", Micros.iso(o.startMicros()),
                    "end", o.open() ? null : Micros.iso(o.endMicros()), "duration_ms", ms, "attempts", o.attempts()));
        }
        r.put("outages", outages);
        r.put("max_outage_ms", a.maxOutageMillis());
        r.put("throughput_wps", Math.round(a.throughput() * 10) / 10.0);
        Histogram latency = a.okLatencyMicros();
        r.put("latency_ms", latency.getTotalCount() == 0 ? ordered("p50", null, "p99", null, "max", null)
                : ordered("p50", ms(latency.getValueAtPercentile(50)), "p99", ms(latency.getValueAtPercentile(99)),
                "max", ms(latency.getMaxValue())));
        r.put("topology", a.topology());
        r.put("server_settings", a.durability().stream().map(d -> ordered("server_id", d.serverId(), "hostname",
                d.hostname(), "settings", d.settings(), "warnings", d.warnings())).toList());
        r.put("tls", ordered("all_encrypted", a.tls().allEncrypted(),
                "connections", a.tls().links().stream().map(l -> ordered("server_id", l.serverId(), "hostname",
                        l.hostname(), "encrypted", l.encrypted(), "protocol", l.protocol(), "cipher", l.cipher(),
                        "connections", l.connections())).toList(),
                "refused", a.tls().refusals().stream().map(f -> ordered("client", f.client(), "at",
                        Micros.iso(f.micros()), "message", f.message())).toList()));
        if (a.census() != null) {
            r.put("census", census(a.census()));
        }
        if (!a.errantTransactions().isEmpty()) {
            r.put("errant_transactions", a.errantTransactions());
        }
        if (!a.events().isEmpty()) {
            r.put("ground_truth", a.events().stream().map(LabEvent::asMap).toList());
            r.put("outage_phases", a.phases().stream().map(OutagePhases.Phases::asMap).toList());
            r.put("anomalies_by_cycle", FaultAnomalies.of(a).stream().map(FaultAnomalies.Row::asMap).toList());
            r.put("cycle_unavailability", a.find(OutagePhases.class).totals().stream().map(t -> ordered("cycle",
                    t.cycle(), "client", t.client(), "outages", t.outages(), "unavailable_ms", t.unavailableMillis(),
                    "longest_write_ms", t.longestWriteMillis())).toList());
        }
        View.allJson(a, r);
        r.put("details", details(a));
        return s;
    }

    /**
     * The summary of {@code verify --no-ledger}: the verdict and reasons as for a run, the clients,
     * the counts {@code gaps} and {@code duplicates}, and per client the ranges.
     */
    public static Summary of(GapAnalysis.Gaps gaps) {
        Summary s = new Summary();
        Map<String, Object> r = s.root;
        verdict(r, gaps.conclusion());
        r.put("ledger", false);
        r.put("clients", gaps.clients().stream().map(GapAnalysis.Result::clientId).toList());
        r.put("gaps", gaps.missing());
        r.put("duplicates", gaps.duplicates());
        r.put("partial", gaps.partial());
        if (gaps.transactions()) {
            r.put("transaction_rows", gaps.clients().get(0).transactionRows());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (GapAnalysis.Result c : gaps.clients()) {
            details.put(c.clientId(), ordered("rows", c.rows(), "first", c.first(), "last", c.last(), "missing",
                    c.missing(), "gaps", c.gaps().stream().map(Object::toString).toList(), "duplicates",
                    SequenceRanges.of(c.duplicates()).stream().map(Object::toString).toList(), "partial",
                    c.partial().stream().map(Object::toString).toList()));
        }
        r.put("details", Map.of("clients", details));
        return s;
    }

    /**
     * The summary of a verdict reached without an analysis (the live endpoint before the writers
     * started): the verdict, its reasons and why.
     */
    public static Summary of(Conclusion conclusion, String error) {
        Summary s = new Summary();
        verdict(s.root, conclusion);
        s.root.put("error", error);
        return s;
    }

    private static void verdict(Map<String, Object> r, Conclusion c) {
        r.put("verdict", c.verdict().name());
        r.put("reasons", c.asMap());
        r.put("version", Version.current());
    }

    /** Adds or replaces a top-level key (the lab adds scenario, replication, nodes). */
    public Summary with(String key, Object value) {
        root.put(key, value);
        return this;
    }

    public Map<String, Object> asMap() {
        return root;
    }

    public String json() {
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("a summary is plain maps, lists and numbers", e);
        }
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), root);
    }

    private static Map<String, Object> details(Analysis a) {
        Map<String, Object> byClient = new LinkedHashMap<>();
        for (ClientReport c : a.clients()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("attempted", c.attempted());
            d.put("ok", c.ok());
            d.put("failed", c.failed());
            d.put("unknown", c.unknown());
            d.put("unknown_committed", c.unknownCommitted());
            d.put("unknown_not_committed", c.unknownNotCommitted());
            d.put("lost", c.lost().labels());
            d.put("duplicates", c.duplicates().labels());
            d.put("unexpected", c.unexpected().labels());
            d.put("partial", c.partial().labels());
            d.put("online_lost", c.onlineLost().labels());
            d.put("lost_where", c.lostWhere().stream().map(l -> ordered("sequences", l.sequences().toString(),
                    "nodes", l.nodes(), "gtids", l.gtids())).toList());
            List<Map<String, Object>> replicas = new ArrayList<>();
            for (ClientReport.ReplicaFinding f : c.replicas()) {
                replicas.add(ordered("node", f.node(), "rows", f.rows(), "missing", f.missing().labels(),
                        "errant", f.errant().labels(), "duplicates", f.duplicates().labels(), "partial",
                        f.partial().labels()));
            }
            d.put("replicas", replicas);
            byClient.put(c.clientId(), d);
        }
        return Map.of("clients", byClient);
    }

    private static Map<String, Object> census(CensusReport c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", c.nodes());
        m.put("interval_ms", c.intervalMicros() / 1_000.0);
        m.put("split_brain", windows(c.splitBrain()));
        m.put("no_primary", windows(c.noPrimary()));
        m.put("semisync_off", windows(c.semisyncOff()));
        m.put("unreachable", windows(c.unreachable()));
        Map<String, Object> lag = new LinkedHashMap<>();
        c.replicaLag().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> lag.put(e.getKey(), ordered(
                "samples", e.getValue().samples(), "seconds_max", e.getValue().secondsMax(), "seconds_p99",
                e.getValue().secondsP99(), "trx_max", e.getValue().trxMax(), "trx_p99", e.getValue().trxP99())));
        m.put("replica_lag", lag);
        m.put("promotions", c.promotions().stream().map(p -> ordered("node", p.node(), "at", Micros.iso(p.micros()),
                "lag_seconds", p.lagSeconds(), "lag_trx", p.lagTrx())).toList());
        m.put("replication_stopped", c.replicationStopped().stream().map(r -> ordered("node", r.node(), "start",
                Micros.iso(r.startMicros()), "end", Micros.iso(r.endMicros()), "duration_ms", r.durationMillis(),
                "error", r.error())).toList());
        if (c.galera() != null) {
            m.put("galera", ordered("non_primary", windows(c.galera().nonPrimary()), "not_synced",
                    windows(c.galera().notSynced()), "small_component", windows(c.galera().smallComponent()),
                    "flow_control", windows(c.galera().flowControl())));
        }
        return m;
    }

    private static List<Map<String, Object>> windows(List<CensusReport.Window> windows) {
        return windows.stream().map(w -> {
            Map<String, Object> m = ordered("start", Micros.iso(w.startMicros()), "end", Micros.iso(w.endMicros()),
                    "duration_ms", w.durationMillis(), "nodes", w.nodes());
            if (!w.acknowledgedBy().isEmpty()) {
                m.put("acknowledged_by_server_ids", w.acknowledgedBy());
            }
            if (w.incomplete()) {
                m.put("incomplete", true);
            }
            return m;
        }).toList();
    }

    private static long sum(Analysis a, java.util.function.ToLongFunction<ClientReport> f) {
        return a.clients().stream().mapToLong(f).sum();
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
