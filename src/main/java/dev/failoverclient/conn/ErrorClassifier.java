package dev.failoverclient.conn;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

/**
 * The one error classifier. It decides from error numbers and SQLStates, never from message text.
 * Rule: an error packet from the server for the statement (a server error number: below 2000 or
 * from 3000) means it did not commit (FAILED), except for the codes the server sends when it drops
 * the session itself; a broken connection, a timeout or a replay after the statement was sent means
 * the outcome is UNKNOWN; before anything was sent (connecting) every error is FAILED.
 */
public final class ErrorClassifier {
    /** Server error numbers with a specific cause. */
    private static final Map<Integer, Cause> SERVER_CODES = Map.ofEntries(
            Map.entry(1290, Cause.READ_ONLY),
            Map.entry(1836, Cause.READ_ONLY),
            Map.entry(1047, Cause.NOT_READY),
            // Galera's certification failure: the commit conflicted with another node's and was rolled back.
            Map.entry(1213, Cause.CONFLICT),
            // The commit failed and was rolled back; on Galera: "Not connected to Primary Component".
            Map.entry(1180, Cause.COMMIT_FAILED),
            Map.entry(1044, Cause.ACCESS_DENIED),
            Map.entry(1045, Cause.ACCESS_DENIED),
            Map.entry(1142, Cause.ACCESS_DENIED),
            Map.entry(1227, Cause.ACCESS_DENIED),
            Map.entry(1049, Cause.UNKNOWN_DATABASE),
            // ER_SECURE_TRANSPORT_REQUIRED (MySQL numbering, and MariaDB's own): require_secure_transport=ON.
            Map.entry(3159, Cause.TLS),
            Map.entry(4151, Cause.TLS),
            Map.entry(1146, Cause.NO_TABLE),
            Map.entry(1053, Cause.SERVER_SHUTDOWN),
            Map.entry(1927, Cause.CONNECTION_KILLED),
            // 2006/2013: client-library numbers some proxies report for a lost session; 1158-1161: the
            // server's own network read/write errors. All mean the answer may not have arrived.
            Map.entry(2006, Cause.CONNECTION_LOST),
            Map.entry(2013, Cause.CONNECTION_LOST),
            Map.entry(1158, Cause.CONNECTION_LOST),
            Map.entry(1159, Cause.TIMEOUT),
            Map.entry(1160, Cause.CONNECTION_LOST),
            Map.entry(1161, Cause.TIMEOUT));

    /** Connector/J's messages for its own TLS checks (client/impl/StandardClient in its sources). */
    static final String DRIVER_NO_TLS = "ssl not enabled in the server";
    static final String DRIVER_HOSTNAME = "SSL hostname verification failed";

    private ErrorClassifier() {
    }

    /**
     * Whether a server's error {@code code} refuses writes because the server is no primary now:
     * read-only (1290, 1836) or a Galera node outside the Primary component (1047).
     */
    public static boolean refusesAsNoPrimary(int code) {
        Cause c = SERVER_CODES.get(code);
        return c == Cause.READ_ONLY || c == Cause.NOT_READY;
    }

    /** Classifies an error raised while opening a connection: nothing was written, so never UNKNOWN. */
    public static Classification onConnect(SQLException e) {
        Cause cause = tlsFailure(e) ? Cause.TLS : SERVER_CODES.get(e.getErrorCode());
        if (cause == null || cause == Cause.CONNECTION_LOST || cause == Cause.TIMEOUT
                || cause == Cause.SERVER_SHUTDOWN || cause == Cause.CONNECTION_KILLED) {
            cause = Cause.UNREACHABLE;
        }
        return new Classification(cause, false, true);
    }

    /**
     * A login stopped by TLS. Connector/J wraps handshake and certificate failures with their
     * {@code SSLException} or certificate exception as cause; for its own two TLS checks (the
     * server offers no TLS; the certificate names another host) it gives neither a number nor a
     * cause, so those are recognised by the driver's fixed message, the one exception to the rule above.
     */
    static boolean tlsFailure(SQLException e) {
        if (requiresTls(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return true;
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.contains(DRIVER_NO_TLS) || m.contains(DRIVER_HOSTNAME);
    }

    /** The server refused a login without TLS (require_secure_transport). */
    static boolean requiresTls(SQLException e) {
        return SERVER_CODES.get(e.getErrorCode()) == Cause.TLS;
    }

    /** Classifies an error raised by a statement that was handed to the driver for sending. */
    public static Classification onStatement(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        Cause known = SERVER_CODES.get(code);
        if ("25S03".equals(state)) {
            return new Classification(Cause.REPLAYED, true, true);
        }
        if (known == Cause.SERVER_SHUTDOWN || known == Cause.CONNECTION_KILLED || known == Cause.CONNECTION_LOST
                || known == Cause.TIMEOUT) {
            return new Classification(known, true, true);
        }
        if (known != null) {
            // An error packet from the server (whatever SQLState the driver attached, Galera's 1047 comes
            // with 08S01): the autocommit statement did not commit.
            boolean drop = known == Cause.READ_ONLY || known == Cause.NOT_READY || known == Cause.COMMIT_FAILED;
            return new Classification(known, false, drop);
        }
        if (e instanceof SQLTimeoutException || "70100".equals(state) || "HYT00".equals(state)) {
            return new Classification(Cause.TIMEOUT, true, true);
        }
        if (state.startsWith("08") || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLTransientConnectionException || e instanceof SQLRecoverableException) {
            return new Classification(Cause.CONNECTION_LOST, true, true);
        }
        if (code > 0 && (code < 2000 || code >= 3000)) {
            return new Classification(Cause.SERVER_ERROR, false, false);
        }
        // No server error number and no connection state: the driver cannot prove what happened.
        return new Classification(Cause.CONNECTION_LOST, true, true);
    }
}
