package dev.failoverclient.conn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Every statement on the seed's {@code failover_test} table. Client ids are compared byte for byte:
 * the seed's column is {@code utf8mb4_general_ci}, which would make {@code a}, {@code A}, {@code á}
 * and {@code "a "} one client. Each lookup keeps the indexed comparison {@code client_id = ?}, so
 * {@code idx_client_seq} serves the range scan, and filters {@code BINARY client_id = ?} on top,
 * which keeps only the exact bytes (trailing spaces included).
 */
public final class FailoverTable {
    public static final String NAME = "failover_test";

    /** The seed's DDL, unchanged. */
    public static final String CREATE = """
            CREATE TABLE IF NOT EXISTS failover_test (
                id BIGINT AUTO_INCREMENT PRIMARY KEY,
                client_id VARCHAR(255) NOT NULL,
                sequence BIGINT NOT NULL,
                write_timestamp DATETIME(6) NOT NULL,
                hostname VARCHAR(255),
                INDEX idx_client_seq (client_id, sequence),
                INDEX idx_timestamp (write_timestamp)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

    /** The one write: parameters client id, sequence, write timestamp, server host name. */
    public static final String INSERT =
            "INSERT INTO failover_test (client_id, sequence, write_timestamp, hostname) VALUES (?, ?, ?, ?)";

    /** Rows are read in chunks of this many sequences, so memory does not grow with the table. */
    static final long CHUNK = 100_000;

    private static final String EXACT_CLIENT = "client_id = ? AND BINARY client_id = ?";
    private static final List<String> COLUMNS = List.of("id", "client_id", "sequence", "write_timestamp", "hostname");

    private FailoverTable() {
    }

    /**
     * Creates the table if it does not exist and checks that an existing one has the seed's columns.
     *
     * @throws SchemaException when columns are missing
     */
    public static void ensure(Connection c, String database) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE);
        }
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT LOWER(column_name) FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, database);
            ps.setString(2, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        List<String> missing = COLUMNS.stream().filter(col -> !present.contains(col)).toList();
        if (!missing.isEmpty()) {
            throw new SchemaException("table " + database + "." + NAME + " exists but lacks column(s) "
                    + String.join(", ", missing) + ": drop or rename it so the client can create the seed's schema");
        }
    }

    /** The highest sequence stored for exactly this client id, 0 when it has none. */
    public static long maxSequence(Connection c, String clientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(sequence), 0) FROM failover_test WHERE " + EXACT_CLIENT)) {
            client(ps, 1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Lowest and highest stored sequence of the client, or {@code null} when it has no row. */
    public static long[] sequenceRange(Connection c, String clientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(sequence), MAX(sequence) FROM failover_test WHERE " + EXACT_CLIENT)) {
            client(ps, 1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1) == null ? null : new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /**
     * Passes every stored sequence of the client in {@code [first, last]} to {@code sink}, ascending,
     * duplicates repeated, read through the index in bounded chunks.
     */
    public static void sequences(Connection c, String clientId, long first, long last, LongConsumer sink)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence FROM failover_test WHERE " + EXACT_CLIENT
                + " AND sequence BETWEEN ? AND ? ORDER BY sequence")) {
            client(ps, 1, clientId);
            for (long from = first; from <= last; from += CHUNK) {
                ps.setLong(3, from);
                ps.setLong(4, Math.min(last, from + CHUNK - 1));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getLong(1));
                    }
                }
                if (last - from < CHUNK) {
                    break; // also ends the loop before from + CHUNK could overflow
                }
            }
        }
    }

    /** The exact client ids in the table, optionally only those starting with {@code prefix}. */
    public static List<String> clients(Connection c, String prefix) throws SQLException {
        List<String> ids = new ArrayList<>();
        // GROUP BY BINARY: DISTINCT client_id would fold ids that differ in case, accents or trailing spaces.
        // LIKE narrows through the index (case-insensitively); startsWith keeps the exact prefix.
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(client_id) FROM failover_test"
                + " WHERE client_id LIKE ? GROUP BY BINARY client_id ORDER BY BINARY client_id")) {
            ps.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (id.startsWith(prefix)) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

    /** All rows of the table, every client. */
    public static long countRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM failover_test")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void client(PreparedStatement ps, int index, String clientId) throws SQLException {
        ps.setString(index, clientId);
        ps.setString(index + 1, clientId);
    }

    /** An existing table that cannot hold the client's rows. */
    public static final class SchemaException extends SQLException {
        SchemaException(String message) {
            super(message);
        }
    }
}
