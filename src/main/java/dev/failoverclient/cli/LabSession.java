package dev.failoverclient.cli;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.Secret;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.lab.GroundTruth;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.lab.LabException;
import dev.failoverclient.lab.LabFiles;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.lab.MariaDbInstallation;
import dev.failoverclient.lab.Replication;
import dev.failoverclient.lab.Scenario;
import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.LedgerReader;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.report.OutagePhases;
import dev.failoverclient.report.Summary;
import dev.failoverclient.report.TextReport;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Conclusion;
import dev.failoverclient.verify.Verdict;
import dev.failoverclient.workload.StartupException;
import dev.failoverclient.workload.StopSignal;
import dev.failoverclient.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One lab run: cluster up, writers through the service (or direct), warm-up, each fault cycle
 * with recovery and healing, writers stopped, every node verified, summary written, everything
 * torn down. {@link #abort()} (SIGINT/SIGTERM) ends the run early and still tears down.
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
    record Result(Conclusion conclusion, Summary summary, RunFolder folder, List<ClientReport> reports) {
        Verdict verdict() {
            return conclusion.verdict();
        }

        int exitCode() {
            return conclusion.exitCode();
        }
    }

    void abort() {
        aborted.request();
    }

    /**
     * @param beforeTeardown called with the lab still running after verification (tests read the
     *                       nodes with plain SQL here)
     */
    Result run(Consumer<Lab> beforeTeardown) {
        RunFolder folder = (config.runDir() == null ? RunFolder.defaultFor(clock.instant(), "lab")
                : new RunFolder(config.runDir())).create();
        if (!folder.ledgers().isEmpty()) {
            // Ledgers of another cluster would be checked against this one's rows.
            throw new LedgerException("run folder " + folder.root() + " already holds a run: choose a new --run-dir");
        }
        MariaDbInstallation install = config.basedir() == null
                ? MariaDbInstallation.embedded(MariaDbInstallation.defaultCache())
                : MariaDbInstallation.at(config.basedir());
        Scenario scenario = Scenario.parse(config.scenario());
        Replication replication = Replication.valueOf(config.replication().toUpperCase(java.util.Locale.ROOT));
        Secret password = new Secret(HexFormat.of().formatHex(new SecureRandom().generateSeed(12)));
        Path labDir = folder.root().resolve("nodes");
        long started = System.nanoTime();
        boolean completed = false;
        try (Lab lab = Lab.start(config.nodes(), replication, install, labDir, folder.events(), clock, password)) {
            out.printf("Lab: %d nodes ready in %.1f s (%s replication), service on %s%n", config.nodes(),
                    (System.nanoTime() - started) / 1e9, config.replication(), lab.service().endpoint());
            writeAndBreak(lab, scenario, folder, password);
            lab.restartStoppedForReading();
            Result result = verify(lab, folder, scenario);
            beforeTeardown.accept(lab);
            completed = true;
            return result;
        } finally {
            if (config.keep()) {
                out.println("Nodes kept in " + labDir);
            } else if (completed) {
                LabFiles.delete(labDir);
            } else {
                // The error line names a log under nodes/: it must still be there to read.
                LabFiles.deleteExcept(labDir, LabFiles::isLog);
            }
        }
    }

    private void writeAndBreak(Lab lab, Scenario scenario, RunFolder folder, Secret password) {
        ClientConfig writers = new ClientConfig(config.direct() ? lab.endpoints() : List.of(lab.service().endpoint()),
                Lab.APP_USER, password, Lab.APP_DATABASE, config.writeInterval(), "lab", config.clients(), null, 100,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(50), 100,
                folder.root(), null);
        StopSignal stop = new StopSignal();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                new Workload(writers, folder, clock, stop).run();
            } catch (StartupException | RuntimeException e) {
                failure.set(e);
                aborted.request();
            }
        }, "lab-writers");
        thread.start();
        try {
            pause(config.warmup());
            for (int cycle = 1; cycle <= config.repeat() && !aborted.requested(); cycle++) {
                lab.truth().cycle(cycle);
                LabNode former = lab.primary();
                scenario.inject(lab, config.faultDuration());
                pause(config.recovery());
                if (cycle < config.repeat() && !aborted.requested()) {
                    scenario.heal(lab, former);
                }
            }
        } finally {
            stop.request();
            join(thread);
        }
        if (failure.get() != null) {
            throw new LabException("the writers could not run: " + failure.get().getMessage());
        }
        if (aborted.requested()) {
            throw new LabException("lab stopped before the end (signal): no verdict; every node was stopped");
        }
    }

    private Result verify(Lab lab, RunFolder folder, Scenario scenario) {
        List<Ledger> ledgers = folder.ledgers().stream().map(LedgerReader::read).toList();
        List<Connection> opened = new ArrayList<>();
        try {
            Connection primary = open(lab.primary(), opened);
            Map<String, Connection> others = new LinkedHashMap<>();
            for (LabNode n : lab.nodes()) {
                if (n != lab.primary()) {
                    others.put(n.toString(), open(n, opened));
                }
            }
            List<ClientReport> reports = LedgerCheck.check(ledgers, primary, others);
            long onlineLost = ledgers.stream().mapToLong(l -> l.losses().size()).sum();
            Conclusion conclusion = Conclusion.of(reports, false, onlineLost, 0);
            long end = Ledger.runEndMicros(ledgers);
            List<GroundTruth.Event> events = lab.truth().events();
            List<OutagePhases.Phases> phases = OutagePhases.of(ledgers, events.stream()
                    .map(e -> new OutagePhases.Event(e.micros(), e.cycle(), e.type())).toList(), GroundTruth.FAULT,
                    GroundTruth.WRITABLE, GroundTruth.SWITCHED, end);
            Summary summary = Summary.of(conclusion, ledgers, reports, onlineLost)
                    .with("scenario", scenario.label())
                    .with("replication", config.replication())
                    .with("repeat", config.repeat())
                    .with("ground_truth", events.stream().map(GroundTruth.Event::asMap).toList())
                    .with("outage_phases", phases.stream().map(OutagePhases.Phases::asMap).toList())
                    .with("nodes", nodeRows(lab, opened));
            summary.write(folder.summary());
            if (config.json() != null) {
                summary.write(config.json());
            }
            out.println(TextReport.format(conclusion, reports, end));
            for (OutagePhases.Phases p : phases) {
                out.printf("  outage of %s (cycle %d): %d ms; from the fault: detection %s, promotion %s, routing %s,"
                                + " reconnect %s%n", p.client(), p.cycle(), p.durationMillis(), ms(p.detection()),
                        ms(p.promotion()), ms(p.routing()), ms(p.reconnect()));
            }
            out.println("Run folder: " + folder.root());
            return new Result(conclusion, summary, folder, reports);
        } catch (SQLException e) {
            throw new LabException("cannot verify the nodes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LabException("cannot write the summary: " + e.getMessage(), e);
        } finally {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // verification is over
                }
            }
        }
    }

    private static Connection open(LabNode node, List<Connection> opened) throws SQLException {
        Connection c = node.connect();
        opened.add(c);
        c.setCatalog(Lab.APP_DATABASE);
        return c;
    }

    private static List<Map<String, Object>> nodeRows(Lab lab, List<Connection> opened) throws SQLException {
        List<Map<String, Object>> nodes = new ArrayList<>();
        int i = 0;
        for (LabNode n : Stream.concat(Stream.of(lab.primary()), lab.nodes().stream().filter(x -> x != lab.primary()))
                .toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", n.name());
            m.put("endpoint", n.endpoint().toString());
            m.put("server_id", n.serverId());
            m.put("role", n == lab.primary() ? "primary" : "other");
            m.put("rows", FailoverTable.countRows(opened.get(i++)));
            nodes.add(m);
        }
        return nodes;
    }

    private void pause(Duration d) {
        aborted.sleepUntil(System.nanoTime() + d.toNanos());
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String ms(Long v) {
        return v == null ? "n/a" : v + " ms";
    }

}
