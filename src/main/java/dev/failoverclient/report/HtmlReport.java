package dev.failoverclient.report;

import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.Sequences;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.CensusReport;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.ClientRestarts;
import dev.failoverclient.verify.Conclusion;
import dev.failoverclient.verify.Durability;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.verify.OutagePhases;
import dev.failoverclient.verify.TlsUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The report of an {@link Analysis} as one self-contained HTML page (inline CSS and SVG, no script,
 * nothing fetched): the verdict and its reasons, the numbers, a timeline per client, then tables of
 * anomalies, outages, nodes, ground truth and run parameters. Its size does not grow with the run:
 * the timeline is bucketed ({@code verify.Timeline}) and long range lists are cut.
 */
public final class HtmlReport {
    /** How many ranges of one anomaly the table lists; the JSON summary has them all. */
    static final int RANGES_SHOWN = 50;

    private HtmlReport() {
    }

    /**
     * @param title      what the run was, e.g. its folder name
     * @param parameters how it was run, shown as a table (never a password)
     * @param nodes      the lab's nodes (node, endpoint, role, rows …), empty outside the lab
     */
    public static String render(Analysis a, String title, Map<String, String> parameters,
                                List<Map<String, Object>> nodes) {
        StringBuilder b = new StringBuilder(64 * 1024);
        Conclusion c = a.conclusion();
        String verdict = c.verdict().name();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>").append(Html.esc(verdict + " — " + title))
                .append("</title><style>").append(Html.CSS).append("</style></head><body>");
        b.append("<header><h1>Failover test: ").append(Html.esc(title)).append("</h1><p class=\"verdict ")
                .append(verdict.toLowerCase(Locale.ROOT)).append("\" id=\"verdict\">").append(verdict).append("</p>")
                .append("<p id=\"reasons\">").append(Html.esc(c.line())).append("</p><p class=\"meta\">Report made ")
                .append(Instant.now().toString(), 0, 19).append("Z by mariadb-failover-client ")
                .append(Html.esc(Version.current())).append("</p></header>");
        numbers(b, a);
        b.append("<section><h2>Timeline</h2><p class=\"legend\"><span class=\"k ok\"></span>acknowledged (latency"
                + " range per column) <span class=\"k failed\"></span>refused (certainly not committed) <span"
                + " class=\"k unknown\"></span>unanswered (may have committed) <span class=\"k outage\"></span>outage");
        if (a.census() != null) {
            b.append(" <span class=\"k split\"></span>split brain <span class=\"k noprimary\"></span>no writable"
                    + " node <span class=\"k semisync\"></span>semi-sync off");
            if (a.census().galera() != null) {
                b.append(" <span class=\"k nonprimary\"></span>a node outside the Primary component <span"
                        + " class=\"k notsynced\"></span>a node not Synced");
            }
        }
        if (!a.events().isEmpty()) {
            b.append(" <span class=\"k fault\"></span>fault <span class=\"k writable\"></span>new primary writable"
                    + " <span class=\"k switched\"></span>service switched");
        }
        ClientRestarts restarts = a.find(ClientRestarts.class);
        if (restarts != null && !restarts.restarts().isEmpty()) {
            b.append(" <span class=\"k clientdown\"></span>client down (not the database)");
        }
        b.append("</p>");
        TimelineSvg svg = new TimelineSvg(a);
        for (ClientReport r : a.clients()) {
            b.append("<h3>").append(Html.esc(r.clientId())).append("</h3>");
            b.append(a.timeline().startMicros() < 0 ? "<p>No attempt.</p>" : svg.render(r.clientId(), r.outages()));
        }
        b.append("</section>");
        anomalies(b, a);
        lostWhere(b, a);
        outages(b, a);
        census(b, a);
        durability(b, a);
        tls(b, a.tls());
        List<FaultAnomalies.Row> beside = FaultAnomalies.of(a);
        if (!beside.isEmpty()) {
            b.append("<section id=\"beside-faults\"><h2>Anomalies beside the faults</h2><table><thead><tr><th>cycle"
                    + "</th><th>fault</th><th>at</th><th>client</th><th>anomaly</th><th>sequences</th></tr></thead><tbody>");
            beside.forEach(r -> b.append("<tr class=\"bad\"><td>").append(r.cycle()).append("</td><td>")
                    .append(r.fault() == null ? "before the first fault" : Html.esc(r.fault())).append("</td><td>")
                    .append(r.fault() == null ? "" : Micros.iso(r.faultMicros())).append("</td><td>")
                    .append(Html.esc(r.client())).append("</td><td>").append(r.kind()).append("</td><td class=\"seq\">")
                    .append(Html.esc(r.sequences().format(TextReport.RANGES_SHOWN))).append("</td></tr>"));
            b.append("</tbody></table></section>");
        }
        View.allHtml(a, b);
        nodes(b, a, nodes);
        groundTruth(b, a);
        b.append("<section><h2>Run</h2><table><tbody>");
        parameters.forEach((k, v) -> row(b, k, v));
        b.append("</tbody></table></section></body></html>");
        return b.toString();
    }

