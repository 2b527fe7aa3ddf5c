package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.StopSignal;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Durations;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.LabSchedule;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.lab.LabException;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.lab.Schedule;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.report.Summary;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Conclusion;
import dev.failoverclient.verify.Node;
import dev.failoverclient.verify.Verdict;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One lab run: cluster up, writers through the service (or direct), the fault schedule, writers
 * stopped, every node analysed, summary written, everything torn down. {@link #abort()}
 * (SIGINT/SIGTERM) ends the run early and still tears down.
 */
final class LabSession {
    private final LabConfig config;
    private final Clock clock;
    private final PrintStream out;
    private final StopSignal aborted = new StopSignal();

    LabSession(LabConfig config, Clock clock, PrintStream out) {
        this.config = config;
        this.clock = clock;
        this.out = out;
    }

    /** What a lab run found. */
    record Result(Analysis analysis, Summary summary, RunFolder folder) {
        Conclusion conclusion() {
            return analysis.conclusion();
        }

        Verdict verdict() {
            return conclusion().verdict();
        }

        int exitCode() {
            return conclusion().exitCode().code();
        }

        List<ClientReport> reports() {
            return analysis.clients();
        }
    }

    void abort() {
        aborted.request();
    }

    /**
     * @param beforeTeardown called with the lab still running after the analysis (tests read the
     *                       nodes with plain SQL here)
     */
    Result run(Consumer<Lab> beforeTeardown) {
        LabStart start = LabStart.prepare(config, clock, "lab");
        RunFolder folder = start.folder();
        long started = System.nanoTime();
        boolean completed = false;
        try (Lab lab = Lab.start(config, start.install(), start.nodesDir(), folder.events(), clock, start.password())) {
            out.printf("Lab: %d nodes ready in %.1f s (%s%s), service on %s%n", config.nodes(),
                    (System.nanoTime() - started) / 1e9, config.galera() ? "Galera" : config.replication()
                            + " replication", (config.durability().equals("server") ? "" : ", durability "
                            + config.durability()) + (config.tls() ? ", TLS required, CA " + lab.certificates().ca()
                            : ""), lab.service().endpoint());
            if (config.schedule().random()) {
                out.println("Schedule: random, seed " + config.schedule().seed() + ": faults drawn from "
                        + config.schedule().faults() + " for " + Durations.format(config.schedule().duration())
                        + " (--seed " + config.schedule().seed() + " draws the same sequence again)");
            }
            List<Endpoint> hosts = config.direct() || config.writeToAll() ? lab.endpoints()
                    : List.of(lab.service().endpoint());
            ClientConfig writers = config.writers(hosts.stream().map(Endpoint::toString)
                    .collect(Collectors.joining(",")), Lab.APP_USER, start.password(), Lab.APP_DATABASE, folder.root(),
                    lab.certificates() == null ? null : lab.certificates().ca(), lab.readService().endpoint().toString());
            if (config.writeToAll()) {
                writers = writers.spreadWriters();
            }
            List<Map<String, Object>> nodes = new ArrayList<>();
            try (Assembly run = new Assembly(writers, folder, clock, new StopSignal(), new Assembly.Watch(
                    lab.nodes().stream().map(LabNode::endpoint).toList(), LabConfig.CENSUS_INTERVAL, out::println),
                    out::println, () -> outputs(folder, nodes))) {
                writeAndBreak(lab, run);
                lab.restartStoppedForReading();
                Result result = analyse(lab, run, folder, nodes);
                beforeTeardown.accept(lab);
                completed = true;
                return result;
            }
        } finally {
            start.clear(config.keep(), completed, out);
        }
    }

    /** The writers on a thread of their own while the schedule breaks the cluster; then they stop. */
    private void writeAndBreak(Lab lab, Assembly run) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                run.write();
            } catch (RuntimeException e) {
                failure.set(e);
                aborted.request();
            }
        }, "lab-writers");
        thread.start();
        try {
            Schedule.run(lab, config, aborted);
        } finally {
            run.stopWriters();
            join(thread);
        }
        if (failure.get() instanceof Failure f && f.exitCode() == ExitCode.USAGE) {
            throw f; // the endpoint's port cannot be bound: a usage error, as for run
        }
        if (failure.get() != null) {
            throw new LabException("the writers could not run: " + failure.get().getMessage(), failure.get());
        }
        if (aborted.requested()) {
            throw new LabException("lab stopped before the end (signal): no verdict; every node was stopped");
        }
    }

    /**
     * The one analysis, against every node: the current primary decides, the others are compared.
     *
     * @param nodes filled with every node's rows, for the outputs
     */
    private Result analyse(Lab lab, Assembly run, RunFolder folder, List<Map<String, Object>> nodes) {
        Map<LabNode, Connection> opened = new LinkedHashMap<>();
        try {
            opened.put(lab.primary(), open(lab.primary()));
            for (LabNode n : lab.nodes()) {
                if (n != lab.primary()) {
                    opened.put(n, open(n));
                }
            }
            List<Node> others = new ArrayList<>();
            opened.forEach((n, c) -> {
                if (n != lab.primary()) {
                    others.add(Verification.node(n.toString(), c));
                }
            });
            Analysis analysis = Analysis.run(run.history(), Verification.node(lab.primary().toString(),
                    opened.get(lab.primary())), others, false);
            nodes.addAll(nodeRows(lab, opened));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("scenario", config.schedule().random() ? LabSchedule.RANDOM : config.scenario());
            Map<String, Integer> drawn = new TreeMap<>();
            lab.truth().events().stream().map(LabEvent::scheduledFault).filter(Objects::nonNull)
                    .forEach(f -> drawn.merge(f, 1, Integer::sum));
            int steps = drawn.values().stream().mapToInt(Integer::intValue).sum();
            if (config.schedule().random()) {
                Map<String, Object> schedule = new LinkedHashMap<>();
                schedule.put("kind", LabSchedule.RANDOM);
                schedule.put("seed", config.schedule().seed());
                schedule.put("duration_s", config.schedule().duration().toSeconds());
                schedule.put("steps", steps);
                schedule.put("faults", drawn);
                extra.put("schedule", schedule);
            }
            extra.put("topology", config.topology());
            extra.put("replication", config.galera() ? null : config.replication());
            extra.put("durability", config.durability());
            extra.put("repeat", config.schedule().random() ? steps : config.repeat());
            extra.put("nodes", nodes);
            return new Result(analysis, run.finish(analysis, extra), folder);
        } catch (SQLException e) {
            throw new LabException("cannot verify the nodes: " + e.getMessage(), e);
        } finally {
            for (Connection c : opened.values()) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // verification is over
                }
            }
        }
    }

    /** The lab's outputs: summary and report in the run folder, --json and --junit where asked. */
    private Verification.Outputs outputs(RunFolder folder, List<Map<String, Object>> nodes) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "lab");
        p.put("scenario", (config.schedule().random() ? "random schedule, seed " + config.schedule().seed() + " over "
                + Durations.format(config.schedule().duration()) + " (" + String.join(", ", config.schedule().faults())
                + ")" : config.scenario()) + (config.direct() ? " (writers given every node)" : " (writers through"
                + " the service)"));
        p.put("topology", config.galera() ? "Galera (" + config.wsrepProvider() + ")" + (config.writeToAll()
                ? ", writer i on node i" : "") : config.replication() + " replication" + (config.tls() ? " over TLS" : ""));
        p.put("durability", config.durability() + " " + Lab.durabilityArgs(config.durability()));
        p.put("tls", config.tls() ? "required by every node (the lab's CA); writers verify-full" : "off");
        p.put("nodes", config.nodes() + (config.basedir() == null ? " (embedded MariaDB 11.4.5)" : " (" + config.basedir()
                + ")"));
        if (!config.schedule().random()) {
            p.put("repeat", Integer.toString(config.repeat()));
        }
        p.put("clients", Integer.toString(config.clients()));
        p.put("write interval", Durations.format(config.writeInterval()));
        if (config.schedule().random()) {
            p.put("warm-up", Durations.format(config.warmup()));
        } else {
            p.put("warm-up / recovery / fault duration", Durations.format(config.warmup()) + " / "
                    + Durations.format(config.recovery()) + " / " + Durations.format(config.faultDuration()));
        }
        p.put("run folder", folder.root().toString());
        return new Verification.Outputs("lab " + (config.schedule().random() ? "random schedule" : config.scenario()),
                p, nodes, folder.summary(), config.json(),
                folder.report(), config.junit());
    }

    private static Connection open(LabNode node) throws SQLException {
        Connection c = node.connect();
        c.setCatalog(Lab.APP_DATABASE);
        return c;
    }

    private static List<Map<String, Object>> nodeRows(Lab lab, Map<LabNode, Connection> opened)
            throws SQLException {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Map.Entry<LabNode, Connection> e : opened.entrySet()) {
            LabNode n = e.getKey();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", n.name());
            m.put("endpoint", n.endpoint().toString());
            m.put("server_id", n.serverId());
            m.put("role", n == lab.primary() ? "primary" : "other");
            m.put("rows", FailoverTable.countRows(e.getValue()));
            nodes.add(m);
        }
        return nodes;
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
