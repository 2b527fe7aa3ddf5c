package dev.failoverclient.cli;

import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.verify.Checker;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.NodeRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads each ledger's sequence range from the nodes and runs the checker: shared by run and verify. */
final class LedgerCheck {
    private LedgerCheck() {
    }

    /**
     * @param primary the node whose rows decide lost / duplicate / unexpected
     * @param others  other nodes by name; their differences become replica findings
     */
    static List<ClientReport> check(List<Ledger> ledgers, Connection primary, Map<String, Connection> others)
            throws SQLException {
        List<ClientReport> reports = new ArrayList<>();
        for (Ledger ledger : ledgers) {
            NodeRows onPrimary = read(primary, ledger);
            Map<String, NodeRows> onOthers = new LinkedHashMap<>();
            for (Map.Entry<String, Connection> e : others.entrySet()) {
                onOthers.put(e.getKey(), read(e.getValue(), ledger));
            }
            reports.add(Checker.check(ledger, onPrimary, onOthers));
        }
        return reports;
    }

    private static NodeRows read(Connection c, Ledger ledger) throws SQLException {
        long first = Checker.firstSequence(ledger);
        NodeRows rows = new NodeRows(first);
        FailoverTable.sequences(c, ledger.clientId(), first, Checker.lastSequence(ledger), rows::add);
        return rows;
    }
}
