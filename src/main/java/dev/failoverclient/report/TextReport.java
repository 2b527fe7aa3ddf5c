package dev.failoverclient.report;

import dev.failoverclient.ledger.Sequences;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Outage;
import dev.failoverclient.verify.OutagePhases;

/** The human-readable report of an {@link Analysis}: the verdict line first, then per client what was found. */
public final class TextReport {
    /** How many ranges of each kind a line shows; the JSON summary has them all. */
    static final int RANGES_SHOWN = 10;

    private TextReport() {
    }

    public static String format(Analysis a) {
        StringBuilder b = new StringBuilder();
        for (String client : a.truncatedTails()) {
            b.append("note: the ledger of ").append(client)
                    .append(" ends in a cut-short line (client killed while writing it); that line was ignored\n");
        }
        b.append(a.conclusion().line()).append('\n');
        for (ClientReport r : a.clients()) {
            b.append("Client ").append(r.clientId()).append(": attempted ").append(r.attempted())
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
            list(b, "ONLINE LOSS (missing after a reconnect during the run)", r.onlineLost());
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
            }
        }
        for (OutagePhases.Phases p : a.phases()) {
            b.append("  outage of ").append(p.client()).append(" (cycle ").append(p.cycle()).append("): ")
                    .append(p.durationMillis()).append(" ms; from the fault: detection ").append(ms(p.detection()))
                    .append(", promotion ").append(ms(p.promotion())).append(", routing ").append(ms(p.routing()))
                    .append(", reconnect ").append(ms(p.reconnect())).append('\n');
        }
        return b.toString().stripTrailing();
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
