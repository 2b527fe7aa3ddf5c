package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.testsupport.Truth;
import dev.failoverclient.verify.CensusReport;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Truth tests of the scenarios that lose acknowledged writes (or would, but for semi-sync): the
 * checker's LOST against the ledgers and plain SQL on every node, and when they were acknowledged
 * against the lab's event times.
 */
class LabLossScenariosIT extends LabScenarioHarness {
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
}
