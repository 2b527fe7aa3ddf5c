package dev.failoverclient.conn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a writer records when it connects, read in one round trip (it delays the first write after
 * a reconnect): the server settings that decide whether an acknowledged write survives a crash or
 * a failover (any user may read them; a setting the server lacks is left out), and whether this
 * session is encrypted.
 *
 * @param durability the settings, in the order of {@link #NAMES}
 */
public record ServerSettings(Map<String, String> durability, TlsSession tls) {
    /** In the order reports list them. */
    public static final List<String> NAMES = List.of("version", "read_only", "innodb_flush_log_at_trx_commit",
            "sync_binlog", "rpl_semi_sync_master_enabled", "rpl_semi_sync_master_timeout",
            "rpl_semi_sync_master_wait_point", "gtid_strict_mode", "wsrep_on", "wsrep_sync_wait");
    /** A server that would not tell: no settings, recorded as a plain connection. */
    public static final ServerSettings UNKNOWN = new ServerSettings(Map.of(), TlsSession.NONE);

    private static final String QUERY = "SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM"
            + " information_schema.GLOBAL_VARIABLES WHERE LOWER(VARIABLE_NAME) IN ('" + String.join("', '", NAMES)
            + "') UNION ALL SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
            + " WHERE LOWER(VARIABLE_NAME) IN ('ssl_version', 'ssl_cipher')";

    public ServerSettings {
        durability = Collections.unmodifiableMap(new LinkedHashMap<>(durability));
    }

    public static ServerSettings read(Connection c) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                found.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        NAMES.stream().filter(found::containsKey).forEach(n -> ordered.put(n, found.get(n)));
        return new ServerSettings(ordered, TlsSession.of(found.get("ssl_version"), found.get("ssl_cipher")));
    }
}
