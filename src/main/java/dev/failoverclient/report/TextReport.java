package dev.failoverclient.report;

import dev.failoverclient.ledger.Sequences;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.CensusReport;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Durability;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.verify.OutagePhases;
import dev.failoverclient.verify.TlsUse;

/** The human-readable report of an {@link Analysis}: the verdict line first, then per client what was found. */
public final class TextReport {
    /** How many ranges of each kind a line shows; the JSON summary has them all. */
    static final int RANGES_SHOWN = 10;
    /** A write of a cycle without outage this slow is named: writes stalled, though none failed. */
    private static final long SLOW_WRITE_MILLIS = 1_000;

    private TextReport() {
    }

    public static String format(Analysis a) {
        StringBuilder b = new StringBuilder();
        for (String client : a.truncatedTails()) {
            b.append("note: the ledger of ").append(client)
                    .append(" ends in a cut-short line (the client was killed, or its disk filled, while writing it); that line was ignored\n");
        }
        b.append(a.conclusion().line()).append('\n');
        for (ClientReport r : a.clients()) {
            b.append("Client ").append(r.clientId()).append(": attempted ").append(r.attempted())
                    .append(r.transactions() ? " transactions of " + r.rowsPerAttempt() + " rows" : "")
                    .append(", ok ").append(r.ok()).append(", failed ").append(r.failed())
                    .append(", unknown ").append(r.unknown());
            if (a.rowsRead()) {
                b.append(" (committed ").append(r.unknownCommitted()).append(", not committed ")
                        .append(r.unknownNotCommitted()).append(')');
            }
            b.append('\n');
            list(b, "LOST (acknowledged, absent on the primary)", r.lost());
            list(b, "DUPLICATE (stored more than once)", r.duplicates());
            list(b, "UNEXPECTED (refused, yet stored)", r.unexpected());
            if (!r.partial().isEmpty()) {
                b.append("  PARTIAL (transactions stored in part): ").append(r.partialTransactions()).append(" — ")
                        .append(r.partial().format(RANGES_SHOWN)).append('\n');
            }
            list(b, "ONLINE LOSS (missing after a reconnect during the run)", r.onlineLost());
            for (ClientReport.Located l : r.lostWhere()) {
                b.append("  LOST ").append(l.sequences()).append(": ").append(l.nodes().isEmpty()
                        ? "on no node that was read" : "present only on " + String.join(", ", l.nodes()));
                if (l.gtids() != null) {
                    b.append(", GTIDs ").append(l.gtids());
                }
                b.append('\n');
            }
            long maxMs = r.outages().stream().mapToLong(o -> o.durationMillis(a.runEndMicros())).max().orElse(0);
            b.append("  outages: ").append(r.outages().size()).append(", longest ").append(maxMs).append(" ms");
            if (r.outages().stream().anyMatch(Outage::open)) {
                b.append(" (one still open when the run ended)");
            }
            b.append('\n');
            for (ClientReport.ReplicaFinding f : r.replicas()) {
                if (f.clean()) {
                    b.append("  node ").append(f.node()).append(": consistent (").append(f.rows()).append(" rows)\n");
                    continue;
                }
                b.append("  node ").append(f.node()).append(": differs from the primary (").append(f.rows())
                        .append(" rows)\n");
                list(b, "missing acknowledged writes (not replicated yet, or diverged)", f.missing());
                list(b, "errant rows absent on the primary", f.errant());
                list(b, "duplicates", f.duplicates());
                list(b, "transactions stored in part", f.partial());
            }
        }
        a.errantTransactions().forEach((node, gtids) -> b.append("  errant transactions on ").append(node)
                .append(" (not on the primary: a diverged branch): ").append(String.join(", ", gtids)).append('\n'));
        for (Durability d : a.durability()) {
            b.append("Durability of server_id ").append(d.serverId()).append(" (").append(d.hostname()).append("): ")
                    .append(d.settings().entrySet().stream().filter(e -> !e.getKey().equals("version"))
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
            d.warnings().forEach(w -> b.append("  ⚠ ").append(w).append('\n'));
        }
        tls(b, a.tls());
        View.allText(a, b);
        if (a.census() != null) {
            census(b, a.census());
        }
        for (OutagePhases.CycleTotal t : a.find(OutagePhases.class).totals()) {
            if (t.outages() > 1) {
                b.append("  cycle ").append(t.cycle()).append(", ").append(t.client()).append(": writes unavailable ")
                        .append(t.unavailableMillis()).append(" ms in all, over ").append(t.outages())
                        .append(" outages; longest write ").append(t.longestWriteMillis()).append(" ms\n");
            } else if (t.outages() == 0 && t.longestWriteMillis() >= SLOW_WRITE_MILLIS) {
                b.append("  cycle ").append(t.cycle()).append(", ").append(t.client()).append(": no outage, but a write")
                        .append(" waited ").append(t.longestWriteMillis()).append(" ms\n");
            }
        }
        List<FaultAnomalies.Row> beside = FaultAnomalies.of(a);
        if (!beside.isEmpty()) {
            b.append("Anomalies beside the faults:\n");
            beside.forEach(r -> b.append("  ").append(r.line()).append('\n'));
        }
        for (OutagePhases.Phases p : a.phases()) {
            b.append("  outage of ").append(p.client()).append(" (cycle ").append(p.cycle()).append("): ")
                    .append(p.durationMillis()).append(" ms; from the fault: detection ").append(ms(p.detection()))
                    .append(", promotion ").append(ms(p.promotion())).append(", routing ").append(ms(p.routing()))
                    .append(", reconnect ").append(ms(p.reconnect())).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static void tls(StringBuilder b, TlsUse tls) {
        for (TlsUse.Link l : tls.links()) {
            b.append("TLS to server_id ").append(l.serverId()).append(" (").append(l.hostname()).append("): ")
                    .append(l.connections()).append(l.connections() == 1 ? " connection " : " connections ")
                    .append(l.encrypted() ? "encrypted (" + l.protocol() + ", " + l.cipher() + ")" : "not encrypted")
                    .append('\n');
        }
        tls.refusals().forEach(f -> b.append("  ✗ TLS refused a reconnect of ").append(f.client()).append(" at ")
                .append(Micros.iso(f.micros())).append(": ").append(f.message()).append('\n'));
    }

    private static void census(StringBuilder b, CensusReport c) {
        b.append("Census of ").append(c.nodes().size()).append(" nodes, every ").append(c.intervalMicros() / 1_000)
                .append(" ms: split brain ").append(windows(c.splitBrain())).append("; no primary ")
                .append(windows(c.noPrimary())).append("; semi-sync off ").append(windows(c.semisyncOff()))
                .append('\n');
        if (c.galera() != null) {
            b.append("  Galera: outside the Primary component ").append(windows(c.galera().nonPrimary()))
                    .append("; not Synced ").append(windows(c.galera().notSynced())).append("; a component smaller than"
                            + " the cluster ").append(windows(c.galera().smallComponent())).append("; flow control ")
                    .append(windows(c.galera().flowControl())).append('\n');
            for (CensusReport.Window w : c.galera().nonPrimary()) {
                b.append("  ⚠ ").append(String.join(", ", w.nodes())).append(" outside the Primary component for ")
                        .append(w.durationMillis()).append(" ms (writes there refused with 1047)\n");
            }
        }
        for (CensusReport.ReplicationStopped r : c.replicationStopped()) {
            b.append("  ⚠ replication of ").append(r.node()).append(" stopped on an error for ").append(r.durationMillis())
                    .append(" ms: ").append(r.error()).append('\n');
        }
        for (CensusReport.Window w : c.splitBrain()) {
            b.append("  ⚠ split brain ").append(w.durationMillis()).append(" ms: ").append(String.join(" and ", w.nodes()))
                    .append(" writable at once").append(w.diverged() ? "; writes acknowledged by server_ids "
                            + w.acknowledgedBy() + ": the branches diverged" : "").append('\n');
        }
        c.replicaLag().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append("  lag of ")
                .append(e.getKey()).append(": max ").append(e.getValue().secondsMax()).append(" s / ")
                .append(e.getValue().trxMax()).append(" trx, p99 ").append(e.getValue().secondsP99()).append(" s / ")
                .append(e.getValue().trxP99()).append(" trx\n"));
        for (CensusReport.Promotion p : c.promotions()) {
            b.append("  promoted ").append(p.node()).append(" at ").append(Micros.iso(p.micros()))
                    .append(p.lagSeconds() == null && p.lagTrx() == null ? ""
                            : " while " + p.lagSeconds() + " s / " + p.lagTrx() + " trx behind").append('\n');
        }
    }

    /** {@code none}, or {@code 2 windows, longest 96 ms}. */
    private static String windows(java.util.List<CensusReport.Window> windows) {
        if (windows.isEmpty()) {
            return "none";
        }
        long longest = windows.stream().mapToLong(CensusReport.Window::durationMillis).max().orElse(0);
        return windows.size() + (windows.size() == 1 ? " window, " : " windows, longest ") + longest + " ms";
    }

    private static void list(StringBuilder b, String label, Sequences sequences) {
        if (!sequences.isEmpty()) {
            b.append("  ").append(label).append(": ").append(sequences.count()).append(" — ")
                    .append(sequences.format(RANGES_SHOWN)).append('\n');
        }
    }

    private static String ms(Long v) {
        return v == null ? "n/a" : v + " ms";
    }
}
