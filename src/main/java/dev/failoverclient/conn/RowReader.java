package dev.failoverclient.conn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongConsumer;

/**
 * Streams the stored sequences of one client in ascending order through the
 * {@code idx_client_seq (client_id, sequence)} index, in bounded chunks, so memory does not grow
 * with the table.
 */
public final class RowReader {
    static final long CHUNK = 100_000;

    private RowReader() {
    }

    /** Passes every stored sequence in {@code [first, last]} (duplicates repeated) to {@code sink}. */
    public static void read(Connection c, String clientId, long first, long last, LongConsumer sink)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence FROM failover_test"
                + " WHERE client_id = ? AND sequence BETWEEN ? AND ? ORDER BY sequence")) {
            ps.setString(1, clientId);
            for (long from = first; from <= last; from += CHUNK) {
                ps.setLong(2, from);
                ps.setLong(3, Math.min(last, from + CHUNK - 1));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getLong(1));
                    }
                }
            }
        }
    }

    /** The client ids in the table, optionally only those starting with {@code prefix}. */
    public static java.util.List<String> clients(Connection c, String prefix) throws SQLException {
        java.util.List<String> ids = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT client_id FROM failover_test WHERE client_id LIKE ? ORDER BY client_id")) {
            ps.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
