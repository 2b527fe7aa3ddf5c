package dev.failoverclient.workload;

import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.ServerIdentity;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.SequenceRanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online check, after every reconnect: the client's most recent attempts (at most
 * {@code window} acknowledged and {@code window} refused ones) read back from the server now written
 * to. An acknowledged write missing is a loss (logged, counted, and written to the ledger); a write
 * stored twice is a duplicate, a refused one stored is unexpected (logged and counted: the verdict
 * at the end recounts both from every row). Each finding is reported once. Not thread-safe: owned by
 * one writer.
 */
final class LossCheck {
    private static final Logger LOG = LoggerFactory.getLogger("dev.failoverclient.writer");

    private final int window;
    private final String clientId;
    private final ArrayDeque<Long> acknowledged;
    private final ArrayDeque<Long> refused;
    /** Duplicates already reported, the most recent {@code window}. */
    private final Set<Long> reported = new LinkedHashSet<>();

    LossCheck(int window, String clientId) {
        this.window = window;
        this.clientId = clientId;
        this.acknowledged = new ArrayDeque<>(Math.max(1, window));
        this.refused = new ArrayDeque<>(Math.max(1, window));
    }

    void acknowledged(long sequence) {
        remember(acknowledged, sequence);
    }

    /** A FAILED attempt: certainly not committed, so it must not be stored. */
    void refused(long sequence) {
        remember(refused, sequence);
    }

    private void remember(ArrayDeque<Long> recent, long sequence) {
        if (window == 0) {
            return;
        }
        if (recent.size() == window) {
            recent.removeFirst();
        }
        recent.addLast(sequence);
    }

    /** What one check found, ascending. */
    record Found(List<Long> missing, List<Long> duplicates, List<Long> unexpected) {
    }

    /**
     * Reads the remembered sequences back from {@code c}. On a Galera node ({@code galera}) the read
     * first waits until the node applied every write the cluster committed ({@code wsrep_sync_wait}):
     * another node's commits are applied a moment after they are acknowledged, and a read without it
     * would report a loss that is only a delay.
     */
    Found check(Connection c, boolean galera) throws SQLException {
        if (acknowledged.isEmpty() && refused.isEmpty()) {
            return new Found(List.of(), List.of(), List.of());
        }
        if (galera) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION wsrep_sync_wait = 1");
            }
        }
        long first = Math.min(acknowledged.isEmpty() ? Long.MAX_VALUE : acknowledged.getFirst(),
                refused.isEmpty() ? Long.MAX_VALUE : refused.getFirst());
        long last = Math.max(acknowledged.isEmpty() ? 0 : acknowledged.getLast(), refused.isEmpty() ? 0 : refused.getLast());
        Map<Long, Integer> stored = new HashMap<>();
        FailoverTable.sequences(c, clientId, first, last, s -> stored.merge(s, 1, Integer::sum));
        List<Long> missing = new ArrayList<>();
        acknowledged.removeIf(seq -> !stored.containsKey(seq) && missing.add(seq));
        List<Long> unexpected = new ArrayList<>();
        refused.removeIf(seq -> stored.containsKey(seq) && unexpected.add(seq));
        List<Long> duplicates = new ArrayList<>();
        stored.forEach((seq, n) -> {
            if (n > 1 && reported.add(seq)) {
                duplicates.add(seq);
            }
        });
        while (reported.size() > Math.max(1, window)) {
            reported.remove(reported.iterator().next());
        }
        duplicates.sort(null);
        return new Found(missing, duplicates, unexpected);
    }

    /** Runs the check after a reconnect and reports what it found: the log, the listener, the ledger. */
    void afterReconnect(Connection c, ServerIdentity id, WriterStats stats, WriterListener listener,
                        LedgerWriter ledger, Clock clock) {
        Found f;
        try {
            f = check(c, id.galera());
        } catch (SQLException e) {
            LOG.warn("Online loss check failed on {}: {}", id.endpoint(), Messages.errorTuple(e));
            return;
        }
        String on = id.endpoint() + " (server_id " + id.serverId() + ")";
        if (!f.missing().isEmpty()) {
            stats.lost(f.missing().size());
            listener.lossFound(f.missing().size());
            ledger.loss(Micros.now(clock), id.serverId(), f.missing());
            LOG.error("✗ DATA LOSS: {} acknowledged write(s) missing on {}: sequences {}", f.missing().size(), on,
                    SequenceRanges.format(f.missing(), 20));
        }
        if (!f.duplicates().isEmpty()) {
            listener.duplicatesFound(f.duplicates().size());
            LOG.error("✗ DUPLICATE: {} sequence(s) stored twice on {}: {}", f.duplicates().size(), on,
                    SequenceRanges.format(f.duplicates(), 20));
        }
        if (!f.unexpected().isEmpty()) {
            listener.unexpectedFound(f.unexpected().size());
            LOG.error("✗ UNEXPECTED: {} refused write(s) stored on {}: sequences {}", f.unexpected().size(), on,
                    SequenceRanges.format(f.unexpected(), 20));
        }
    }
}
