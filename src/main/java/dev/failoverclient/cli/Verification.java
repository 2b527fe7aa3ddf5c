package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.conn.BinlogReader;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.history.History;
import dev.failoverclient.report.HtmlReport;
import dev.failoverclient.report.JUnitReport;
import dev.failoverclient.report.Summary;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.Gtid;
import dev.failoverclient.verify.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * What run, verify and lab share around the one analysis: nodes read over JDBC, the primary opened
 * for a check (or found unreachable), and the analysis written as summary, HTML report and JUnit XML.
 */
final class Verification {
    private Verification() {
    }

    /** Opens the node a run is checked against for the length of one check. */
    interface Primary {
        /**
         * Applies {@code check} to the primary.
         *
         * @throws UnreadableNode when no primary can be reached
         */
        <T> T with(Function<Node, T> check);
    }

    /** The writable server found as {@code run} finds it, opened anew for each check. */
    static Primary locating(ClientConfig config) {
        PrimaryLocator locator = new PrimaryLocator(new Connector(config), config);
        return new Primary() {
            @Override
            public <T> T with(Function<Node, T> check) {
                try (Connector.Session s = locator.locate()) {
                    return check.apply(node(s.identity().endpoint().toString(), s.connection()));
                } catch (ConnectException e) {
                    throw new UnreadableNode(e.getMessage(), e);
                }
            }
        };
    }

    /** How the outputs of one analysis are named and where they go. */
    record Outputs(String title, Map<String, String> parameters, List<Map<String, Object>> nodes, Path summary,
                   Path json, Path report, Path junit) {
    }

    /** A node read through {@code c}; a read error is an {@link UnreadableNode} (exit 3). */
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

            @Override
            public Map<Long, Gtid> gtids(String clientId, List<SequenceRanges.Range> wanted) {
                Map<Long, Gtid> found = new HashMap<>();
                try {
                    BinlogReader.gtids(c, clientId, wanted).forEach((seq, gtid) -> found.put(seq, Gtid.parse(gtid)));
                } catch (SQLException e) {
                    // No BINLOG MONITOR privilege, or no binary log: the report names the nodes only.
                }
                return found;
            }

            @Override
            public String gtidBinlogState() {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@global.gtid_binlog_state")) {
                    return rs.next() ? rs.getString(1) : null;
                } catch (SQLException e) {
                    return null;
                }
            }
        };
    }

    /**
     * The analysis of {@code history} against the primary alone; when the primary cannot be reached or
     * read, the analysis of the ledgers alone (verdict UNKNOWN unless something failed anyway).
     *
     * @param unreadable told why the rows could not be read
     */
    static Analysis againstPrimary(History history, Primary primary, java.util.function.Consumer<String> unreadable) {
        try {
            return primary.with(node -> Analysis.run(history, node, List.of(), false));
        } catch (UnreadableNode e) {
            unreadable.accept(e.getMessage());
            return Analysis.run(history, null, List.of(), false);
        }
    }

    /** A node's rows could not be read (exit 3 unless the command can go on without them). */
    static final class UnreadableNode extends Failure {
        UnreadableNode(String message, Throwable cause) {
            super(ExitCode.INCOMPLETE, message, cause);
        }
    }

    /** Writes every output {@code out} names (a {@code null} path: that one is not wanted). */
    static Summary write(Analysis a, Outputs out, Map<String, Object> extra) {
        Summary summary = Summary.of(a);
        extra.forEach(summary::with);
        for (Path f : new Path[] {out.summary(), out.json()}) {
            if (f != null) {
                try {
                    summary.write(f);
                } catch (IOException e) {
                    throw new Failure(ExitCode.INCOMPLETE, "cannot write the summary to " + f + ": " + e.getMessage(), e);
                }
            }
        }
        if (out.report() != null) {
            try {
                HtmlReport.write(out.report(), HtmlReport.render(a, out.title(), out.parameters(), out.nodes()));
            } catch (IOException e) {
                throw new Failure(ExitCode.INCOMPLETE, "cannot write the report to " + out.report() + ": "
                        + e.getMessage(), e);
            }
        }
        if (out.junit() != null) {
            try {
                JUnitReport.write(out.junit(), a, out.title());
            } catch (IOException e) {
                throw new Failure(ExitCode.INCOMPLETE, "cannot write JUnit XML to " + out.junit() + ": "
                        + e.getMessage(), e);
            }
        }
        return summary;
    }
}
