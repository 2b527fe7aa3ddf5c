package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.LabSetting;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.testsupport.Truth;
import dev.failoverclient.verify.CensusReport;
import dev.failoverclient.verify.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Truth tests: every scenario on a real 3-node cluster, its verdict checked against ground truth
 * computed here, independently of the checker: the ledgers parsed with plain Jackson and the rows
 * of every node read with plain SQL ({@link Truth}), outages against the lab's event times. The
 * scenarios that lose writes are in {@link LabLossScenariosIT}.
 */
class LabScenariosIT extends LabScenarioHarness {
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
        // The census watched every node: lag figures of the two replicas (exact figures: CensusLagIT), semi-sync
        // on throughout, one promotion, of the node the lab promoted, when it did.
        CensusReport census = result.analysis().census();
        assertThat(census.nodes()).containsExactlyElementsOf(endpoints.values());
        String promotedNode = eventOf(LabEvent.WRITABLE).node();
        assertThat(census.replicaLag().keySet()).containsExactlyInAnyOrder(endpoints.entrySet().stream()
                .filter(e -> !e.getValue().equals(formerPrimaryEndpoint)).map(Map.Entry::getValue).toArray(String[]::new));
        assertThat(census.replicaLag()).allSatisfy((node, lag) -> assertThat(lag.samples()).isPositive());
        assertThat(census.splitBrain()).isEmpty();
        assertThat(census.semisyncOff()).isEmpty();
        assertThat(census.promotions()).singleElement().satisfies(p -> {
            assertThat(p.node()).isEqualTo(endpoints.get(promotedNode));
            assertWithinAProbeInterval(p.micros(), event(LabEvent.WRITABLE));
        });
        // The gap between the kill and the promotion, from ground truth: a no-primary window, if the census saw
        // one, lies inside it (give or take a poll), and one longer than two polls cannot be missed.
        long fault = event(LabEvent.FAULT);
        long writable = event(LabEvent.WRITABLE);
        assertThat(census.noPrimary()).hasSizeLessThanOrEqualTo(1).allSatisfy(w -> {
            assertWithinAProbeInterval(w.startMicros(), fault);
            assertWithinAProbeInterval(w.endMicros(), writable);
        });
        if (writable - fault > 2 * LabConfig.CENSUS_INTERVAL.toNanos() / 1_000 + 50_000) {
            assertThat(census.noPrimary()).as("a gap of " + (writable - fault) / 1_000 + " ms").hasSize(1);
        }
        JsonNode s = new ObjectMapper().valueToTree(result.summary().asMap());
        assertThat(s.get("scenario").asText()).isEqualTo("kill-primary");
        assertThat(s.get("nodes")).hasSize(3);
        assertThat(s.get("outage_phases")).hasSize(2);
        assertThat(s.get("reasons")).isEmpty();
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabCommand.config(Map.of(LabSetting.NODES, "1"),
                false, false, false)).isInstanceOf(ConfigException.class)
                .hasMessage("--scenario kill-primary promotes a replica: it needs --nodes 2 or more");
    }
}
