package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.ledger.OutageRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each outage of a lab run split by the ground truth, all in milliseconds from the fault: detection
 * (first failed write), promotion (new primary writable), routing (service switched) and reconnect
 * (first OK write). A phase the fault had no step for is {@code null}. Empty without lab events.
 *
 * @param longest per cycle and client, the longest write (ms): a stall shorter than the socket
 *                timeout is no outage (the write ended OK), but writes waited that long
 */
public record OutagePhases(List<Phases> phases, List<CycleTotal> longest) implements Finding {

    public OutagePhases {
        phases = List.copyOf(phases);
        longest = List.copyOf(longest);
    }

    /** One outage split into phases; durations in ms, {@code null} when the phase did not happen. */
    public record Phases(String client, int cycle, long durationMillis, Long detection, Long promotion, Long routing,
                         Long reconnect) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client", client);
            m.put("cycle", cycle);
            m.put("duration_ms", durationMillis);
            m.put("detection_ms", detection);
            m.put("promotion_ms", promotion);
            m.put("routing_ms", routing);
            m.put("reconnect_ms", reconnect);
            return m;
        }
    }

    /**
     * Per cycle and client, the outages and their total: a fault made of several steps (a rolling
     * restart) is measured by the write unavailability of the whole operation, not of one step; and
     * the longest write of the cycle, OK or not (from the cycle's fault to the next one).
     */
    public record CycleTotal(int cycle, String client, int outages, long unavailableMillis, long longestWriteMillis) {
    }

    /** Every cycle and client that wrote: its outages summed and its longest write, in cycle order. */
    public List<CycleTotal> totals() {
        Map<String, CycleTotal> byKey = new LinkedHashMap<>();
        longest.stream().sorted(Comparator.comparingInt(CycleTotal::cycle))
                .forEach(t -> byKey.put(t.cycle() + "\u0000" + t.client(), t));
        for (Phases p : phases) {
            byKey.merge(p.cycle() + "\u0000" + p.client(), new CycleTotal(p.cycle(), p.client(), 1, p.durationMillis(),
                    0), (a, b) -> new CycleTotal(a.cycle(), a.client(), a.outages() + 1,
                    a.unavailableMillis() + b.unavailableMillis(), Math.max(a.longestWriteMillis(),
                    b.longestWriteMillis())));
        }
        return byKey.values().stream().sorted(Comparator.comparingInt(CycleTotal::cycle)).toList();
    }

    /** Every client's outages (by the one outage rule) and the lab's events, during the one replay. */
    static final class Collector implements Check {
        private final Map<String, OutageRule> rules = new LinkedHashMap<>();
        private final Map<String, List<Outage>> outages = new LinkedHashMap<>();
        private final List<LabEvent> events = new ArrayList<>();
        /** The cycle of the last fault replayed; 0 before the first. */
        private int cycle;
        private final Map<String, CycleTotal> longest = new LinkedHashMap<>();

        Collector(List<String> clients) {
            for (String c : clients) {
                rules.put(c, new OutageRule(c));
                outages.put(c, new ArrayList<>());
            }
        }

        @Override
        public void accept(Entry e) {
            if (e instanceof Entry.Attempted a) {
                Outage ended = rules.get(a.attempt().clientId()).add(a.attempt());
                if (ended != null) {
                    outages.get(ended.clientId()).add(ended);
                }
                if (cycle > 0) {
                    String client = a.attempt().clientId();
                    long ms = (a.attempt().endMicros() - a.attempt().startMicros()) / 1_000;
                    longest.merge(cycle + "\u0000" + client, new CycleTotal(cycle, client, 0, 0, ms),
                            (x, y) -> x.longestWriteMillis() >= ms ? x : y);
                }
            } else if (e instanceof Entry.Restarted r) {
                Outage cut = rules.get(r.client()).clientStopped(r.downSinceMicros());
                if (cut != null) {
                    outages.get(r.client()).add(cut);
                }
            } else if (e instanceof LabEvent l) {
                events.add(l);
                if (l.type().equals(LabEvent.FAULT)) {
                    cycle = l.cycle();
                }
            }
        }

        @Override
        public OutagePhases finish(long runEndMicros) {
            List<Phases> result = new ArrayList<>();
            if (events.isEmpty()) {
                return new OutagePhases(result, List.of());
            }
            outages.forEach((client, list) -> {
                Outage open = rules.get(client).open();
                if (open != null) {
                    list.add(open);
                }
                list.forEach(o -> result.add(phases(o, runEndMicros)));
            });
            return new OutagePhases(result, new ArrayList<>(longest.values()));
        }

        /**
         * The outage belongs to the fault its first failure followed (the lab records a fault before
         * it acts), however many cycles later it ended: a pool stuck on a demoted primary until the
         * next cycle's switchover is the first cycle's outage.
         */
        private Phases phases(Outage o, long runEndMicros) {
            LabEvent fault = events.stream()
                    .filter(e -> e.type().equals(LabEvent.FAULT) && e.micros() <= o.firstFailureEndMicros())
                    .reduce((a, b) -> b).orElse(null);
            if (fault == null) {
                return new Phases(o.clientId(), 0, o.durationMillis(runEndMicros), null, null, null, null);
            }
            return new Phases(o.clientId(), fault.cycle(), o.durationMillis(runEndMicros),
                    ms(o.firstFailureEndMicros() - fault.micros()), after(fault, LabEvent.WRITABLE),
                    after(fault, LabEvent.SWITCHED), o.open() ? null : ms(o.endMicros() - fault.micros()));
        }

        private Long after(LabEvent fault, String type) {
            return events.stream().filter(e -> e.type().equals(type) && e.cycle() == fault.cycle()
                            && e.micros() >= fault.micros()).findFirst().map(e -> ms(e.micros() - fault.micros()))
                    .orElse(null);
        }

        private static long ms(long micros) {
            return Math.round(micros / 1_000.0);
        }
    }
}
