package dev.failoverclient.conn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server settings that decide whether an acknowledged write survives a crash or a failover,
 * read when a writer connects (any user may read them; a setting the server lacks is left out).
 */
public final class ServerSettings {
    /** In the order reports list them. */
    public static final List<String> NAMES = List.of("version", "read_only", "innodb_flush_log_at_trx_commit",
            "sync_binlog", "rpl_semi_sync_master_enabled", "rpl_semi_sync_master_timeout",
            "rpl_semi_sync_master_wait_point", "gtid_strict_mode");

    private ServerSettings() {
    }

    public static Map<String, String> read(Connection c) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM"
                     + " information_schema.GLOBAL_VARIABLES WHERE LOWER(VARIABLE_NAME) IN ('"
                     + String.join("', '", NAMES) + "')")) {
            while (rs.next()) {
                found.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        NAMES.stream().filter(found::containsKey).forEach(n -> ordered.put(n, found.get(n)));
        return ordered;
    }
}
