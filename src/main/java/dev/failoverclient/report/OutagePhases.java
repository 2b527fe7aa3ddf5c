package dev.failoverclient.report;

import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.verify.Outage;
import dev.failoverclient.verify.Outages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits each outage of a lab run by the ground truth, all in milliseconds from the fault:
 * detection (first failed write), promotion (new primary writable), routing (service switched)
 * and reconnect (first OK write). A phase the fault had no step for is {@code null}.
 */
public final class OutagePhases {
    /** A ground-truth event: epoch microseconds, repeat cycle, type. */
    public record Event(long micros, int cycle, String type) {
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

    private OutagePhases() {
    }

    /**
     * @param fault    the event type that marks a fault
     * @param writable the event type that marks a writable primary
     * @param switched the event type that marks the service switch
     */
    public static List<Phases> of(List<Ledger> ledgers, List<Event> events, String fault, String writable,
                                  String switched, long runEndMicros) {
        List<Phases> result = new ArrayList<>();
        for (Ledger l : ledgers) {
            for (Outage o : Outages.of(l.attempts())) {
                long end = o.open() ? runEndMicros : o.endMicros();
                Event f = events.stream().filter(e -> e.type().equals(fault) && e.micros() <= end)
                        .reduce((a, b) -> b).orElse(null);
                if (f == null) {
                    result.add(new Phases(l.clientId(), 0, o.durationMillis(runEndMicros), null, null, null, null));
                    continue;
                }
                Long detection = l.attempts().stream().filter(a -> !a.ok() && a.endMicros() >= o.startMicros())
                        .findFirst().map(a -> ms(a.endMicros() - f.micros())).orElse(null);
                result.add(new Phases(l.clientId(), f.cycle(), o.durationMillis(runEndMicros), detection,
                        after(events, f, writable), after(events, f, switched),
                        o.open() ? null : ms(o.endMicros() - f.micros())));
            }
        }
        return result;
    }

    private static Long after(List<Event> events, Event fault, String type) {
        return events.stream().filter(e -> e.type().equals(type) && e.cycle() == fault.cycle()
                        && e.micros() >= fault.micros()).findFirst().map(e -> ms(e.micros() - fault.micros()))
                .orElse(null);
    }

    private static long ms(long micros) {
        return Math.round(micros / 1_000.0);
    }
}
