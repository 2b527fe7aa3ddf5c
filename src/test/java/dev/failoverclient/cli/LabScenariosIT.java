package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.LabSetting;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.testsupport.RunFiles;
import dev.failoverclient.testsupport.Truth;
import dev.failoverclient.verify.CensusReport;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Outage;
import dev.failoverclient.verify.Verdict;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truth tests: every scenario on a real 3-node cluster, its verdict checked against ground truth
 * computed here, independently of the checker: the ledgers parsed with plain Jackson and the rows
 * of every node read with plain SQL ({@link Truth}), outages against the lab's event times.
 */
class LabScenariosIT {
    private static final long SOCKET_TIMEOUT_MICROS = 2_000_000;
    private static final List<String> CLIENTS = List.of("lab-1", "lab-2");

    @TempDir
    Path dir;

    private LabSession.Result result;
    private List<LabEvent> events;
    private Path runDir;
    /** Rows per node name, read with plain SQL before teardown; the primary's name. */
    private Map<String, Map<String, SortedMap<Long, Integer>>> rowsByNode;
    private Map<String, String> findingNames;
    private String primaryName;
    private int formerPrimaryServerId;

    @AfterEach
    void noServerLeftBehind() {
        assertThat(LabProcesses.under(dir)).as("mariadbd processes left behind").isEmpty();
    }

    private LabSession.Result run(String scenario, String replication, String... extra) {
        return run(false, scenario, replication, extra);
    }

