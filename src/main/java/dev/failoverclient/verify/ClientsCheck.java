package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import dev.failoverclient.history.LabEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every client's ledger against the nodes' rows ({@link ClientCheck} per client): lost, duplicate
 * and unexpected writes on the primary, the online check's losses, each other node's differences,
 * and the other nodes' errant transactions. Without the primary's rows only the ledgers are
 * summarised and the verdict is UNKNOWN at best.
 */
final class ClientsCheck implements Check {
    private final Map<String, ClientCheck> clients = new LinkedHashMap<>();
    private final Node primary;
    private final List<Node> others;
    private final boolean strictReplicas;

    /**
     * @param primary        the node whose rows decide lost / duplicate / unexpected; {@code null}
     *                       when it could not be read
     * @param others         other nodes; their differences are replica findings
     * @param strictReplicas replica differences fail the verdict
     */
    ClientsCheck(List<String> clientIds, Node primary, List<Node> others, boolean strictReplicas) {
        this.primary = primary;
        this.others = primary == null ? List.of() : others;
        this.strictReplicas = strictReplicas;
        clientIds.forEach(id -> clients.put(id, new ClientCheck(id, primary, others)));
    }

    @Override
    public void accept(Entry e) {
        if (e instanceof Entry.Attempted a) {
            clients.get(a.attempt().clientId()).attempt(a.attempt());
        } else if (e instanceof Entry.Restarted r) {
            clients.get(r.client()).clientStopped(r.downSinceMicros());
        } else if (e instanceof Entry.LossFound l) {
            clients.get(l.client()).losses(l.sequences());
        } else if (e instanceof LabEvent f && f.type().equals(LabEvent.FAULT)) {
            clients.values().forEach(c -> c.cycleBegins(f.cycle()));
        }
    }

    @Override
    public Clients finish(long runEndMicros) {
        List<ClientReport> reports = clients.values().stream().map(ClientCheck::report).toList();
        Map<String, List<String>> errant = new LinkedHashMap<>();
        String primaryState = primary == null ? null : primary.gtidBinlogState();
        for (Node n : others) {
            List<String> ranges = Gtid.missingFrom(n.gtidBinlogState(), primaryState);
            if (!ranges.isEmpty()) {
                errant.put(n.name(), ranges);
            }
        }
        return new Clients(reports, primary != null, strictReplicas, errant);
    }
}
