package dev.failoverclient.workload;

import dev.failoverclient.conn.FailoverTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The online loss check: remembers the client's most recent acknowledged sequences (at most
 * {@code window}) and, after a reconnect, reads them back from the server now written to. A
 * sequence found missing is reported once and then forgotten. Not thread-safe: owned by one writer.
 */
final class LossCheck {
    private final int window;
    private final ArrayDeque<Long> recent;

    LossCheck(int window) {
        this.window = window;
        this.recent = new ArrayDeque<>(Math.max(1, window));
    }

    void acknowledged(long sequence) {
        if (window == 0) {
            return;
        }
        if (recent.size() == window) {
            recent.removeFirst();
        }
        recent.addLast(sequence);
    }

    /**
     * Returns the remembered acknowledged sequences that the server does not hold, ascending. On a
     * Galera node ({@code galera}) the read first waits until the node applied every write the cluster
     * committed ({@code wsrep_sync_wait}): another node's commits are applied a moment after they are
     * acknowledged, and a read without it would report a loss that is only a delay.
     */
    List<Long> missing(Connection c, String clientId, boolean galera) throws SQLException {
        if (recent.isEmpty()) {
            return List.of();
        }
        if (galera) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET SESSION wsrep_sync_wait = 1");
            }
        }
        Set<Long> present = new HashSet<>();
        FailoverTable.sequences(c, clientId, recent.getFirst(), recent.getLast(), present::add);
        List<Long> missing = new ArrayList<>();
        recent.removeIf(seq -> !present.contains(seq) && missing.add(seq));
        return missing;
    }
}
