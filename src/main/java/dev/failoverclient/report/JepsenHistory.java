package dev.failoverclient.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.failoverclient.history.Entry;
import dev.failoverclient.history.History;
import dev.failoverclient.history.Replay;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.verify.Node;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A run's history as Jepsen operations, one JSON object a line, for Elle's and Knossos's set
 * checkers (elle-cli's {@code set-full}): every row an element, the number {@code client ×
 * 10^12 + sequence} (the client's index in the history; a plain number, as the set checkers'
 * elements are), every attempt an {@code add} of each of its rows, invoked at its
 * start and completed at its end as {@code ok} (OK), {@code fail} (FAILED) or {@code info}
 * (UNKNOWN). A process that got an {@code info} is crashed, as Jepsen has it: the client goes on as
 * process {@code p + clients}; so does a client started again in its folder. Then one final
 * {@code read} per node given, the primary's last: every row of every client in the range of its
 * attempts. Times are nanoseconds from the first attempt. Streamed: memory holds the attempts in
 * flight, not the run.
 */
public final class JepsenHistory {
    private static final JsonFactory JSON = new JsonFactory();
    /** Rows read per query for the final reads. */
    private static final long CHUNK = 20_000;
    /** A client's elements are {@code index × SPAN + sequence}: sequences stay far below it. */
    public static final long SPAN = 1_000_000_000_000L;

    private JepsenHistory() {
    }

    /** One operation waiting to be written, in time order. */
    private record Op(long micros, long order, String type, int client, long sequence, int process) {
    }

    /**
     * Writes {@code history}, then a final read of each of {@code reads} (in that order: give the
     * primary last). Returns the number of operations written.
     */
    public static long write(History history, List<Node> reads, OutputStream out) throws IOException {
        Map<String, Integer> clients = new LinkedHashMap<>();
        Map<String, long[]> ranges = new HashMap<>();
        long first = Long.MAX_VALUE;
        try (Replay r = history.replay()) {
            for (Entry e = r.next(); e != null; e = r.next()) {
                if (e instanceof Entry.Attempted a) {
                    Attempt at = a.attempt();
                    clients.putIfAbsent(at.clientId(), clients.size());
                    first = Math.min(first, at.startMicros());
                    long[] range = ranges.computeIfAbsent(at.clientId(), k -> new long[] {Long.MAX_VALUE, 0});
                    range[0] = Math.min(range[0], at.sequence());
                    range[1] = Math.max(range[1], at.lastSequence());
                }
            }
        }
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller's stream: standard output, or its file
            Writer w = new Writer(g, clients, first == Long.MAX_VALUE ? 0 : first);
            try (Replay r = history.replay()) {
                for (Entry e = r.next(); e != null; e = r.next()) {
                    w.accept(e);
                }
            }
            w.flush(Long.MAX_VALUE);
            for (Node n : reads) {
                w.read(n, clients, ranges);
            }
            return w.index;
        }
    }

    /** Orders the operations by time: each client has one attempt in flight, so none can come before its last end. */
    private static final class Writer {
        private final JsonGenerator g;
        private final Map<String, Integer> clients;
        private final long first;
        private final PriorityQueue<Op> pending = new PriorityQueue<>(
                Comparator.comparingLong(Op::micros).thenComparingLong(Op::order));
        private final long[] lastEnd;
        private final int[] process;
        private long order;
        private long index;
        private long lastMicros;
        /** Reads written so far: each takes the next process after the writers'. */
        private int readers;

        Writer(JsonGenerator g, Map<String, Integer> clients, long first) {
            this.g = g;
            this.clients = clients;
            this.first = first;
            this.lastEnd = new long[clients.size()];
            java.util.Arrays.fill(lastEnd, Long.MIN_VALUE);
            this.process = new int[clients.size()];
            for (int i = 0; i < process.length; i++) {
                process[i] = i;
            }
        }

        void accept(Entry e) throws IOException {
            if (e instanceof Entry.Restarted r && clients.containsKey(r.client())) {
                int c = clients.get(r.client());
                process[c] += clients.size(); // a new process: the old one died
                lastEnd[c] = r.micros(); // its attempts start again from here
                return;
            }
            // A client that stopped (or whose history ends) holds nothing back: no attempt of it comes.
            String gone = e instanceof Entry.Stopped s ? s.client() : e instanceof Entry.Vanished v ? v.client() : null;
            if (gone != null && clients.containsKey(gone)) {
                lastEnd[clients.get(gone)] = Long.MAX_VALUE;
                flush(watermark());
                return;
            }
            if (!(e instanceof Entry.Attempted a)) {
                return;
            }
            Attempt at = a.attempt();
            int c = clients.get(at.clientId());
            String done = at.outcome() instanceof Outcome.Ok ? "ok" : at.outcome() instanceof Outcome.Failed ? "fail"
                    : "info";
            long span = Math.max(0, at.endMicros() - at.startMicros());
            for (int k = 0; k < at.rows(); k++) {
                // The rows of a transaction one after another inside its span: one process, one op at a time.
                long invoked = at.startMicros() + span * k / at.rows();
                long completed = at.startMicros() + span * (k + 1) / at.rows();
                pending.add(new Op(invoked, order++, "invoke", c, at.sequence() + k, process[c]));
                pending.add(new Op(completed, order++, done, c, at.sequence() + k, process[c]));
                if (done.equals("info")) {
                    process[c] += clients.size();
                }
            }
            lastEnd[c] = at.endMicros();
            flush(watermark());
        }

        /**
         * Entries come in the order of their ends and each client has one attempt in flight, so no
         * operation still to come is earlier than the last end of every client still writing.
         */
        private long watermark() {
            long watermark = Long.MAX_VALUE;
            for (long end : lastEnd) {
                watermark = Math.min(watermark, end);
            }
            return watermark;
        }

        /** Writes every pending operation at or before {@code watermark}. */
        void flush(long watermark) throws IOException {
            while (!pending.isEmpty() && pending.peek().micros() <= watermark) {
                Op op = pending.poll();
                lastMicros = Math.max(lastMicros, op.micros());
                g.writeStartObject();
                g.writeStringField("type", op.type());
                g.writeStringField("f", "add");
                g.writeNumberField("value", op.client() * SPAN + op.sequence());
                end(op.process(), op.micros());
            }
        }

        /** One read of every row of every client in its range, as a process of its own. */
        void read(Node node, Map<String, Integer> clients, Map<String, long[]> ranges) throws IOException {
            int reader = java.util.Arrays.stream(process).max().orElse(-1) + 1 + readers++;
            long at = ++lastMicros;
            g.writeStartObject();
            g.writeStringField("type", "invoke");
            g.writeStringField("f", "read");
            g.writeNullField("value");
            end(reader, at);
            g.writeStartObject();
            g.writeStringField("type", "ok");
            g.writeStringField("f", "read");
            g.writeArrayFieldStart("value");
            for (Map.Entry<String, Integer> c : clients.entrySet()) {
                long[] range = ranges.get(c.getKey());
                for (long from = range[0]; from <= range[1]; from += CHUNK) {
                    for (long s : node.sequences(c.getKey(), from, Math.min(range[1], from + CHUNK - 1))) {
                        g.writeNumber(c.getValue() * SPAN + s);
                    }
                }
            }
            g.writeEndArray();
            end(reader, ++lastMicros);
        }

        private void end(int proc, long micros) throws IOException {
            g.writeNumberField("process", proc);
            g.writeNumberField("time", (micros - first) * 1_000);
            g.writeNumberField("index", index++);
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }
}
