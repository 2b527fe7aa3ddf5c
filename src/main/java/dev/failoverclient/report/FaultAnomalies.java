package dev.failoverclient.report;

import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.Sequences;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.ClientReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A lab run's anomalies beside the faults around them: each LOST, DUPLICATE, UNEXPECTED or PARTIAL
 * range goes with the cycle its first sequence was attempted in, and so with that cycle's fault (in a
 * random schedule, which one it was). Empty without lab events or anomalies.
 */
final class FaultAnomalies {
    private FaultAnomalies() {
    }

    /** One kind of anomaly of one client in one cycle, and the fault that began the cycle. */
    record Row(int cycle, String fault, long faultMicros, String client, String kind, Sequences sequences) {
        /** {@code cycle 7, kill-primary at 2026-…Z: lab-1 lost 1203-1210}. */
        String line() {
            return "cycle " + cycle + (fault == null ? "" : ", " + fault + " at " + Micros.iso(faultMicros)) + ": "
                    + client + " " + kind + " " + sequences.format(TextReport.RANGES_SHOWN);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cycle", cycle);
            m.put("fault", fault);
            m.put("fault_at", fault == null ? null : Micros.iso(faultMicros));
            m.put("client", client);
            m.put("kind", kind);
            m.put("sequences", sequences.labels());
            return m;
        }
    }

    static List<Row> of(Analysis a) {
        List<Row> rows = new ArrayList<>();
        if (a.events().isEmpty() || !a.rowsRead()) {
            return rows;
        }
        for (ClientReport r : a.clients()) {
            add(rows, a, r, "lost", r.lost());
            add(rows, a, r, "duplicates", r.duplicates());
            add(rows, a, r, "unexpected", r.unexpected());
            add(rows, a, r, "partial", r.partial());
        }
        rows.sort(java.util.Comparator.comparingInt(Row::cycle));
        return rows;
    }

    private static void add(List<Row> rows, Analysis a, ClientReport r, String kind, Sequences anomalies) {
        Map<Integer, Sequences> byCycle = new LinkedHashMap<>();
        for (var range : anomalies.ranges()) {
            int cycle = cycleOf(r.cycleStarts(), range.first());
            byCycle.computeIfAbsent(cycle, k -> new Sequences()).addRange(range.first(), range.last());
        }
        byCycle.forEach((cycle, seqs) -> {
            LabEvent fault = event(a, cycle, LabEvent.FAULT);
            LabEvent scheduled = event(a, cycle, LabEvent.SCHEDULED);
            String name = scheduled == null ? null : scheduled.scheduledFault();
            rows.add(new Row(cycle, name, fault == null ? 0 : fault.micros(), r.clientId(), kind, seqs));
        });
    }

    /** The cycle whose first attempt is the last at or before {@code sequence}; 0 before the first fault. */
    private static int cycleOf(SortedMap<Integer, Long> cycleStarts, long sequence) {
        int cycle = 0;
        for (Map.Entry<Integer, Long> e : cycleStarts.entrySet()) {
            if (e.getValue() <= sequence) {
                cycle = e.getKey();
            }
        }
        return cycle;
    }

    private static LabEvent event(Analysis a, int cycle, String type) {
        return a.events().stream().filter(e -> e.cycle() == cycle && e.type().equals(type)).findFirst().orElse(null);
    }
}
