package dev.failoverclient.history;

import dev.failoverclient.ledger.Micros;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One action of the lab, the ground truth of a lab run ({@code events.jsonl}, one per line).
 *
 * @param cycle  the repeat cycle it belongs to (1-based; 0 before the first fault)
 * @param node   the node it acted on, or {@code null}
 */
public record LabEvent(long micros, int cycle, String type, String node, String detail) implements Entry {
    /** A fault was injected (recorded before the lab acts). */
    public static final String FAULT = "fault_injected";
    /** A primary was writable again (promoted, or restarted). */
    public static final String WRITABLE = "candidate_writable";
    /** The service routes new connections to the new primary. */
    public static final String SWITCHED = "service_switched";
    /** A fault that lasts (blackhole) ended. */
    public static final String HEALED = "fault_healed";
    /** A random schedule's step: which fault comes, how long it lasts, how long the writers then write. */
    public static final String SCHEDULED = "scheduled";

    /** The fault a {@link #SCHEDULED} event announces (its detail starts with the name); {@code null} for others. */
    public String scheduledFault() {
        return type.equals(SCHEDULED) && detail != null ? detail.split(" ", 2)[0] : null;
    }

    /** The line written to events.jsonl (and the summary's {@code ground_truth}). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", Micros.iso(micros));
        m.put("micros", micros);
        m.put("cycle", cycle);
        m.put("type", type);
        m.put("node", node);
        m.put("detail", detail);
        return m;
    }
}
