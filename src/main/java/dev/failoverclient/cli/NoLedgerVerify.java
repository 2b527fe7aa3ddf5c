package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.report.Summary;
import dev.failoverclient.verify.Conclusion;
import dev.failoverclient.verify.GapAnalysis;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify --no-ledger}: the seed's gap analysis, per client, streamed through the index. The
 * verdict is the one {@link Conclusion}: PASS without gaps or duplicates, FAIL (exit 1) with
 * duplicates or, given {@code --transaction-rows}, transactions stored in part, UNKNOWN (exit 3) with
 * gaps only, because without a ledger a refused write and a lost write leave the same gap.
 */
final class NoLedgerVerify {
    private NoLedgerVerify() {
    }

    static ExitCode execute(ClientConfig config, List<String> clientIds, String prefix, PrintStream out) {
        try (PrimaryLocator locator = new PrimaryLocator(new Connector(config), config);
             Connector.Session s = locator.locate()) {
            List<String> ids = clientIds.isEmpty() ? FailoverTable.clients(s.connection(), prefix == null ? "" : prefix)
                    : clientIds;
            List<GapAnalysis.Result> results = new ArrayList<>();
            for (String id : ids) {
                results.add(analyse(s, id, config.application().transactionRows()));
            }
            GapAnalysis.Gaps gaps = new GapAnalysis.Gaps(results);
            Conclusion conclusion = gaps.conclusion();
            out.println(conclusion.line());
            if (gaps.missing() > 0) {
                out.println("note: without a ledger a gap is ambiguous: a write the server refused also consumes a"
                        + " sequence, so a gap may be a refused write, not a lost one. Run this client to get a"
                        + " ledger and exact answers.");
            }
            for (GapAnalysis.Result r : results) {
                out.println("Client " + r.clientId() + ": rows " + r.rows() + ", first " + r.first() + ", last "
                        + r.last() + ", missing " + r.missing() + (r.gaps().isEmpty() ? "" : " — "
                        + SequenceRanges.formatRanges(r.gaps(), 10)) + (r.duplicates().isEmpty() ? "" : ", duplicates "
                        + SequenceRanges.format(r.duplicates(), 10)) + (r.transactionRows() == 1 ? ""
                        : "; transactions of " + r.transactionRows() + " rows, partial " + r.partial().size()
                        + (r.partial().isEmpty() ? "" : " — " + SequenceRanges.formatRanges(r.partial(), 10))));
            }
            if (config.json() != null) {
                Summary.of(gaps).write(config.json());
            }
            return conclusion.exitCode();
        } catch (ConnectException e) {
            throw new Failure(ExitCode.INCOMPLETE, e.getMessage(), e);
        } catch (SQLException e) {
            throw new Failure(ExitCode.INCOMPLETE, "cannot read rows: " + Messages.errorTuple(e), e);
        } catch (IOException e) {
            throw new Failure(ExitCode.INCOMPLETE, "cannot write " + config.json() + ": " + e.getMessage(), e);
        }
    }

    private static GapAnalysis.Result analyse(Connector.Session s, String clientId, int transactionRows)
            throws SQLException {
        GapAnalysis gaps = new GapAnalysis(clientId, transactionRows);
        long[] range = FailoverTable.sequenceRange(s.connection(), clientId);
        if (range != null) {
            FailoverTable.sequences(s.connection(), clientId, range[0], range[1], gaps::add);
        }
        return gaps.result();
    }
}
