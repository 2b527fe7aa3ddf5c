package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.lab.GroundTruth;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.testsupport.RunFiles;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truth tests: every scenario on a real 3-node cluster, its verdict checked against ground truth
 * computed here, independently of the checker (ledgers and plain SQL on the new primary).
 */
class LabScenariosIT {
    private static final long SOCKET_TIMEOUT_MICROS = 2_000_000;

    @TempDir
    Path dir;

    private LabSession.Result result;
    private List<GroundTruth.Event> events;

    @AfterEach
    void noServerLeftBehind() {
        assertThat(LabProcesses.under(dir)).as("mariadbd processes left behind").isEmpty();
    }

    private LabSession.Result run(String scenario, String replication, String... extra) {
        return run(false, scenario, replication, extra);
    }

    private LabSession.Result run(boolean direct, String scenario, String replication, String... extra) {
        Map<String, String> flags = new HashMap<>(Map.of("--scenario", scenario, "--replication", replication,
                "--warmup", "1s", "--recovery", "2s", "--fault-duration", "2s", "--run-dir", dir.resolve(scenario).toString()));
        runDir = dir.resolve(scenario);
        for (int i = 0; i < extra.length; i += 2) {
            flags.put(extra[i], extra[i + 1]);
        }
        LabConfig config = LabCommand.config(flags, false, direct);
        AtomicReference<List<GroundTruth.Event>> seen = new AtomicReference<>();
        result = new LabSession(config, Clock.systemDefaultZone(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run(lab -> {
                    seen.set(lab.truth().events());
                    truthOnPrimary = rowsOnPrimary(lab);
                });
        events = seen.get();
        return result;
    }

    private Map<String, List<Long>> truthOnPrimary;
    private Path runDir;

    /** Plain SQL on the final primary: every stored sequence per client. */
    private static Map<String, List<Long>> rowsOnPrimary(Lab lab) {
        Map<String, List<Long>> rows = new HashMap<>();
        try (Connection c = lab.primary().connect()) {
            c.setCatalog(Lab.APP_DATABASE);
            for (String client : List.of("lab-1", "lab-2")) {
                rows.put(client, RunFiles.sequences(c, client));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    private List<Ledger> ledgers() {
        return List.of(RunFiles.ledger(runDir, "lab-1"), RunFiles.ledger(runDir, "lab-2"));
    }

    private long event(String type) {
        return events.stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow().micros();
    }

    private void assertCleanWithShortOutagesMatchingGroundTruth() {
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.reports()).allSatisfy(r -> assertThat(r.clean()).isTrue());
        long fault = event(GroundTruth.FAULT);
        long switched = event(GroundTruth.SWITCHED);
        for (ClientReport r : result.reports()) {
            assertThat(r.outages()).as(r.clientId()).hasSize(1);
            Outage o = r.outages().get(0);
            assertThat(o.durationMillis(0)).isLessThan(3_000);
            // Within 150 ms of the ground truth: the outage starts at the fault and ends once the
            // service routes to the new primary.
            assertThat(o.startMicros()).isBetween(fault - 150_000, fault + 150_000);
            assertThat(o.endMicros()).isBetween(switched, switched + 150_000);
        }
        assertIndependentLostSet();
    }

    /** The checker's LOST set equals OK-in-the-ledger minus present-on-the-new-primary. */
    private List<Long> assertIndependentLostSet() {
        List<Long> allLost = new ArrayList<>();
        for (Ledger l : ledgers()) {
            List<Long> expected = l.attempts().stream().filter(Attempt::ok).map(Attempt::sequence)
                    .filter(s -> !truthOnPrimary.get(l.clientId()).contains(s)).toList();
            ClientReport r = result.reports().stream().filter(x -> x.clientId().equals(l.clientId())).findFirst()
                    .orElseThrow();
            assertThat(r.lost()).as(l.clientId()).isEqualTo(expected);
            allLost.addAll(expected);
        }
        return allLost;
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
        assertCleanWithShortOutagesMatchingGroundTruth();
    }

    @Test
    void killPrimaryWithSemiSyncLosesNothing() {
        run("kill-primary", "semisync");
        assertCleanWithShortOutagesMatchingGroundTruth();
        JsonNode s = new ObjectMapper().valueToTree(result.summary().asMap());
        assertThat(s.get("scenario").asText()).isEqualTo("kill-primary");
        assertThat(s.get("nodes")).hasSize(3);
        assertThat(s.get("outage_phases")).hasSize(2);
    }

    @Test
    void replicaStallThenKillWithAsyncLosesExactlyWhatTheGroundTruthSays() {
        run("replica-stall-kill", "async");
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.exitCode()).isEqualTo(1);
        List<Long> lost = assertIndependentLostSet();
        assertThat(lost).isNotEmpty();
        assertThat(result.summary().asMap().get("lost")).isEqualTo((long) lost.size());
        // What was lost was acknowledged between the replication stop and the kill.
        long stopped = event("replication_stopped");
        long fault = event(GroundTruth.FAULT);
        for (Ledger l : ledgers()) {
            for (Attempt a : l.attempts()) {
                if (result.reports().stream().anyMatch(r -> r.lost().contains(a.sequence())
                        && r.clientId().equals(l.clientId()))) {
                    assertThat(a.endMicros()).isBetween(stopped, fault);
                }
            }
        }
    }

    @Test
    void replicaStallThenKillWithSemiSyncBlocksTheWritersInsteadOfLosingWrites() {
        run("replica-stall-kill", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertIndependentLostSet()).isEmpty();
        // Without a replica to acknowledge, the writes of the stalled second were never acknowledged.
        long stopped = event("replication_stopped");
        long fault = event(GroundTruth.FAULT);
        for (Ledger l : ledgers()) {
            assertThat(l.attempts().stream().filter(a -> a.startMicros() > stopped + 50_000 && a.startMicros() < fault))
                    .noneMatch(Attempt::ok);
        }
    }

    @Test
    void writersGivenEveryNodeFindTheNewPrimaryThemselves() {
        run(true, "kill-primary", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.reports()).allSatisfy(r -> {
            assertThat(r.outages()).hasSize(1);
            assertThat(r.outages().get(0).durationMillis(0)).isLessThan(3_000);
        });
        assertIndependentLostSet();
    }

    @Test
    void blackholeNeverHangsAWriterAndNothingSucceedsInsideIt() {
        run("blackhole", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertNoHangAndNoOkDuring(event(GroundTruth.FAULT), event(GroundTruth.HEALED));
    }

    @Test
    void pausedPrimaryNeverHangsAWriterAndNothingSucceedsUntilFailover() {
        run("pause-primary", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertNoHangAndNoOkDuring(event(GroundTruth.FAULT), event(GroundTruth.WRITABLE));
    }

    @Test
    void restartAndConnectionResetLoseNothing() {
        run("restart-primary", "semisync");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertIndependentLostSet();
        assertThat(LabProcesses.under(dir)).isEmpty();
        run("reset-connections", "async");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.reports()).allSatisfy(r -> assertThat(r.outages()).hasSize(1));
    }

    @Test
    void fiveKillCyclesRebuildTheOldPrimaryEachTime() {
        run("kill-primary", "semisync", "--repeat", "5", "--recovery", "1s");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(events.stream().filter(e -> e.type().equals(GroundTruth.FAULT))).hasSize(5);
        assertThat(events.stream().filter(e -> e.type().equals("node_rebuilt"))).hasSize(4);
        assertThat(result.reports()).allSatisfy(r -> assertThat(r.outages()).hasSize(5));
        assertIndependentLostSet();
    }

    @Test
    void usageErrorsNeedNoCluster() {
        Set<String> all = Set.of("kill-primary");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabConfig.from(Map.of("--nodes", "1"), all, all,
                false, false)).isInstanceOf(ConfigException.class)
                .hasMessage("--scenario kill-primary promotes a replica: it needs --nodes 2 or more");
    }
}
