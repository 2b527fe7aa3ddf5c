package dev.failoverclient.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.ledger.SequenceRanges;
import dev.failoverclient.verify.GapAnalysis;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify --no-ledger}: the seed's gap analysis, per client, streamed through the index.
 * Verdict: PASS without gaps or duplicates; FAIL (exit 1) with duplicates; UNKNOWN (exit 1) with
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
                results.add(analyse(s, id));
            }
            long gaps = results.stream().mapToLong(GapAnalysis.Result::missing).sum();
            long dups = results.stream().mapToLong(r -> r.duplicates().size()).sum();
            String verdict = dups > 0 ? "FAIL" : gaps > 0 ? "UNKNOWN" : "PASS";
            out.println("Verdict: " + verdict + " (no ledger: missing sequences " + gaps + ", duplicates " + dups
                    + ")");
            if (gaps > 0) {
                out.println("note: without a ledger a gap is ambiguous: a write the server refused also consumes a"
                        + " sequence, so a gap may be a refused write, not a lost one. Run this client to get a"
                        + " ledger and exact answers.");
            }
            for (GapAnalysis.Result r : results) {
                out.println("Client " + r.clientId() + ": rows " + r.rows() + ", first " + r.first() + ", last "
                        + r.last() + ", missing " + r.missing() + (r.gaps().isEmpty() ? "" : " — "
                        + SequenceRanges.formatRanges(r.gaps(), 10)) + (r.duplicates().isEmpty() ? "" : ", duplicates "
                        + SequenceRanges.format(r.duplicates(), 10)));
            }
            if (config.json() != null) {
                write(config, verdict, results, gaps, dups);
            }
            return verdict.equals("PASS") ? ExitCode.PASS : ExitCode.ANOMALY;
        } catch (ConnectException e) {
            throw new Failure(ExitCode.INCOMPLETE, e.getMessage(), e);
        } catch (SQLException e) {
            throw new Failure(ExitCode.INCOMPLETE, "cannot read rows: " + Messages.errorTuple(e), e);
        } catch (IOException e) {
            throw new Failure(ExitCode.INCOMPLETE, "cannot write " + config.json() + ": " + e.getMessage(), e);
        }
    }

    private static GapAnalysis.Result analyse(Connector.Session s, String clientId) throws SQLException {
        GapAnalysis gaps = new GapAnalysis(clientId);
        long[] range = FailoverTable.sequenceRange(s.connection(), clientId);
        if (range != null) {
            FailoverTable.sequences(s.connection(), clientId, range[0], range[1], gaps::add);
        }
        return gaps.result();
    }

    private static void write(ClientConfig config, String verdict, List<GapAnalysis.Result> results, long gaps,
                              long dups) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("verdict", verdict);
        root.put("ledger", false);
        root.put("clients", results.stream().map(GapAnalysis.Result::clientId).toList());
        root.put("reasons", reasons(gaps, dups));
        root.put("gaps", gaps);
        root.put("duplicates", dups);
        Map<String, Object> details = new LinkedHashMap<>();
        for (GapAnalysis.Result r : results) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("rows", r.rows());
            d.put("first", r.first());
            d.put("last", r.last());
            d.put("missing", r.missing());
            d.put("gaps", r.gaps().stream().map(Object::toString).toList());
            d.put("duplicates", SequenceRanges.of(r.duplicates()).stream().map(Object::toString).toList());
            details.put(r.clientId(), d);
        }
        root.put("details", Map.of("clients", details));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(config.json().toFile(), root);
    }

    private static Map<String, Long> reasons(long gaps, long dups) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        if (dups > 0) {
            reasons.put("duplicates", dups);
        }
        if (gaps > 0) {
            reasons.put("gaps", gaps);
        }
        return reasons;
    }
}
