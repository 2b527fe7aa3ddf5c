package dev.failoverclient.testsupport;

import dev.failoverclient.history.History;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.Node;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.ledger.RunFolder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-written runs for the analysis: ledgers from letters, nodes from sequence lists. */
public final class Runs {
    private Runs() {
    }

    /**
     * Writes client {@code client}'s ledger into {@code dir}: one letter per sequence from
     * {@code first}: O ok, F failed, U unknown, - not attempted. Sequence s starts at s*1000 µs and
     * ends 500 µs later; the writer stops at the end of the last attempt.
     */
    public static void ledger(Path dir, String client, long first, String outcomes) {
        try (LedgerWriter w = new LedgerWriter(new RunFolder(dir).ledger(client), client, 0)) {
            long end = 0;
            for (int i = 0; i < outcomes.length(); i++) {
                long seq = first + i;
                long start = seq * 1_000;
                Outcome o = switch (outcomes.charAt(i)) {
                    case 'O' -> new Outcome.Ok(1);
                    case 'F' -> new Outcome.Failed(1290, "HY000", "read-only");
                    case 'U' -> new Outcome.Unknown(0, "08000", "Socket error");
                    default -> null;
                };
                if (o != null) {
                    w.begin(seq, start);
                    w.end(seq, start + 500, o);
                    end = start + 500;
                }
            }
            w.stopped(end);
        }
    }

    /**
     * Writes client {@code client}'s ledger of transactions of {@code rows} rows each: one letter per
     * transaction from sequence {@code first}, as {@link #ledger}; transaction t starts at its first
     * sequence * 1000 µs.
     */
    public static void transactions(Path dir, String client, long first, int rows, String outcomes) {
        try (LedgerWriter w = new LedgerWriter(new RunFolder(dir).ledger(client), client, 0)) {
            long end = 0;
            for (int i = 0; i < outcomes.length(); i++) {
                long seq = first + (long) i * rows;
                long start = seq * 1_000;
                Outcome o = switch (outcomes.charAt(i)) {
                    case 'O' -> new Outcome.Ok(1);
                    case 'F' -> new Outcome.Failed(1290, "HY000", "read-only");
                    default -> new Outcome.Unknown(0, "08000", "Socket error");
                };
                w.begin(seq, start, rows);
                w.end(seq, start + 500, o);
                end = start + 500;
            }
            w.stopped(end);
        }
    }

    /** Writes the lab's {@code events.jsonl}: one fault per micros given, cycles 1, 2, … */
    public static void faults(Path dir, long... micros) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < micros.length; i++) {
            b.append("{\"ts\":\"-\",\"micros\":").append(micros[i]).append(",\"cycle\":").append(i + 1)
                    .append(",\"type\":\"fault_injected\",\"node\":\"node-0\",\"detail\":\"SIGKILL\"}\n");
        }
        java.nio.file.Files.writeString(dir.resolve("events.jsonl"), b.toString());
    }

    /** A node holding, per client, exactly these rows (any order; repeats are duplicates). */
    public static Node node(String name, Map<String, long[]> rows) {
        Map<String, long[]> sorted = new HashMap<>();
        rows.forEach((k, v) -> sorted.put(k, Arrays.stream(v).sorted().toArray()));
        return new Node() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long[] sequences(String clientId, long first, long last) {
                return Arrays.stream(sorted.getOrDefault(clientId, new long[0])).filter(s -> s >= first && s <= last)
                        .toArray();
            }
        };
    }

    public static Node node(String name, long... rowsOfC) {
        return node(name, Map.of("c", rowsOfC));
    }

    public static Analysis analyse(Path dir, Node primary, List<Node> others, boolean strict) {
        return Analysis.run(History.read(dir, List.of()), primary, others, strict);
    }
}
