package dev.failoverclient.verify;

import dev.failoverclient.history.LabEvent;
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

    /** One entry per outage of a run with ground truth; empty without lab events. */
    static List<Phases> of(List<Outage> outages, List<LabEvent> events, long runEndMicros) {
        List<Phases> result = new ArrayList<>();
        if (events.isEmpty()) {
            return result;
        }
        for (Outage o : outages) {
            long end = o.open() ? runEndMicros : o.endMicros();
            LabEvent fault = events.stream().filter(e -> e.type().equals(LabEvent.FAULT) && e.micros() <= end)
                    .reduce((a, b) -> b).orElse(null);
            if (fault == null) {
                result.add(new Phases(o.clientId(), 0, o.durationMillis(runEndMicros), null, null, null, null));
                continue;
            }
            result.add(new Phases(o.clientId(), fault.cycle(), o.durationMillis(runEndMicros),
                    ms(o.firstFailureEndMicros() - fault.micros()), after(events, fault, LabEvent.WRITABLE),
                    after(events, fault, LabEvent.SWITCHED), o.open() ? null : ms(o.endMicros() - fault.micros())));
        }
        return result;
    }

    private static Long after(List<LabEvent> events, LabEvent fault, String type) {
        return events.stream().filter(e -> e.type().equals(type) && e.cycle() == fault.cycle()
                        && e.micros() >= fault.micros()).findFirst().map(e -> ms(e.micros() - fault.micros()))
                .orElse(null);
    }

    private static long ms(long micros) {
        return Math.round(micros / 1_000.0);
    }
}
