package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.LabSetting;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.ledger.Outage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every lab truth test shares: a scenario run on a real 3-node cluster, the rows of every node
 * read with plain SQL before teardown ({@link Truth}), the ledgers parsed with plain Jackson, and
 * assertions that hold the checker's findings against that ground truth and the lab's event times.
 */
abstract class LabScenarioHarness {
    static final long SOCKET_TIMEOUT_MICROS = 2_000_000;
    /**
     * The lab records what it only observes (a node writable, Synced, outside the Primary component)
     * by polling every 50 ms; a writer may see it up to a poll and its query earlier.
     */
    static final long LAB_POLL_MICROS = 100_000;
    static final List<String> CLIENTS = List.of("lab-1", "lab-2");

    @TempDir
    Path dir;

    LabSession.Result result;
    List<LabEvent> events;
    Path runDir;
    /** Rows per node name, read with plain SQL before teardown; the primary's name. */
    Map<String, Map<String, SortedMap<Long, Integer>>> rowsByNode;
    Map<String, String> findingNames;
    String primaryName;
    int formerPrimaryServerId;
    /** The first primary as the census names it ({@code 127.0.0.1:port}). */
    String formerPrimaryEndpoint;
    /** Every node's endpoint as the census names it, by node name. */
    Map<String, String> endpoints;
    /** The next run's writers read their writes back ({@code --read-check}). */
    boolean readCheck;

    /** Galera nodes running before the test: another lab's, not this test's to clean up. */
    private Set<String> galeraBefore;

    @BeforeEach
    void noteGaleraNodesRunning() {
        galeraBefore = LabProcesses.galeraFolders();
    }

    @AfterEach
    void noServerLeftBehind() {
        assertThat(LabProcesses.under(dir)).as("mariadbd processes left behind").isEmpty();
        assertThat(LabProcesses.galeraFolders()).as("Galera nodes left behind").isSubsetOf(galeraBefore);
    }

    LabSession.Result run(String scenario, String replication, String... extra) {
        return run(false, scenario, replication, extra);
    }

    LabSession.Result run(boolean direct, String scenario, String replication, String... extra) {
        return run(direct, scenario, Map.of(LabSetting.REPLICATION, replication), extra);
    }

    /** A scenario on a 3-node Galera cluster (Debian's server and galera-4). */
    LabSession.Result runGalera(String scenario, String... extra) {
        return run(false, scenario, Map.of(LabSetting.TOPOLOGY, "galera"), extra);
    }

    /** A random schedule of {@code faults} for {@code duration}, from {@code seed}, on a replicated cluster. */
    LabSession.Result runRandom(String name, long seed, String duration, String faults) {
        return run(false, null, Map.of(LabSetting.SCHEDULE, "random", LabSetting.SEED, Long.toString(seed),
                LabSetting.DURATION, duration, LabSetting.FAULTS, faults), "--run-dir", dir.resolve(name).toString());
    }

