package dev.failoverclient.conn;

import java.sql.SQLException;

/** Formats driver errors the way the seed's log lines show them. */
public final class Messages {
    private Messages() {
    }

    /** The driver's message without Connector/J's {@code (conn=N)} prefix and on one line. */
    public static String clean(String message) {
        if (message == null) {
            return "";
        }
        String m = message.replaceFirst("^\\(conn=\\d+\\)\\s*", "");
        int newline = m.indexOf('\n');
        return (newline < 0 ? m : m.substring(0, newline)).trim();
    }

    /** {@code (1290, 'The MariaDB server is running with the --read-only option ...')}, as in the seed. */
    public static String errorTuple(SQLException e) {
        return "(" + e.getErrorCode() + ", '" + clean(e.getMessage()) + "')";
    }
}