    public static void write(Path file, String html) throws IOException {
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void numbers(StringBuilder b, Analysis a) {
        Histogram h = a.okLatencyMicros();
        b.append("<section class=\"numbers\">");
        number(b, "attempted", Long.toString(a.attempted()), null);
        number(b, "acknowledged", Long.toString(a.ok()), null);
        number(b, "refused", Long.toString(a.failed()), null);
        number(b, "unanswered", Long.toString(a.unknown()), null);
        number(b, "lost", a.rowsRead() ? Long.toString(sum(a, r -> r.lost().count())) : "?", "lost");
        number(b, "duplicates", a.rowsRead() ? Long.toString(sum(a, r -> r.duplicates().count())) : "?", null);
        number(b, "unexpected", a.rowsRead() ? Long.toString(sum(a, r -> r.unexpected().count())) : "?", null);
        if (a.clients().stream().anyMatch(ClientReport::transactions)) {
            number(b, "partial transactions", a.rowsRead() ? Long.toString(sum(a, ClientReport::partialTransactions))
                    : "?", null);
        }
        number(b, "online loss", Long.toString(a.onlineLost()), null);
        number(b, "outages", Integer.toString(a.outages().size()), "outage-count");
        number(b, "longest outage", Html.duration(a.maxOutageMillis()), null);
        number(b, "writes/s", String.format(Locale.ROOT, "%.1f", a.throughput()), null);
        number(b, "latency p50 / p99 / max", h.getTotalCount() == 0 ? "–" : String.format(Locale.ROOT,
                "%.1f / %.1f / %.1f ms", h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3), null);
        b.append("</section>");
    }

    private static void number(StringBuilder b, String label, String value, String id) {
        b.append("<div><span class=\"n\"").append(id == null ? "" : " id=\"" + id + "\"").append('>')
                .append(Html.esc(value)).append("</span><span class=\"l\">").append(label).append("</span></div>");
    }

    private static void anomalies(StringBuilder b, Analysis a) {
        b.append("<section><h2>Anomalies</h2>");
        if (!a.rowsRead()) {
            b.append("<p>The primary's rows could not be read: lost, duplicate and unexpected writes are unknown.</p>");
        }
        b.append("<table><thead><tr><th>client</th><th>kind</th><th>count</th><th>sequences</th><th>evidence</th>"
                + "</tr></thead><tbody>");
        int rows = 0;
        for (ClientReport r : a.clients()) {
            rows += anomaly(b, r, "bad", "LOST", r.lost(), "acknowledged (OK in the ledger), absent on the primary");
            rows += anomaly(b, r, "bad", "DUPLICATE", r.duplicates(), "stored more than once on the primary");
            rows += anomaly(b, r, "bad", "UNEXPECTED", r.unexpected(), "refused (FAILED in the ledger) or never"
                    + " attempted, yet stored on the primary");
            rows += anomaly(b, r, "bad", "PARTIAL", r.partial(), r.partialTransactions() + " transaction(s) of "
                    + r.rowsPerAttempt() + " rows stored in part on the primary: a transaction is all or nothing");
            rows += anomaly(b, r, "bad", "ONLINE LOSS", r.onlineLost(), "acknowledged, missing where the client wrote"
                    + " after a reconnect (loss records of the ledger)");
            for (ClientReport.ReplicaFinding f : r.replicas()) {
                rows += anomaly(b, r, "warn", "MISSING on " + f.node(), f.missing(), "acknowledged, absent on this"
                        + " node (not replicated yet, or diverged); not counted in the verdict");
                rows += anomaly(b, r, "warn", "ERRANT on " + f.node(), f.errant(), "on this node, absent on the"
                        + " primary; not counted in the verdict");
                rows += anomaly(b, r, "warn", "PARTIAL on " + f.node(), f.partial(), "transactions this node holds"
                        + " in part (a transaction is all or nothing); not counted in the verdict");
            }
        }
        if (rows == 0) {
            b.append("<tr><td colspan=\"5\">none</td></tr>");
        }
        b.append("</tbody></table></section>");
    }

    private static int anomaly(StringBuilder b, ClientReport r, String cls, String kind, Sequences s,
                               String evidence) {
        if (s.isEmpty()) {
            return 0;
        }
        b.append("<tr class=\"").append(cls).append("\"><td>").append(Html.esc(r.clientId())).append("</td><td>").append(Html.esc(kind))
                .append("</td><td>").append(s.count()).append("</td><td class=\"seq\">")
                .append(Html.esc(s.format(RANGES_SHOWN))).append("</td><td>").append(evidence).append("</td></tr>");
        return 1;
    }

    private static void lostWhere(StringBuilder b, Analysis a) {
        boolean any = a.clients().stream().anyMatch(r -> !r.lostWhere().isEmpty()) || !a.errantTransactions().isEmpty();
        if (!any) {
            return;
        }
        b.append("<section><h2>Where the lost writes are</h2><table><thead><tr><th>client</th><th>lost</th>"
                + "<th>present on</th><th>GTIDs there</th></tr></thead><tbody>");
        for (ClientReport r : a.clients()) {
            for (ClientReport.Located l : r.lostWhere()) {
                b.append("<tr class=\"bad\"><td>").append(Html.esc(r.clientId())).append("</td><td class=\"seq\">")
                        .append(l.sequences()).append("</td><td>").append(l.nodes().isEmpty() ? "no node that was read"
                                : Html.esc(String.join(", ", l.nodes()))).append("</td><td class=\"seq\">")
                        .append(l.gtids() == null ? "–" : Html.esc(l.gtids())).append("</td></tr>");
            }
        }
        b.append("</tbody></table>");
        a.errantTransactions().forEach((node, gtids) -> b.append("<p>Errant transactions on ").append(Html.esc(node))
                .append(" (not on the primary: a diverged branch): <span class=\"seq\">")
                .append(Html.esc(String.join(", ", gtids))).append("</span></p>"));
        b.append("</section>");
    }

    private static void census(StringBuilder b, Analysis a) {
        CensusReport c = a.census();
        if (c == null) {
            return;
        }
        b.append("<section><h2>Cluster, as the census saw it</h2><p>").append(c.nodes().size())
                .append(" nodes polled every ").append(c.intervalMicros() / 1_000).append(" ms.</p>");
        b.append("<table><thead><tr><th>window</th><th>start (UTC)</th><th>duration</th><th>nodes</th><th>note</th>"
                + "</tr></thead><tbody>");
        int rows = windows(b, "split brain", c.splitBrain(), "bad") + windows(b, "no writable node", c.noPrimary(), "warn")
                + windows(b, "semi-sync off", c.semisyncOff(), "warn") + windows(b, "unreachable", c.unreachable(), "");
        if (c.galera() != null) {
            rows += windows(b, "outside the Primary component", c.galera().nonPrimary(), "warn")
                    + windows(b, "not Synced", c.galera().notSynced(), "")
                    + windows(b, "component smaller than the cluster", c.galera().smallComponent(), "")
                    + windows(b, "flow control", c.galera().flowControl(), "");
        }
        for (CensusReport.ReplicationStopped r : c.replicationStopped()) {
            b.append("<tr class=\"bad\"><td>replication stopped</td><td>").append(Micros.iso(r.startMicros()))
                    .append("</td><td>").append(Html.duration(r.durationMillis())).append("</td><td>")
                    .append(Html.esc(r.node())).append("</td><td>").append(Html.esc(r.error())).append("</td></tr>");
            rows++;
        }
        if (rows == 0) {
            b.append("<tr><td colspan=\"5\">none</td></tr>");
        }
        b.append("</tbody></table><table><thead><tr><th>replica</th><th>samples</th><th>seconds behind, max / p99</th>"
                + "<th>transactions behind, max / p99</th></tr></thead><tbody>");
        c.replicaLag().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append("<tr><td>")
                .append(Html.esc(e.getKey())).append("</td><td>").append(e.getValue().samples()).append("</td><td>")
                .append(e.getValue().secondsMax()).append(" / ").append(e.getValue().secondsP99()).append("</td><td>")
                .append(e.getValue().trxMax()).append(" / ").append(e.getValue().trxP99()).append("</td></tr>"));
        b.append("</tbody></table>");
        for (CensusReport.Promotion p : c.promotions()) {
            b.append("<p>Promoted ").append(Html.esc(p.node())).append(" at ").append(Micros.iso(p.micros()))
                    .append(p.lagSeconds() == null && p.lagTrx() == null ? "" : ", while " + p.lagSeconds()
                            + " s / " + p.lagTrx() + " transactions behind").append(".</p>");
        }
        b.append("</section>");
    }

