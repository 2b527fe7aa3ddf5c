package dev.failoverclient.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the lab did and when: every action is an event appended to {@code events.jsonl} (one JSON
 * object per line, written before the method returns) and kept in memory for the report.
 */
public final class GroundTruth implements AutoCloseable {
    /** One lab action. {@code micros} is epoch microseconds (the writers' ledger clock). */
    public record Event(long micros, int cycle, String type, String node, String detail) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ts", Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000).toString());
            m.put("micros", micros);
            m.put("cycle", cycle);
            m.put("type", type);
            m.put("node", node);
            m.put("detail", detail);
            return m;
        }
    }

    /** Event types the report splits outages with. */
    public static final String FAULT = "fault_injected";
    public static final String WRITABLE = "candidate_writable";
    public static final String SWITCHED = "service_switched";
    public static final String HEALED = "fault_healed";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock;
    private final FileOutputStream out;
    private final List<Event> events = new ArrayList<>();
    private int cycle;

    GroundTruth(Path file, Clock clock) {
        this.clock = clock;
        try {
            this.out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Later events belong to repeat cycle {@code n} (1-based). */
    public void cycle(int n) {
        cycle = n;
    }

    /** Records an event now and returns it. */
    public synchronized Event record(String type, LabNode node, String detail) {
        Instant now = clock.instant();
        Event e = new Event(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, cycle, type,
                node == null ? null : node.name(), detail);
        events.add(e);
        try {
            out.write(JSON.writeValueAsBytes(e.asMap()));
            out.write('\n');
        } catch (IOException ex) {
            throw new LabException("cannot append to events.jsonl: " + ex.getMessage());
        }
        return e;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more will be written
        }
    }
}
