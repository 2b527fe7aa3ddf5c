package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.report.Summary;
import dev.failoverclient.verify.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.LongStream;

/** What run, verify and lab share around the one analysis: nodes read over JDBC, summaries written. */
final class Verification {
    private Verification() {
    }

    /** A node read through {@code c}; a read error ends the command (exit 3). */
    static Node node(String name, Connection c) {
        return new Node() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long[] sequences(String clientId, long first, long last) {
                LongStream.Builder rows = LongStream.builder();
                try {
                    FailoverTable.sequences(c, clientId, first, last, rows::add);
                } catch (SQLException e) {
                    throw new UnreadableNode("cannot read rows from " + name + ": " + Messages.errorTuple(e), e);
                }
                return rows.build().toArray();
            }
        };
    }

    /** A node's rows could not be read (exit 3 unless the command can go on without them). */
    static final class UnreadableNode extends Failure {
        UnreadableNode(String message, Throwable cause) {
            super(ExitCode.INCOMPLETE, message, cause);
        }
    }

    /** Writes the summary to every non-null file. */
    static void write(Summary summary, Path... files) {
        for (Path f : files) {
            if (f == null) {
                continue;
            }
            try {
                summary.write(f);
            } catch (IOException e) {
                throw new Failure(ExitCode.INCOMPLETE, "cannot write the summary to " + f + ": " + e.getMessage(), e);
            }
        }
    }
}
