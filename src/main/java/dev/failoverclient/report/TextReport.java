package dev.failoverclient.report;

import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Outage;
import dev.failoverclient.verify.Conclusion;
import java.util.List;

/** The human-readable verification report: verdict first, then per client what was found. */
public final class TextReport {
    /** How many ranges of each kind a line shows; the JSON summary has them all. */
    static final int RANGES_SHOWN = 10;

    private TextReport() {
    }

    public static String format(Conclusion conclusion, List<ClientReport> reports, long runEndMicros) {
        StringBuilder b = new StringBuilder();
        b.append(conclusion.line()).append('\n');
        for (ClientReport r : reports) {
            b.append("Client ").append(r.clientId()).append(": attempted ").append(r.attempted())
                    .append(", ok ").append(r.ok()).append(", failed ").append(r.failed())
                    .append(", unknown ").append(r.unknown()).append(" (committed ").append(r.unknownCommitted())
                    .append(", not committed ").append(r.unknownNotCommitted()).append(")\n");
            list(b, "LOST (acknowledged, absent on the primary)", r.lost());
            list(b, "DUPLICATE (stored more than once)", r.duplicates());
            list(b, "UNEXPECTED (refused, yet stored)", r.unexpected());
            long maxMs = 0;
            for (Outage o : r.outages()) {
                maxMs = Math.max(maxMs, o.durationMillis(runEndMicros));
            }
            b.append("  outages: ").append(r.outages().size()).append(", longest ").append(maxMs).append(" ms\n");
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
        return b.toString().stripTrailing();
    }

    private static void list(StringBuilder b, String label, List<Long> sequences) {
        if (!sequences.isEmpty()) {
            b.append("  ").append(label).append(": ").append(sequences.size()).append(" — ")
                    .append(SequenceRanges.format(sequences, RANGES_SHOWN)).append('\n');
        }
    }
}
