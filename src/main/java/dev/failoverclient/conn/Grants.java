package dev.failoverclient.conn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the client's own user may do that a failover test must know: READ_ONLY ADMIN (which ALL
 * PRIVILEGES on every database holds, and SUPER did before MariaDB 10.11, MDEV-29596) lets it write
 * through {@code read_only}, so a demoted primary keeps accepting its writes and no verdict can see
 * that. Read from {@code SHOW GRANTS}.
 */
public final class Grants {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    private Grants() {
    }

    /**
     * The privilege by which the connected user writes through {@code read_only}, as the warning
     * names it; {@code null} when it has none, or when the grants cannot be read.
     *
     * @param version the server's version ({@code SELECT VERSION()}): SUPER counts before 10.11
     */
    public static String writesThroughReadOnly(Connection c, String version) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            String found = null;
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                int on = grant.indexOf(" ON ");
                String privileges = on < 0 ? grant : grant.substring(0, on);
                boolean global = on >= 0 && grant.startsWith("*.*", on + 4);
                if (privileges.contains("READ_ONLY ADMIN") || privileges.contains("READ ONLY ADMIN")) {
                    return "READ_ONLY ADMIN";
                }
                if (global && privileges.contains("ALL PRIVILEGES")) {
                    return "ALL PRIVILEGES";
                }
                if (privileges.contains("SUPER") && superBypassesReadOnly(version)) {
                    found = "SUPER";
                }
            }
            return found;
        } catch (SQLException e) {
            return null;
        }
    }

    /** Before MariaDB 10.11, SUPER held READ_ONLY ADMIN. */
    static boolean superBypassesReadOnly(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version);
        if (!m.find()) {
            return true; // unknown: warn rather than keep quiet
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major < 10 || major == 10 && minor < 11;
    }
}
