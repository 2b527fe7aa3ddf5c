package dev.failoverclient.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The seed's {@code failover_test} table: created when absent, checked when present. */
public final class TableSchema {
    public static final String TABLE = "failover_test";

    /** The seed's DDL, unchanged. */
    static final String CREATE = """
            CREATE TABLE IF NOT EXISTS failover_test (
                id BIGINT AUTO_INCREMENT PRIMARY KEY,
                client_id VARCHAR(255) NOT NULL,
                sequence BIGINT NOT NULL,
                write_timestamp DATETIME(6) NOT NULL,
                hostname VARCHAR(255),
                INDEX idx_client_seq (client_id, sequence),
                INDEX idx_timestamp (write_timestamp)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

    private static final List<String> COLUMNS = List.of("id", "client_id", "sequence", "write_timestamp", "hostname");

    private TableSchema() {
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
            ps.setString(2, TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        List<String> missing = COLUMNS.stream().filter(col -> !present.contains(col)).toList();
        if (!missing.isEmpty()) {
            throw new SchemaException("table " + database + "." + TABLE + " exists but lacks column(s) "
                    + String.join(", ", missing) + ": drop or rename it so the client can create the seed's schema");
        }
    }

    /** The highest sequence stored for the client, 0 when it has none. */
    public static long maxSequence(Connection c, String clientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(sequence), 0) FROM failover_test WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** An existing table that cannot hold the client's rows. */
    public static final class SchemaException extends SQLException {
        SchemaException(String message) {
            super(message);
        }
    }
}
