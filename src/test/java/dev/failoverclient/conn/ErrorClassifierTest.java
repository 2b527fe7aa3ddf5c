package dev.failoverclient.conn;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The classifier's table, row by row, with the SQLStates and codes Connector/J 3.5 really reports. */
class ErrorClassifierTest {

    static Stream<Arguments> statementErrors() {
        return Stream.of(
                // exception, cause, UNKNOWN?, drop connection?
                row(new SQLException("read-only", "HY000", 1290), Cause.READ_ONLY, false, true),
                row(new SQLException("read-only mode", "HY000", 1836), Cause.READ_ONLY, false, true),
                row(new SQLNonTransientConnectionException("WSREP has not yet prepared node", "08S01", 1047), Cause.NOT_READY, false, true),
                row(new SQLException("WSREP has not yet prepared node", "HY000", 1047), Cause.NOT_READY, false, true),
                // A Galera node that fell out of the Primary component during the commit: rolled back.
                row(new SQLException("Error while appending streaming replication fragment(provider status: Not"
                        + " connected to Primary Component)", "HY000", 1180), Cause.COMMIT_FAILED, false, true),
                // Galera's certification failure, as Connector/J reports it: rolled back, not committed.
                row(new java.sql.SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting"
                        + " transaction", "40001", 1213), Cause.CONFLICT, false, false),
                row(new SQLSyntaxErrorException("INSERT command denied", "42000", 1142), Cause.ACCESS_DENIED, false, false),
                row(new SQLSyntaxErrorException("Table doesn't exist", "42S02", 1146), Cause.NO_TABLE, false, false),
                row(new SQLException("Unknown database", "42000", 1049), Cause.UNKNOWN_DATABASE, false, false),
                row(new SQLException("Lock wait timeout exceeded", "HY000", 1205), Cause.SERVER_ERROR, false, false),
                row(new SQLNonTransientConnectionException("Socket error", "08000", 0), Cause.CONNECTION_LOST, true, true),
                row(new SQLNonTransientConnectionException("Connection reset", "08S01", 0), Cause.CONNECTION_LOST, true, true),
                row(new SQLTransientConnectionException("Communications link failure", "08S01", 0), Cause.CONNECTION_LOST, true, true),
                row(new SQLTimeoutException("Socket timeout", "HY000", 0), Cause.TIMEOUT, true, true),
                row(new SQLException("Query execution was interrupted (timeout)", "70100", 1969), Cause.TIMEOUT, true, true),
                row(new SQLException("Connection was killed", "70100", 1927), Cause.CONNECTION_KILLED, true, true),
                row(new SQLException("Connection was killed", "HY000", 1927), Cause.CONNECTION_KILLED, true, true),
                row(new SQLException("Server shutdown in progress", "08S01", 1053), Cause.SERVER_SHUTDOWN, true, true),
                row(new SQLException("Server shutdown in progress", "HY000", 1053), Cause.SERVER_SHUTDOWN, true, true),
                row(new SQLException("Lost connection to server during query", "HY000", 2013), Cause.CONNECTION_LOST, true, true),
                row(new SQLException("Driver reconnected, command replayed", "25S03", 0), Cause.REPLAYED, true, true),
                row(new SQLException("Got timeout reading communication packets", "08S01", 1159), Cause.TIMEOUT, true, true),
                row(new SQLException("Unknown client error", "HY000", 2054), Cause.CONNECTION_LOST, true, true),
                row(new SQLException("A newer server error", "HY000", 4025), Cause.SERVER_ERROR, false, false),
                row(new SQLException("no code, no state"), Cause.CONNECTION_LOST, true, true));
    }

    private static Arguments row(SQLException e, Cause cause, boolean unknown, boolean drop) {
        return Arguments.of(e, cause, unknown, drop);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("statementErrors")
    void classifiesStatementErrors(SQLException e, Cause cause, boolean unknown, boolean drop) {
        Classification c = ErrorClassifier.onStatement(e);
        assertThat(c.cause()).isEqualTo(cause);
        assertThat(c.maybeCommitted()).as("UNKNOWN").isEqualTo(unknown);
        assertThat(c.dropConnection()).as("drop connection").isEqualTo(drop);
    }

    static Stream<Arguments> connectErrors() {
        return Stream.of(
                Arguments.of(new SQLException("Access denied for user", "28000", 1045), Cause.ACCESS_DENIED),
                Arguments.of(new SQLException("Access denied to database", "42000", 1044), Cause.ACCESS_DENIED),
                Arguments.of(new SQLException("Unknown database 'nope'", "42000", 1049), Cause.UNKNOWN_DATABASE),
                Arguments.of(new SQLNonTransientConnectionException("Socket fail to connect", "08000", 0), Cause.UNREACHABLE),
                Arguments.of(new SQLException("Server shutdown in progress", "08S01", 1053), Cause.UNREACHABLE),
                Arguments.of(new SQLException("Too many connections", "08004", 1040), Cause.UNREACHABLE),
                Arguments.of(new SQLException("read-only", "HY000", 1290), Cause.READ_ONLY),
                // TLS: the server's refusal of a plain login, and the driver's handshake and certificate failures.
                Arguments.of(new SQLException("Connections using insecure transport are prohibited", "08004", 3159),
                        Cause.TLS),
                Arguments.of(new SQLNonTransientConnectionException("Could not connect to address=(host=db) : PKIX",
                        "08000", 0, new javax.net.ssl.SSLHandshakeException("PKIX path building failed")), Cause.TLS),
                Arguments.of(new SQLNonTransientConnectionException("Could not connect", "08000", 0,
                        new java.security.cert.CertificateExpiredException("NotAfter")), Cause.TLS),
                Arguments.of(new SQLNonTransientConnectionException("Could not connect to address=(host=db) : Trying to"
                        + " connect with ssl, but ssl not enabled in the server", "08000", 0), Cause.TLS),
                Arguments.of(new SQLNonTransientConnectionException("SSL hostname verification failed : DNS host"
                        + " \"db\" doesn't correspond to certificate", "08006", 0), Cause.TLS),
                Arguments.of(new SQLNonTransientConnectionException("Socket fail to connect", "08000", 0,
                        new java.net.ConnectException("Connection refused")), Cause.UNREACHABLE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("connectErrors")
    void connectErrorsAreNeverUnknown(SQLException e, Cause cause) {
        Classification c = ErrorClassifier.onConnect(e);
        assertThat(c.cause()).isEqualTo(cause);
        assertThat(c.maybeCommitted()).isFalse();
        assertThat(c.dropConnection()).isTrue();
    }
}
