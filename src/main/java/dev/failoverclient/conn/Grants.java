package dev.failoverclient.conn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What the client's own user may do that a failover test must know: SUPER, READ ONLY ADMIN (or ALL
 * PRIVILEGES on every database, which hold them) let it write through {@code read_only}, so a demoted
 * primary keeps accepting its writes and no verdict can see that. Read from {@code SHOW GRANTS}.
 */
public final class Grants {
    private Grants() {
    }

    /** Whether the connected user writes through {@code read_only}; {@code false} when the grants cannot be read. */
    public static boolean writesThroughReadOnly(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                int on = grant.indexOf(" ON ");
                String privileges = on < 0 ? grant : grant.substring(0, on);
                boolean global = on >= 0 && grant.startsWith("*.*", on + 4);
                if (privileges.contains("SUPER") || privileges.contains("READ ONLY ADMIN")
                        || global && privileges.contains("ALL PRIVILEGES")) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            return false;
        }
    }
}
