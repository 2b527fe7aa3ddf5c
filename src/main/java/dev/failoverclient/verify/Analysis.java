package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import dev.failoverclient.history.History;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.history.Replay;
import dev.failoverclient.ledger.Attempt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run did, from its history and the rows its nodes hold: the one analysis that {@code run},
 * {@code verify} and {@code lab} call and then only format. It replays the history once, in time
 * order, feeding each client's checker ({@link ClientCheck}), so memory grows with outages and
 * anomalies, not with attempts. Like Jepsen's composed checkers, every check contributes to one
 * verdict, and every failed one is a named reason ({@link Conclusion}).
 *
 * @param rowsRead          whether the primary's rows were read (if not, row-based counts are unknown)
 * @param firstStartMicros  start of the first attempt, -1 without attempts
 * @param runEndMicros      the last writer's stop (or attempt end): open outages last until here
 * @param okLatencyMicros   latency of every acknowledged write
 * @param timeline          every attempt, bucketed over time for plots
 * @param truncatedTails    clients whose ledger ends in a cut-short line (ignored)
 * @param errantTransactions per other node whose binary log state is known: the GTIDs it has and the
 *                          primary lacks (a demoted primary's diverged branch), as ranges
 * @param census            what the census saw of every node; {@code null} when the run had none
 * @param durability        the settings of every server written to, with their warnings
 * @param tls               whether the writers' connections were encrypted, and reconnects TLS refused
 */
public record Analysis(Conclusion conclusion, List<ClientReport> clients, boolean rowsRead, long firstStartMicros,
                       long runEndMicros, Histogram okLatencyMicros, Timeline timeline, List<LabEvent> events,
                       List<OutagePhases.Phases> phases, List<String> truncatedTails,
                       Map<String, List<String>> errantTransactions, CensusReport census,
                       List<Durability> durability, TlsUse tls) {

    public Analysis {
        clients = List.copyOf(clients);
        events = List.copyOf(events);
        phases = List.copyOf(phases);
        truncatedTails = List.copyOf(truncatedTails);
        errantTransactions = Collections.unmodifiableMap(new LinkedHashMap<>(errantTransactions));
        durability = List.copyOf(durability);
    }

    /**
     * @param primary        the node whose rows decide lost / duplicate / unexpected; {@code null}
     *                       when it could not be read (the verdict is then UNKNOWN at best)
     * @param others         other nodes; their differences are replica findings
     * @param strictReplicas replica differences fail the verdict
     */
    public static Analysis run(History history, Node primary, List<Node> others, boolean strictReplicas) {
        Map<String, ClientCheck> checks = new LinkedHashMap<>();
        for (String client : history.clients()) {
            checks.put(client, new ClientCheck(client, primary, others));
        }
        Histogram latency = new Histogram(3);
        Timeline timeline = new Timeline(history.clients());
        CensusCheck census = new CensusCheck();
        TlsUse.Collector tls = new TlsUse.Collector();
        Map<Long, Durability> durability = new LinkedHashMap<>();
        long first = -1;
        long end = 0;
        List<String> truncated;
        try (Replay replay = history.replay()) {
            for (Entry e = replay.next(); e != null; e = replay.next()) {
                census.accept(e);
                tls.accept(e);
                if (e instanceof Entry.Connected c) {
                    durability.putIfAbsent(c.serverId(), Durability.of(c.serverId(), c.hostname(), c.settings()));
                } else if (e instanceof Entry.Attempted a) {
                    Attempt attempt = a.attempt();
                    checks.get(attempt.clientId()).attempt(attempt);
                    timeline.add(attempt);
                    first = first < 0 ? attempt.startMicros() : Math.min(first, attempt.startMicros());
                    end = Math.max(end, attempt.endMicros());
                    if (attempt.ok()) {
                        latency.recordValue(Math.max(0, attempt.latencyMicros()));
                    }
                } else if (e instanceof Entry.LossFound l) {
                    checks.get(l.client()).losses(l.sequences());
                } else if (e instanceof Entry.Stopped s) {
                    end = Math.max(end, s.micros());
                } else if (e instanceof LabEvent f && f.type().equals(LabEvent.FAULT)) {
                    checks.values().forEach(c -> c.cycleBegins(f.cycle()));
                }
            }
            truncated = replay.truncatedTails();
        }
        List<ClientReport> reports = checks.values().stream().map(ClientCheck::report).toList();
        long onlineLost = reports.stream().mapToLong(r -> r.onlineLost().count()).sum();
        CensusReport seen = census.active() ? census.report(end) : null;
        Conclusion conclusion = Conclusion.of(reports, strictReplicas, onlineLost,
                seen == null ? 0 : seen.divergedSplitBrains(), primary == null ? 1 : 0);
        List<Outage> outages = new ArrayList<>();
        reports.forEach(r -> outages.addAll(r.outages()));
        Map<String, List<String>> errant = new LinkedHashMap<>();
        String primaryState = primary == null ? null : primary.gtidBinlogState();
        for (Node n : primary == null ? List.<Node>of() : others) {
            List<String> ranges = Gtid.missingFrom(n.gtidBinlogState(), primaryState);
            if (!ranges.isEmpty()) {
                errant.put(n.name(), ranges);
            }
        }
        return new Analysis(conclusion, reports, primary != null, first, end, latency, timeline, history.events(),
                OutagePhases.of(outages, history.events(), end), truncated, errant, seen,
                List.copyOf(durability.values()), tls.result());
    }

    public long attempted() {
        return clients.stream().mapToLong(ClientReport::attempted).sum();
    }

    public long ok() {
        return clients.stream().mapToLong(ClientReport::ok).sum();
    }

    public long failed() {
        return clients.stream().mapToLong(ClientReport::failed).sum();
    }

    public long unknown() {
        return clients.stream().mapToLong(ClientReport::unknown).sum();
    }

    public long onlineLost() {
        return clients.stream().mapToLong(r -> r.onlineLost().count()).sum();
    }

    /** Every outage of every client, client by client. */
    public List<Outage> outages() {
        List<Outage> all = new ArrayList<>();
        clients.forEach(c -> all.addAll(c.outages()));
        return all;
    }

    /** Acknowledged writes per second over the whole run. */
    public double throughput() {
        if (firstStartMicros < 0) {
            return 0.0;
        }
        return ok() / (Math.max(1, runEndMicros - firstStartMicros) / 1e6);
    }
}
