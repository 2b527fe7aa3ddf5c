package dev.failoverclient.conn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a connection is encrypted, as the server sees it ({@code Ssl_version} and
 * {@code Ssl_cipher} of the session, empty when it is plain TCP). Read when a writer connects.
 *
 * @param protocol e.g. {@code TLSv1.3}; {@code null} when not encrypted
 */
public record TlsSession(String protocol, String cipher) {
    public static final TlsSession NONE = new TlsSession(null, null);

    public boolean encrypted() {
        return protocol != null;
    }

    public static TlsSession read(Connection c) throws SQLException {
        String protocol = null;
        String cipher = null;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN ('Ssl_version', 'Ssl_cipher')")) {
            while (rs.next()) {
                String value = rs.getString(2);
                if (value == null || value.isEmpty()) {
                    continue;
                }
                if ("Ssl_version".equalsIgnoreCase(rs.getString(1))) {
                    protocol = value;
                } else {
                    cipher = value;
                }
            }
        }
        return protocol == null ? NONE : new TlsSession(protocol, cipher);
    }
}
