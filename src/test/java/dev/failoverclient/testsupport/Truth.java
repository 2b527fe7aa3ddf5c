package dev.failoverclient.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.ledger.SequenceRanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a run should have found, computed without the client's code: ledgers parsed with plain
 * Jackson, rows read with plain SQL and compared in Java (where client ids compare byte for byte),
 * then the set arithmetic of the contract, per attempt (a transaction of one or more consecutive
 * sequences): PARTIAL = some of its rows stored, not all; else LOST = OK and absent, UNEXPECTED =
 * FAILED, yet stored; DUPLICATE = a row stored twice; a row never attempted yet stored is UNEXPECTED,
 * over the ledger's sequence range.
 */
public final class Truth {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Truth() {
    }

    /**
     * One client's ledger: outcome (OK, FAILED, UNKNOWN) by sequence, each sequence of a transaction
     * with the transaction's; a begin without end is UNKNOWN.
     *
     * @param attempts the rows of each attempt, by its first sequence
     */
    public record Ledger(String client, SortedMap<Long, String> outcomes, SortedMap<Long, Integer> attempts) {
        public long first() {
            return outcomes.isEmpty() ? 1 : outcomes.firstKey();
        }

        public long last() {
            return outcomes.isEmpty() ? 0 : outcomes.lastKey();
        }

        public List<Long> with(String outcome) {
            return outcomes.entrySet().stream().filter(e -> e.getValue().equals(outcome)).map(Map.Entry::getKey)
                    .toList();
        }

        /** One client's history from its ledger segments, in the order its processes wrote them. */
        public static Ledger read(Path... segments) throws IOException {
            String client = null;
            SortedMap<Long, String> outcomes = new TreeMap<>();
            SortedMap<Long, Integer> attempts = new TreeMap<>();
            for (Path file : segments) {
                client = read(file, outcomes, attempts);
            }
            return new Ledger(client, outcomes, attempts);
        }

        private static String read(Path file, SortedMap<Long, String> outcomes, SortedMap<Long, Integer> attempts)
                throws IOException {
            String client = null;
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode r;
                try {
                    r = JSON.readTree(lines.get(i));
                } catch (IOException e) {
                    if (i == lines.size() - 1) {
                        break; // cut short by a kill: the client's contract tolerates it too
                    }
                    throw e;
                }
                switch (r.get("type").asText()) {
                    case "start" -> client = r.get("client").asText();
                    case "begin" -> {
                        long seq = r.get("seq").asLong();
                        int rows = r.has("rows") ? r.get("rows").asInt() : 1;
                        attempts.put(seq, rows);
                        for (long s = seq; s < seq + rows; s++) {
                            outcomes.putIfAbsent(s, "UNKNOWN");
                        }
                    }
                    case "end" -> {
                        long seq = r.get("seq").asLong();
                        for (long s = seq; s < seq + attempts.getOrDefault(seq, 1); s++) {
                            outcomes.put(s, r.get("outcome").asText());
                        }
                    }
                    default -> { }
                }
            }
            return client;
        }
    }

    /** Every row on one node: exact client id, then sequence, then how many rows hold it. */
    public static Map<String, SortedMap<Long, Integer>> rows(Connection c) throws SQLException {
        Map<String, SortedMap<Long, Integer>> rows = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT client_id, sequence FROM failover_test")) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).merge(rs.getLong(2), 1, Integer::sum);
            }
        }
        return rows;
    }

    /** The anomalies the checker must report for {@code ledger} against the primary's rows. */
    public record Expected(List<Long> lost, List<Long> duplicates, List<Long> unexpected, long unknownCommitted,
                           List<Long> partial) {
        public static Expected of(Ledger ledger, SortedMap<Long, Integer> onPrimary) {
            SortedMap<Long, Integer> inRange = onPrimary.subMap(ledger.first(), ledger.last() + 1);
            List<Long> lost = new ArrayList<>();
            List<Long> unexpected = new ArrayList<>(inRange.keySet().stream()
                    .filter(s -> !ledger.outcomes().containsKey(s)).toList());
            long unknownCommitted = 0;
            for (Map.Entry<Long, Integer> a : ledger.attempts().entrySet()) {
                List<Long> rows = sequences(a.getKey(), a.getValue());
                long stored = rows.stream().filter(inRange::containsKey).count();
                String outcome = ledger.outcomes().get(a.getKey());
                if (stored > 0 && stored < rows.size()) {
                    continue; // partial: see partial()
                }
                if (outcome.equals("OK") && stored == 0) {
                    lost.addAll(rows);
                } else if (outcome.equals("FAILED") && stored > 0) {
                    unexpected.addAll(rows);
                } else if (outcome.equals("UNKNOWN") && stored > 0) {
                    unknownCommitted++;
                }
            }
            List<Long> duplicates = inRange.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            return new Expected(lost, duplicates, unexpected.stream().sorted().toList(), unknownCommitted,
                    Truth.partial(ledger, onPrimary));
        }
    }

    /** Every sequence of the attempts {@code node} holds some rows of, but not all. */
    public static List<Long> partial(Ledger ledger, SortedMap<Long, Integer> onNode) {
        List<Long> partial = new ArrayList<>();
        for (Map.Entry<Long, Integer> a : ledger.attempts().entrySet()) {
            List<Long> rows = sequences(a.getKey(), a.getValue());
            long stored = rows.stream().filter(onNode::containsKey).count();
            if (stored > 0 && stored < rows.size()) {
                partial.addAll(rows);
            }
        }
        return partial;
    }

    private static List<Long> sequences(long first, int rows) {
        List<Long> seqs = new ArrayList<>();
        for (long s = first; s < first + rows; s++) {
            seqs.add(s);
        }
        return seqs;
    }

    /** Acknowledged writes of {@code ledger} that {@code node} lacks. */
    public static List<Long> missing(Ledger ledger, SortedMap<Long, Integer> onNode) {
        return ledger.with("OK").stream().filter(s -> !onNode.containsKey(s)).toList();
    }

    /** Sequences (of the ledger's range) that {@code node} holds and the primary does not. */
    public static List<Long> errant(Ledger ledger, SortedMap<Long, Integer> onNode,
                                    SortedMap<Long, Integer> onPrimary) {
        return new ArrayList<>(onNode.subMap(ledger.first(), ledger.last() + 1).keySet().stream()
                .filter(s -> !onPrimary.containsKey(s)).toList());
    }

    /** Sequences as the client's reports print them: {@code ["3-5", "9"]}. */
    public static List<String> ranges(List<Long> ascending) {
        return SequenceRanges.of(ascending).stream().map(SequenceRanges.Range::toString).toList();
    }

    /** Rows of one client on one node; empty when it has none. */
    public static SortedMap<Long, Integer> of(Map<String, SortedMap<Long, Integer>> rows, String client) {
        return rows.getOrDefault(client, new TreeMap<>());
    }
}