    private LabSession.Result run(boolean direct, String scenario, String replication, String... extra) {
        runDir = dir.resolve(scenario + (direct ? "-direct" : ""));
        Map<LabSetting, String> flags = new EnumMap<>(Map.of(LabSetting.SCENARIO, scenario, LabSetting.REPLICATION,
                replication, LabSetting.WARMUP, "1s", LabSetting.RECOVERY, "2s", LabSetting.FAULT_DURATION, "2s",
                LabSetting.RUN_DIR, runDir.toString()));
        for (int i = 0; i < extra.length; i += 2) {
            String flag = extra[i];
            flags.put(Arrays.stream(LabSetting.values()).filter(x -> x.flag().equals(flag)).findFirst().orElseThrow(),
                    extra[i + 1]);
        }
        LabConfig config = LabCommand.config(flags, false, direct, false);
        result = new LabSession(config, Clock.systemDefaultZone(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run(lab -> {
                    events = lab.truth().events();
                    readEveryNode(lab);
                });
        return result;
    }

    /** Plain SQL on every node, the final primary and the former ones alike. */
    private void readEveryNode(Lab lab) {
        rowsByNode = new LinkedHashMap<>();
        findingNames = new HashMap<>();
        primaryName = lab.primary().name();
        formerPrimaryServerId = lab.nodes().get(0).serverId();
        for (LabNode n : lab.nodes()) {
            try (Connection c = n.connect()) {
                c.setCatalog(Lab.APP_DATABASE);
                rowsByNode.put(n.name(), Truth.rows(c));
                findingNames.put(n.name(), n.toString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private List<Ledger> ledgers() {
        return CLIENTS.stream().map(c -> RunFiles.ledger(runDir, c)).toList();
    }

    private ClientReport report(String client) {
        return result.reports().stream().filter(r -> r.clientId().equals(client)).findFirst().orElseThrow();
    }

    private long event(String type) {
        return events.stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow().micros();
    }

    /**
     * LOST, DUPLICATE and UNEXPECTED on the primary, UNKNOWN resolution, and every other node's
     * missing and errant rows, recomputed from the ledger files and plain SQL, equal the checker's.
     *
     * @return every LOST sequence of both clients
     */
    private List<Long> assertCheckerMatchesIndependentTruth() {
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
            assertThat(r.attempted()).isEqualTo(ledger.outcomes().size());
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
            }
            allLost.addAll(expected.lost());
        }
        return allLost;
    }

    /** Every outage ended with an acknowledged write, and none lasted longer than {@code maxMillis}. */
    private void assertEveryOutageClosed(int perClient, long maxMillis) {
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
     * One closed outage per writer that starts within 150 ms of the fault and ends after the event
     * that gave writers a primary again, within 150 ms of it: its duration is the ground truth's.
     */
    private void assertOutagesMatchGroundTruth(String recoveredBy) {
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

    private void assertNoHangAndNoOkDuring(long from, long to) {
        for (Ledger l : ledgers()) {
            assertThat(l.attempts()).allSatisfy(a -> assertThat(a.latencyMicros())
                    .isLessThanOrEqualTo(SOCKET_TIMEOUT_MICROS + 1_000_000));
            // The stall hit this writer, and nothing it started inside the stall succeeded.
            assertThat(l.attempts()).anyMatch(a -> a.startMicros() < to && a.endMicros() > from && !a.ok());
            assertThat(l.attempts().stream().filter(a -> a.startMicros() >= from && a.startMicros() < to))
                    .noneMatch(Attempt::ok);
        }
    }

    @Test
    void switchoverWithSemiSyncLosesNothing() {
        run("switchover", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertOutagesMatchGroundTruth(LabEvent.SWITCHED);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
    }

    @Test
    void killPrimaryWithSemiSyncLosesNothing() {
        run("kill-primary", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertOutagesMatchGroundTruth(LabEvent.SWITCHED);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        // The census watched every node: lag figures for both replicas, one writable node at all times
        // but for the gap between the kill and the promotion, semi-sync on throughout.
        CensusReport census = result.analysis().census();
        assertThat(census.nodes()).hasSize(3);
        assertThat(census.replicaLag()).hasSize(2).allSatisfy((node, lag) -> {
            assertThat(lag.samples()).isPositive();
            assertThat(lag.secondsMax()).isNotNull();
            assertThat(lag.trxMax()).isNotNull();
        });
        assertThat(census.splitBrain()).isEmpty();
        assertThat(census.semisyncOff()).isEmpty();
        assertThat(census.noPrimary()).singleElement().satisfies(w -> assertWithinAProbeInterval(w.startMicros(),
                event(LabEvent.FAULT)));
        assertThat(census.promotions()).singleElement().satisfies(p -> {
            assertThat(p.lagTrx()).isNotNull();
            assertWithinAProbeInterval(p.micros(), event(LabEvent.WRITABLE));
        });
        JsonNode s = new ObjectMapper().valueToTree(result.summary().asMap());
        assertThat(s.get("scenario").asText()).isEqualTo("kill-primary");
        assertThat(s.get("nodes")).hasSize(3);
        assertThat(s.get("outage_phases")).hasSize(2);
        assertThat(s.get("reasons")).isEmpty();
    }

    @Test
    void replicaStallThenKillWithAsyncLosesExactlyWhatTheGroundTruthSays() {
        run("replica-stall-kill", "async");
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.exitCode()).isEqualTo(1);
        List<Long> lost = assertCheckerMatchesIndependentTruth();
        assertThat(lost).isNotEmpty();
        assertThat(result.summary().asMap().get("lost")).isEqualTo((long) lost.size());
        // The writers reconnect to the new primary and read back their last 100 acknowledged writes:
        // the online check sees the same loss while the run goes on.
        assertThat(result.conclusion().line()).isEqualTo("Verdict: FAIL (online loss " + lost.size() + ", lost "
                + lost.size() + ")");
        // What was lost was acknowledged after the replication stop began and had started before the
        // old primary was gone (the candidate is made writable only after the killed process exited).
        long stopped = event("replication_stopped");
        long writable = event(LabEvent.WRITABLE);
        for (Ledger l : ledgers()) {
            for (Attempt a : l.attempts()) {
                if (report(l.clientId()).lost().ranges().stream()
                        .anyMatch(r -> r.first() <= a.sequence() && a.sequence() <= r.last())) {
                    assertThat(a.endMicros()).as(l.clientId() + " " + a).isGreaterThan(stopped);
                    assertThat(a.startMicros()).as(l.clientId() + " " + a).isLessThan(writable);
                }
            }
        }
        assertEveryOutageClosed(1, 3_000);
    }

    @Test
    void replicaStallThenKillWithSemiSyncBlocksTheWritersInsteadOfLosingWrites() {
        run("replica-stall-kill", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        // Without a replica to acknowledge, the writes of the stalled second were never acknowledged.
        long stopped = event("replication_stopped");
        long fault = event(LabEvent.FAULT);
        for (Ledger l : ledgers()) {
            assertThat(l.attempts().stream().filter(a -> a.startMicros() > stopped + 50_000 && a.startMicros() < fault))
                    .noneMatch(Attempt::ok);
        }
        assertEveryOutageClosed(1, 5_000);
    }

    @Test
    void writersGivenEveryNodeFindTheNewPrimaryThemselves() {
        run(true, "kill-primary", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertOutagesMatchGroundTruth(LabEvent.WRITABLE);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
    }

    @Test
    void blackholeNeverHangsAWriterAndNothingSucceedsInsideIt() {
        run("blackhole", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertNoHangAndNoOkDuring(event(LabEvent.FAULT), event(LabEvent.HEALED));
        assertEveryOutageClosed(1, 5_000);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
    }

    @Test
    void pausedPrimaryNeverHangsAWriterAndNothingSucceedsUntilFailover() {
        run("pause-primary", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertNoHangAndNoOkDuring(event(LabEvent.FAULT), event(LabEvent.WRITABLE));
        assertEveryOutageClosed(1, 15_000);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
    }

    /**
     * Writers that reach every node themselves cannot write to the paused primary once it runs
     * again: it is fenced read-only before any writer can reach it. With async replication and a
     * short pause its queued statements would otherwise be acknowledged there after the failover.
     */
    @Test
    void aPausedPrimaryResumedUnderDirectWritersTakesNoAcknowledgedWrite() {
        run(true, "pause-primary", "async", "--fault-duration", "500ms");
        long fault = event(LabEvent.FAULT);
        for (Ledger l : ledgers()) {
            assertThat(l.attempts().stream().filter(a -> a.endMicros() > fault).map(Attempt::outcome)
                    .filter(o -> o instanceof Outcome.Ok ok && ok.serverId() == formerPrimaryServerId))
                    .as(l.clientId() + ": acknowledged by the old primary after the fault").isEmpty();
        }
        assertThat(events.stream().map(LabEvent::type)).contains("old_primary_fenced");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        assertEveryOutageClosed(1, 15_000);
    }

    /**
     * A failover that does not fence the old primary: the census sees two writable nodes for as long
     * as the ground truth says, and the writes acknowledged by the old primary meanwhile are LOST and
     * found there, with the GTIDs of its diverged branch.
     */
    @Test
    void aSplitBrainIsSeenByTheCensusAndItsLostWritesAreFoundOnTheOldPrimary() {
        run(true, "split-brain", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        List<Long> lost = assertCheckerMatchesIndependentTruth();
        assertThat(lost).isNotEmpty();
        CensusReport.Window w = result.analysis().census().splitBrain().stream().findFirst().orElseThrow();
        assertThat(result.analysis().census().splitBrain()).hasSize(1);
        assertWithinAProbeInterval(w.startMicros(), event(LabEvent.WRITABLE));
        assertWithinAProbeInterval(w.endMicros(), event("old_primary_fenced"));
        assertThat(w.acknowledgedBy()).contains((long) formerPrimaryServerId);
        String oldPrimary = findingNames.get("node-0");
        for (ClientReport r : result.reports()) {
            assertThat(r.lostWhere()).isNotEmpty().allSatisfy(l -> {
                assertThat(l.nodes()).containsExactly(oldPrimary);
                assertThat(l.gtids()).as(r.clientId() + " " + l.sequences()).matches("0-1-\\d+(…0-1-\\d+)?");
            });
        }
        assertThat(result.analysis().errantTransactions().get(oldPrimary)).singleElement()
                .satisfies(g -> assertThat(g).matches("0-1-\\d+…0-1-\\d+"));
        assertEveryOutageClosed(1, 3_000);
    }

    /**
     * Replication stalls, semi-sync times out to async, the primary dies: acknowledged writes are lost,
     * and the census's semi-sync window begins when the ground truth says it fell back.
     */
    @Test
    void semiSyncFallingBackToAsyncBeforeAKillLosesWritesAndTheCensusShowsTheWindow() {
        run("semisync-timeout-kill", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(assertCheckerMatchesIndependentTruth()).isNotEmpty();
        assertThat(result.analysis().census().semisyncOff()).singleElement().satisfies(w -> {
            assertWithinAProbeInterval(w.startMicros(), event("semisync_off"));
            assertThat(w.endMicros()).isBetween(event("semisync_off"), event(LabEvent.FAULT) + 200_000);
        });
    }

    /**
     * The census polls every 100 ms: it sees a change at most one interval after it happened (plus the
     * poll's own queries), and may see it a moment before the lab records it (the lab records after
     * its statement returns).
     */
    private static void assertWithinAProbeInterval(long seenMicros, long truthMicros) {
        assertThat(seenMicros).isBetween(truthMicros - 20_000, truthMicros + 100_000 + 50_000);
    }

    @Test
    void restartAndConnectionResetLoseNothing() {
        run("restart-primary", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        assertEveryOutageClosed(1, 5_000);
        assertThat(LabProcesses.under(dir)).isEmpty();
        run("reset-connections", "async");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertEveryOutageClosed(1, 3_000);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
    }

    @Test
    void fiveKillCyclesRebuildTheOldPrimaryEachTime() {
        run("kill-primary", "semisync", "--repeat", "5", "--recovery", "1s");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(events.stream().filter(e -> e.type().equals(LabEvent.FAULT))).hasSize(5);
        assertThat(events.stream().filter(e -> e.type().equals("node_rebuilt"))).hasSize(4);
        assertEveryOutageClosed(5, 3_000);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
    }

    @Test
    void usageErrorsNeedNoCluster() {
        Set<String> all = Set.of("kill-primary");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabConfig.from(Map.of(LabSetting.NODES, "1"), all, all,
                false, false, false)).isInstanceOf(ConfigException.class)
                .hasMessage("--scenario kill-primary promotes a replica: it needs --nodes 2 or more");
    }
}