    private LabSession.Result run(boolean direct, String scenario, Map<LabSetting, String> topology, String... extra) {
        runDir = dir.resolve((scenario == null ? "random" : scenario) + (direct ? "-direct" : "") + "-"
                + topology.values().iterator().next());
        Map<LabSetting, String> flags = new EnumMap<>(Map.of(LabSetting.WARMUP, "1s",
                LabSetting.RECOVERY, "2s", LabSetting.FAULT_DURATION, "2s", LabSetting.RUN_DIR, runDir.toString()));
        if (scenario != null) {
            flags.put(LabSetting.SCENARIO, scenario);
        } else {
            flags.remove(LabSetting.RECOVERY);
            flags.remove(LabSetting.FAULT_DURATION);
        }
        flags.putAll(topology);
        for (int i = 0; i < extra.length; i += 2) {
            String flag = extra[i];
            flags.put(Arrays.stream(LabSetting.values()).filter(x -> x.flag().equals(flag)).findFirst().orElseThrow(),
                    extra[i + 1]);
        }
        runDir = Path.of(flags.get(LabSetting.RUN_DIR));
        LabConfig config = LabCommand.config(flags, false, direct, false, readCheck);
        result = new LabSession(config, Clock.systemDefaultZone(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run(lab -> {
                    events = lab.truth().events();
                    readEveryNode(lab);
                });
        return result;
    }

    /** Plain SQL on every node, the final primary and the former ones alike. */
    void readEveryNode(Lab lab) {
        rowsByNode = new LinkedHashMap<>();
        findingNames = new HashMap<>();
        endpoints = new LinkedHashMap<>();
        primaryName = lab.primary().name();
        formerPrimaryServerId = lab.nodes().get(0).serverId();
        formerPrimaryEndpoint = lab.nodes().get(0).endpoint().toString();
        for (LabNode n : lab.nodes()) {
            try (Connection c = n.connect()) {
                c.setCatalog(Lab.APP_DATABASE);
                rowsByNode.put(n.name(), Truth.rows(c));
                findingNames.put(n.name(), n.toString());
                endpoints.put(n.name(), n.endpoint().toString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    List<Ledger> ledgers() {
        return CLIENTS.stream().map(c -> RunFiles.ledger(runDir, c)).toList();
    }

    ClientReport report(String client) {
        return result.reports().stream().filter(r -> r.clientId().equals(client)).findFirst().orElseThrow();
    }

    long event(String type) {
        return eventOf(type).micros();
    }

    LabEvent eventOf(String type) {
        return events.stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow();
    }

    /**
     * LOST, DUPLICATE and UNEXPECTED on the primary, UNKNOWN resolution, and every other node's
     * missing and errant rows, recomputed from the ledger files and plain SQL, equal the checker's.
     *
     * @return every LOST sequence of both clients
     */
    List<Long> assertCheckerMatchesIndependentTruth() {
        List<Long> allLost = new ArrayList<>();
        for (String client : CLIENTS) {
            Truth.Ledger ledger;
            try {
                ledger = Truth.Ledger.read(runDir.resolve("ledger-" + client + ".jsonl"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            SortedMap<Long, Integer> onPrimary = Truth.of(rowsByNode.get(primaryName), client);
            Truth.Expected expected = Truth.Expected.of(ledger, onPrimary);
            ClientReport r = report(client);
            assertThat(r.lost().labels()).as(client + " lost").isEqualTo(Truth.ranges(expected.lost()));
            assertThat(r.duplicates().labels()).as(client + " duplicates").isEqualTo(Truth.ranges(expected.duplicates()));
            assertThat(r.unexpected().labels()).as(client + " unexpected").isEqualTo(Truth.ranges(expected.unexpected()));
            assertThat(r.unknownCommitted()).as(client + " unknown committed").isEqualTo(expected.unknownCommitted());
            assertThat(r.partial().labels()).as(client + " partial").isEqualTo(Truth.ranges(expected.partial()));
            assertThat(r.attempted()).isEqualTo(ledger.attempts().size());
            for (Map.Entry<String, Map<String, SortedMap<Long, Integer>>> node : rowsByNode.entrySet()) {
                if (node.getKey().equals(primaryName)) {
                    continue;
                }
                SortedMap<Long, Integer> onNode = Truth.of(node.getValue(), client);
                ClientReport.ReplicaFinding f = r.replicas().stream()
                        .filter(x -> x.node().equals(findingNames.get(node.getKey()))).findFirst().orElseThrow();
                assertThat(f.missing().labels()).as(client + " missing on " + node.getKey())
                        .isEqualTo(Truth.ranges(Truth.missing(ledger, onNode)));
                assertThat(f.errant().labels()).as(client + " errant on " + node.getKey())
                        .isEqualTo(Truth.ranges(Truth.errant(ledger, onNode, onPrimary)));
                assertThat(f.partial().labels()).as(client + " partial on " + node.getKey())
                        .isEqualTo(Truth.ranges(Truth.partial(ledger, onNode)));
            }
            allLost.addAll(expected.lost());
        }
        return allLost;
    }

    /** Every outage ended with an acknowledged write, and none lasted longer than {@code maxMillis}. */
    void assertEveryOutageClosed(int perClient, long maxMillis) {
        for (ClientReport r : result.reports()) {
            assertThat(r.outages()).as(r.clientId()).hasSize(perClient);
            for (Outage o : r.outages()) {
                assertThat(o.open()).as(r.clientId() + " outage still open at the end: " + o).isFalse();
                assertThat(o.endMicros()).isGreaterThan(o.startMicros());
                assertThat(o.durationMillis(0)).isEqualTo((o.endMicros() - o.startMicros()) / 1_000)
                        .isLessThan(maxMillis);
            }
        }
    }

    /**
     * Galera: one outage for the fault, closed and shorter than {@code maxMillis}, then at most short
     * ones while nodes rejoin: a joiner pauses the cluster's commits (state transfer, flow control),
     * which can outlast the writers' socket timeout. Each of those starts once writes were back
     * ({@code back}) and its first failure ends within a socket timeout (and 0.5 s) of the cluster
     * being whole again ({@code whole}): never a stall after that.
     */
    void assertOneOutageThenOnlyRejoinStalls(long back, long whole, long maxMillis) {
        for (ClientReport r : result.reports()) {
            assertThat(r.outages()).as(r.clientId()).isNotEmpty().noneMatch(Outage::open);
            assertThat(r.outages().get(0).durationMillis(0)).as(r.clientId()).isLessThan(maxMillis);
            assertThat(r.outages().subList(1, r.outages().size())).as(r.clientId() + ": stalls while nodes rejoin")
                    .allSatisfy(o -> {
                        assertThat(o.startMicros()).isGreaterThan(back - LAB_POLL_MICROS);
                        assertThat(o.firstFailureEndMicros()).isLessThan(whole + SOCKET_TIMEOUT_MICROS + 500_000);
                    });
        }
    }

    /**
     * One closed outage per writer that starts within 150 ms of the fault and ends after the event
     * that gave writers a primary again, within 150 ms of it: its duration is the ground truth's.
     */
    void assertOutagesMatchGroundTruth(String recoveredBy) {
        assertEveryOutageClosed(1, 3_000);
        long fault = event(LabEvent.FAULT);
        long recovered = event(recoveredBy);
        for (ClientReport r : result.reports()) {
            Outage o = r.outages().get(0);
            assertThat(o.startMicros()).as(r.clientId() + " start vs fault").isBetween(fault - 150_000, fault + 150_000);
            assertThat(o.endMicros()).as(r.clientId() + " end vs " + recoveredBy)
                    .isBetween(recovered, recovered + 150_000);
            assertThat(o.durationMillis(0)).isBetween((recovered - fault) / 1_000 - 150, (recovered - fault) / 1_000 + 300);
        }
    }

    void assertNoHangAndNoOkDuring(long from, long to) {
        for (Ledger l : ledgers()) {
            assertThat(l.attempts()).allSatisfy(a -> assertThat(a.latencyMicros())
                    .isLessThanOrEqualTo(SOCKET_TIMEOUT_MICROS + 1_000_000));
            // The stall hit this writer, and nothing it started inside the stall succeeded.
            assertThat(l.attempts()).anyMatch(a -> a.startMicros() < to && a.endMicros() > from && !a.ok());
            assertThat(l.attempts().stream().filter(a -> a.startMicros() >= from && a.startMicros() < to))
                    .noneMatch(Attempt::ok);
        }
    }

    /**
     * The census polls every 100 ms: it sees a change at most one interval after it happened (plus the
     * poll's own queries), and may see it a moment before the lab records it (the lab records after
     * its statement returns).
     */
    static void assertWithinAProbeInterval(long seenMicros, long truthMicros) {
        assertThat(seenMicros).isBetween(truthMicros - 20_000, truthMicros + 100_000 + 50_000);
    }

    /**
     * The same for a change the lab itself only observes (a Galera node leaving the Primary
     * component): the lab polls for it every 50 ms and records it when its query sees it, so the
     * census may see it up to one of those polls (and its query) before the lab does.
     */
    static void assertWithinAProbeIntervalOfObserved(long seenMicros, long observedMicros) {
        assertThat(seenMicros).isBetween(observedMicros - LAB_POLL_MICROS, observedMicros + 100_000 + 50_000);
    }
}
