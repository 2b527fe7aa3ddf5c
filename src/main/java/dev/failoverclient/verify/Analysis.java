package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import dev.failoverclient.history.History;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.history.Replay;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Outage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run did, from its history and the rows its nodes hold: the one analysis that {@code run},
 * {@code verify}, {@code lab} and the live endpoint call and then only format. It replays the history
 * once, in time order, through a list of {@link Check}s, as Jepsen composes checkers; memory grows
 * with outages and anomalies, not with attempts. The verdict is derived from the findings' reasons
 * ({@link Conclusion}). Reports read a finding by its type ({@link #find}).
 *
 * @param findings          what each check found, in check order
 * @param firstStartMicros  start of the first attempt, -1 without attempts
 * @param runEndMicros      the last writer's stop (or attempt end): open outages last until here
 * @param okLatencyMicros   latency of every acknowledged write
 * @param events            the lab's ground truth, in time order (empty outside the lab)
 * @param truncatedTails    clients whose ledger ends in a cut-short line (ignored)
 */
public record Analysis(Conclusion conclusion, List<Finding> findings, long firstStartMicros, long runEndMicros,
                       Histogram okLatencyMicros, List<LabEvent> events, List<String> truncatedTails) {

    public Analysis {
        findings = List.copyOf(findings);
        events = List.copyOf(events);
        truncatedTails = List.copyOf(truncatedTails);
    }

    /**
     * @param primary        the node whose rows decide lost / duplicate / unexpected; {@code null}
     *                       when it could not be read (the verdict is then UNKNOWN at best)
     * @param others         other nodes; their differences are replica findings
     * @param strictReplicas replica differences fail the verdict
     */
    public static Analysis run(History history, Node primary, List<Node> others, boolean strictReplicas) {
        List<String> clients = history.clients();
        List<Check> checks = List.of(
                new ClientsCheck(clients, primary, others, strictReplicas),
                new CensusCheck(),
                new TlsUse.Collector(),
                new Durabilities.Collector(),
                new Timeline(clients),
                new OutagePhases.Collector(clients),
                new AcknowledgedBy.Collector(clients),
                new Application.Collector(),
                new Warnings.Collector(),
                new ClientRestarts.Collector(),
                new Reads.Collector());
        Histogram latency = new Histogram(3);
        long first = -1;
        long end = 0;
        List<String> truncated;
        try (Replay replay = history.replay()) {
            for (Entry e = replay.next(); e != null; e = replay.next()) {
                for (Check c : checks) {
                    c.accept(e);
                }
                if (e instanceof Entry.Attempted a) {
                    Attempt attempt = a.attempt();
                    first = first < 0 ? attempt.startMicros() : Math.min(first, attempt.startMicros());
                    end = Math.max(end, attempt.endMicros());
                    if (attempt.ok()) {
                        latency.recordValue(Math.max(0, attempt.latencyMicros()));
                    }
                } else if (e instanceof Entry.Stopped s) {
                    end = Math.max(end, s.micros());
                }
            }
            truncated = replay.truncatedTails();
        }
        List<Finding> findings = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        for (Check c : checks) {
            Finding f = c.finish(end);
            if (f != null) {
                findings.add(f);
                reasons.addAll(f.reasons());
            }
        }
        return new Analysis(Conclusion.of(reasons), findings, first, end, latency, history.events(), truncated);
    }

    /** The finding of type {@code type}, or {@code null} when its check had nothing to look at. */
    public <T extends Finding> T find(Class<T> type) {
        for (Finding f : findings) {
            if (type.isInstance(f)) {
                return type.cast(f);
            }
        }
        return null;
    }

    /** One report per client, in ledger order. */
    public List<ClientReport> clients() {
        return find(Clients.class).reports();
    }

    /** Whether the primary's rows were read (if not, row-based counts are unknown). */
    public boolean rowsRead() {
        return find(Clients.class).rowsRead();
    }

    /** Per other node whose binary log state is known, the GTIDs it has and the primary lacks, as ranges. */
    public Map<String, List<String>> errantTransactions() {
        return find(Clients.class).errantTransactions();
    }

    /** Every client's attempts, bucketed over time for plots. */
    public Timeline timeline() {
        return find(Timeline.class);
    }

    /** Each outage of a lab run split by the ground truth; empty outside the lab. */
    public List<OutagePhases.Phases> phases() {
        return find(OutagePhases.class).phases();
    }

    /** What the census saw of every node; {@code null} when the run had none. */
    public CensusReport census() {
        return find(CensusReport.class);
    }

    /** The settings of every server written to, with their warnings. */
    public List<Durability> durability() {
        return find(Durabilities.class).servers();
    }

    /** {@code galera} when a server written to is a Galera node, else {@code replication}. */
    public String topology() {
        return durability().stream().anyMatch(Durability::galera) ? "galera" : "replication";
    }

    /** Whether the writers' connections were encrypted, and reconnects TLS refused. */
    public TlsUse tls() {
        return find(TlsUse.class);
    }

    public long attempted() {
        return find(Clients.class).sum(ClientReport::attempted);
    }

    public long ok() {
        return find(Clients.class).sum(ClientReport::ok);
    }

    public long failed() {
        return find(Clients.class).sum(ClientReport::failed);
    }

    public long unknown() {
        return find(Clients.class).sum(ClientReport::unknown);
    }

    public long onlineLost() {
        return find(Clients.class).sum(r -> r.onlineLost().count());
    }

    /** Every outage of every client, client by client. */
    public List<Outage> outages() {
        List<Outage> all = new ArrayList<>();
        clients().forEach(c -> all.addAll(c.outages()));
        return all;
    }

    /** The longest outage of the run in milliseconds (an open one up to the run's end), 0 without outages. */
    public long maxOutageMillis() {
        return outages().stream().mapToLong(o -> o.durationMillis(runEndMicros)).max().orElse(0);
    }

    /** Acknowledged writes per second over the whole run. */
    public double throughput() {
        if (firstStartMicros < 0) {
            return 0.0;
        }
        return ok() / (Math.max(1, runEndMicros - firstStartMicros) / 1e6);
    }
}
