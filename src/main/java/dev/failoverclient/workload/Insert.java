package dev.failoverclient.workload;

import dev.failoverclient.conn.FailoverTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The SQL of one writer's attempts on one connection: a single INSERT that commits itself, or, with
 * {@code --transaction-rows N}, a transaction of N INSERTs of consecutive sequences committed once.
 * It knows whether the attempt in progress has sent what commits it, which decides FAILED from
 * UNKNOWN when it fails. For transactions the connection leaves autocommit once, not per attempt:
 * two statements fewer per transaction, as an application's transactional connection.
 */
final class Insert {
    private final Connection connection;
    private final PreparedStatement insert;
    private final String clientId;
    private final int rows;
    private boolean commitSent;

    Insert(Connection connection, String clientId, String hostname, int rows) throws SQLException {
        this.connection = connection;
        this.clientId = clientId;
        this.rows = rows;
        this.insert = connection.prepareStatement(FailoverTable.INSERT);
        insert.setString(1, clientId);
        insert.setString(4, hostname);
        if (rows > 1) {
            connection.setAutoCommit(false);
        }
    }

    /** Writes sequences {@code first} to {@code first + rows - 1}, each stamped {@code timestamp}. */
    void write(long first, String timestamp) throws SQLException {
        // A single INSERT commits itself; a transaction's failure before its COMMIT was sent committed nothing.
        commitSent = rows == 1;
        if (rows == 1) {
            insert.setLong(2, first);
            insert.setString(3, timestamp);
            insert.executeUpdate();
            return;
        }
        try {
            for (long s = first; s < first + rows; s++) {
                insert.setLong(2, s);
                insert.setString(3, timestamp);
                insert.executeUpdate();
            }
            commitSent = true;
            connection.commit();
        } finally {
            if (!commitSent) {
                quietly(connection::rollback);
            }
        }
    }

    /** Whether the last {@link #write} sent its INSERT or its COMMIT: a failure after that may have committed. */
    boolean commitSent() {
        return commitSent;
    }

    /** How many of the sequences {@code first} to {@code first + rows - 1} this connection shows. */
    int readBack(long first) throws SQLException {
        int[] found = new int[1];
        FailoverTable.sequences(connection, clientId, first, first + rows - 1, s -> found[0]++);
        return found[0];
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Cleans up a transaction on a connection that may be broken: what fails here changes nothing. */
    private static void quietly(SqlAction action) {
        try {
            action.run();
        } catch (SQLException ignored) {
            // the connection is dropped or given back after the attempt either way
        }
    }
}