    private static int windows(StringBuilder b, String kind, List<CensusReport.Window> windows, String cls) {
        for (CensusReport.Window w : windows) {
            b.append("<tr class=\"").append(cls).append("\"><td>").append(kind).append("</td><td>")
                    .append(Micros.iso(w.startMicros())).append("</td><td>").append(Html.duration(w.durationMillis()))
                    .append("</td><td>").append(Html.esc(String.join(", ", w.nodes()))).append("</td><td>")
                    .append(w.diverged() ? "writes acknowledged by server_ids " + w.acknowledgedBy() : "")
                    .append(w.incomplete() ? " (a node was unreachable meanwhile)" : "").append("</td></tr>");
        }
        return windows.size();
    }

    private static void durability(StringBuilder b, Analysis a) {
        if (a.durability().isEmpty()) {
            return;
        }
        b.append("<section id=\"durability\"><h2>Durability settings of the servers written to</h2><table><thead><tr>"
                + "<th>server</th><th>settings</th><th>what can lose acknowledged writes</th></tr></thead><tbody>");
        for (Durability d : a.durability()) {
            b.append("<tr").append(d.warnings().isEmpty() ? "" : " class=\"warn\"").append("><td>server_id ")
                    .append(d.serverId()).append(" (").append(Html.esc(d.hostname())).append(")</td><td class=\"settings\">");
            d.settings().forEach((k, v) -> b.append("<span class=\"setting\">").append(Html.esc(k)).append('=')
                    .append(Html.esc(v)).append("</span><br>"));
            b.append("</td><td>");
            if (d.warnings().isEmpty()) {
                b.append("nothing");
            } else {
                b.append("<ul class=\"warnings\">");
                d.warnings().forEach(w -> b.append("<li>").append(Html.esc(w)).append("</li>"));
                b.append("</ul>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table></section>");
    }

    private static void tls(StringBuilder b, TlsUse tls) {
        if (tls.links().isEmpty() && tls.refusals().isEmpty()) {
            return;
        }
        b.append("<section id=\"tls\"><h2>TLS of the writers' connections</h2><table><thead><tr><th>server</th>"
                + "<th>connections</th><th>encryption</th></tr></thead><tbody>");
        for (TlsUse.Link l : tls.links()) {
            b.append("<tr").append(l.encrypted() ? "" : " class=\"warn\"").append("><td>server_id ").append(l.serverId())
                    .append(" (").append(Html.esc(l.hostname())).append(")</td><td>").append(l.connections())
                    .append("</td><td>").append(l.encrypted() ? Html.esc(l.protocol() + ", " + l.cipher())
                            : "not encrypted").append("</td></tr>");
        }
        b.append("</tbody></table>");
        tls.refusals().forEach(f -> b.append("<p class=\"bad\">✗ TLS refused a reconnect of ").append(Html.esc(f.client()))
                .append(" at ").append(Micros.iso(f.micros())).append(": ").append(Html.esc(f.message())).append("</p>"));
        b.append("</section>");
    }

    private static void outages(StringBuilder b, Analysis a) {
        b.append("<section><h2>Outages</h2><table><thead><tr><th>client</th><th>start (UTC)</th><th>end</th>"
                + "<th>duration</th><th>attempts</th></tr></thead><tbody>");
        for (Outage o : a.outages()) {
            b.append("<tr><td>").append(Html.esc(o.clientId())).append("</td><td>").append(Micros.iso(o.startMicros()))
                    .append("</td><td>").append(o.open() ? "still open at the end" : Micros.iso(o.endMicros()))
                    .append("</td><td>").append(Html.duration(o.durationMillis(a.runEndMicros()))).append("</td><td>")
                    .append(o.attempts()).append("</td></tr>");
        }
        if (a.outages().isEmpty()) {
            b.append("<tr><td colspan=\"5\">none</td></tr>");
        }
        b.append("</tbody></table>");
        if (!a.phases().isEmpty()) {
            b.append("<h3>Phases, from the fault</h3><table><thead><tr><th>client</th><th>cycle</th><th>duration</th>"
                    + "<th>detection</th><th>promotion</th><th>routing</th><th>reconnect</th></tr></thead><tbody>");
            for (OutagePhases.Phases p : a.phases()) {
                b.append("<tr><td>").append(Html.esc(p.client())).append("</td><td>").append(p.cycle()).append("</td><td>")
                        .append(Html.duration(p.durationMillis())).append("</td><td>").append(ms(p.detection()))
                        .append("</td><td>").append(ms(p.promotion())).append("</td><td>").append(ms(p.routing()))
                        .append("</td><td>").append(ms(p.reconnect())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("</section>");
    }

    private static void nodes(StringBuilder b, Analysis a, List<Map<String, Object>> labNodes) {
        boolean findings = a.clients().stream().anyMatch(r -> !r.replicas().isEmpty());
        if (!findings && labNodes.isEmpty()) {
            return;
        }
        b.append("<section><h2>Nodes</h2>");
        if (!labNodes.isEmpty()) {
            b.append("<table><thead><tr>");
            labNodes.get(0).keySet().forEach(k -> b.append("<th>").append(Html.esc(k)).append("</th>"));
            b.append("</tr></thead><tbody>");
            for (Map<String, Object> n : labNodes) {
                b.append("<tr>");
                n.values().forEach(v -> b.append("<td>").append(Html.esc(String.valueOf(v))).append("</td>"));
                b.append("</tr>");
            }
            b.append("</tbody></table>");
        }
        if (findings) {
            b.append("<table><thead><tr><th>client</th><th>node</th><th>rows</th><th>missing</th><th>errant</th>"
                    + "<th>duplicates</th></tr></thead><tbody>");
            for (ClientReport r : a.clients()) {
                for (ClientReport.ReplicaFinding f : r.replicas()) {
                    b.append("<tr").append(f.clean() ? "" : " class=\"warn\"").append("><td>").append(Html.esc(r.clientId()))
                            .append("</td><td>").append(Html.esc(f.node())).append("</td><td>").append(f.rows())
                            .append("</td><td>").append(f.missing().count()).append("</td><td>").append(f.errant().count())
                            .append("</td><td>").append(f.duplicates().count()).append("</td></tr>");
                }
            }
            b.append("</tbody></table>");
        }
        b.append("</section>");
    }

    private static void groundTruth(StringBuilder b, Analysis a) {
        if (a.events().isEmpty()) {
            return;
        }
        b.append("<section><h2>Ground truth</h2><table><thead><tr><th>time (UTC)</th><th>cycle</th><th>event</th>"
                + "<th>node</th><th>detail</th></tr></thead><tbody>");
        for (LabEvent e : a.events()) {
            b.append("<tr><td>").append(Micros.iso(e.micros())).append("</td><td>").append(e.cycle()).append("</td><td>")
                    .append(Html.esc(e.type())).append("</td><td>").append(Html.esc(e.node())).append("</td><td>")
                    .append(Html.esc(e.detail())).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(Html.esc(key)).append("</th><td>").append(Html.esc(value)).append("</td></tr>");
    }

    private static String ms(Long v) {
        return v == null ? "–" : v + " ms";
    }

    private static long sum(Analysis a, java.util.function.ToLongFunction<ClientReport> f) {
        return a.clients().stream().mapToLong(f).sum();
    }
}
