package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.ledger.Outcome;
import dev.failoverclient.testsupport.Ledger;
import dev.failoverclient.verify.CensusReport;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.OutagePhases;
import dev.failoverclient.verify.Verdict;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Truth tests of the Galera faults on a real 3-node cluster (Debian's 10.11 and galera-4, as .ci/run
 * installs them), each on a cluster of its own: the verdict; LOST, DUPLICATE and UNEXPECTED
 * recomputed from the ledgers and plain SQL on every node; outages and the census against the lab's
 * ground truth.
 */
class LabGaleraIT extends LabScenarioHarness {

    @Test
    void aKilledNodeLosesNothingAndTheWritersResumeOnceTheOthersEvictIt() {
        runGalera("kill-primary");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        assertEveryNodeHoldsTheSameRows();
        // Commits wait until the others evict the dead node; the writers' first acknowledged write after the
        // fault comes when they have, through the node the service was moved to.
        long fault = event(LabEvent.FAULT);
        long evicted = event("node_evicted");
        assertEveryOutageClosed(1, 20_000);
        for (ClientReport r : result.reports()) {
            Outage o = r.outages().get(0);
            assertThat(o.startMicros()).as(r.clientId()).isBetween(fault - 150_000, fault + 150_000);
            assertThat(o.endMicros()).as(r.clientId() + " end vs eviction").isBetween(evicted - 300_000, evicted + 300_000);
        }
        CensusReport census = result.analysis().census();
        assertThat(census.splitBrain()).isEmpty();
        assertThat(census.promotions()).isEmpty();
        assertThat(census.galera().smallComponent()).isNotEmpty().allSatisfy(w -> assertThat(w.nodes())
                .doesNotContain(formerPrimaryEndpoint));
        JsonNode s = new ObjectMapper().valueToTree(result.summary().asMap());
        assertThat(s.get("topology").asText()).isEqualTo("galera");
        assertThat(s.get("durability").asText()).isEqualTo("server");
        assertThat(s.get("replication").isNull()).isTrue();
    }

    /**
     * Jepsen's Galera loss: with innodb_flush_log_at_trx_commit=0 the last writes are acknowledged by
     * every node and on no node's disk; every node killed at once loses them, and the recovered
     * cluster agrees on the loss.
     */
    @Test
    void everyNodeKilledAtOnceWithRelaxedDurabilityLosesAcknowledgedWrites() {
        // 100 writes a second each: a cycle that loses nothing (a node flushed just before the kill) is rare.
        runGalera("kill-all", "--durability", "relaxed", "--repeat", "3", "--write-interval", "0.01");
        List<Long> lost = assertCheckerMatchesIndependentTruth();
        assertThat(lost).isNotEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.summary().asMap().get("lost")).isEqualTo((long) lost.size());
        assertEveryNodeHoldsTheSameRows();
        // Only writes acknowledged before a kill can be lost.
        List<Long> kills = events.stream().filter(e -> e.type().equals(LabEvent.FAULT)).map(LabEvent::micros).toList();
        assertThat(kills).hasSize(3);
        for (Ledger l : ledgers()) {
            for (Attempt a : l.attempts()) {
                if (lost.contains(a.sequence()) && report(l.clientId()).lost().ranges().stream()
                        .anyMatch(r -> r.first() <= a.sequence() && a.sequence() <= r.last())) {
                    assertThat(a.ok()).isTrue();
                    assertThat(kills).anyMatch(k -> a.endMicros() <= k + 50_000 && a.endMicros() > k - 2_000_000);
                }
            }
        }
        assertThat(events.stream().filter(e -> e.type().equals(LabEvent.WRITABLE))).hasSize(3);
    }

    /**
     * Nothing lost with every commit on disk. The writers' outage runs from the kill until the
     * bootstrapped node takes writes; then only the stalls of rejoining nodes.
     */
    @Test
    void everyNodeKilledAtOnceWithStrictDurabilityLosesNothing() {
        runGalera("kill-all", "--durability", "strict");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        assertEveryNodeHoldsTheSameRows();
        long kill = event(LabEvent.FAULT);
        long writable = event(LabEvent.WRITABLE);
        assertOneOutageThenOnlyRejoinStalls(writable, event(LabEvent.HEALED), 30_000);
        for (ClientReport r : result.reports()) {
            Outage first = r.outages().get(0);
            assertThat(first.startMicros()).as(r.clientId()).isBetween(kill - 150_000, kill + 150_000);
            assertThat(first.endMicros()).as(r.clientId()).isGreaterThan(writable - LAB_POLL_MICROS);
        }
    }

    /**
     * The node written to, cut off from the others' group traffic, leaves the Primary component and
     * refuses writes with 1047; the census sees it outside for as long as the lab held it there.
     */
    @Test
    void aPartitionedNodeLeavesThePrimaryComponentAndRefusesWrites() {
        runGalera("partition");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        assertEveryNodeHoldsTheSameRows();
        long fault = event(LabEvent.FAULT);
        long outside = event("node_non_primary");
        long healed = event(LabEvent.HEALED);
        assertOneOutageThenOnlyRejoinStalls(healed, event("node_rejoined"), 20_000);
        // Nothing the cut node acknowledged once it was cut off; it refused writes as a node outside the
        // Primary component does: 1047 for a new statement, 1180 for a commit it was in when it fell out.
        for (Ledger l : ledgers()) {
            assertThat(l.attempts().stream().filter(a -> a.endMicros() > fault + 20_000 && a.startMicros() < healed)
                    .map(Attempt::outcome)).noneMatch(o -> o instanceof Outcome.Ok ok
                    && ok.serverId() == formerPrimaryServerId);
            assertThat(l.attempts().stream().map(Attempt::outcome).filter(o -> o instanceof Outcome.Failed))
                    .isNotEmpty().allSatisfy(o -> assertThat(((Outcome.Failed) o).code()).isIn(1047, 1180));
        }
        CensusReport.Galera g = result.analysis().census().galera();
        assertThat(g.nonPrimary()).singleElement().satisfies(w -> {
            assertThat(w.nodes()).containsExactly(formerPrimaryEndpoint);
            assertWithinAProbeIntervalOfObserved(w.startMicros(), outside);
        });
    }

    /** SIGSTOP longer than Galera's suspect timeout: the others evict the node and the service leaves it. */
    @Test
    void aPausedNodeIsEvictedAndRejoinsWhenItRunsAgain() {
        runGalera("pause-primary", "--fault-duration", "8s");
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        assertEveryNodeHoldsTheSameRows();
        long fault = event(LabEvent.FAULT);
        long switched = event(LabEvent.SWITCHED);
        long healed = event(LabEvent.HEALED);
        assertThat(switched).isBetween(fault, healed);
        for (Ledger l : ledgers()) {
            assertThat(l.attempts().stream().filter(a -> a.endMicros() > fault + 20_000 && a.startMicros() < healed)
                    .map(Attempt::outcome)).noneMatch(o -> o instanceof Outcome.Ok ok
                    && ok.serverId() == formerPrimaryServerId);
        }
        assertThat(events.stream().map(LabEvent::type)).contains("node_rejoined");
    }

    /** Every node restarted in turn: the measure is the unavailability of the whole operation. */
    @Test
    void aRollingRestartRestartsEveryNodeAndSumsTheOutagesOfTheOperation() {
        runGalera("rolling-restart");
        assertRollingRestart();
    }

    @Test
    void aRollingRestartOfAReplicatedClusterEndsWithASwitchover() {
        run("rolling-restart", "semisync");
        assertRollingRestart();
        assertThat(events.stream().map(LabEvent::type)).contains("switchover", LabEvent.WRITABLE);
    }

    private void assertRollingRestart() {
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        assertThat(events.stream().filter(e -> e.type().equals("node_restarted"))).hasSize(3);
        long fault = event(LabEvent.FAULT);
        assertThat(result.analysis().find(OutagePhases.class).totals()).hasSize(CLIENTS.size()).allSatisfy(t -> {
            List<Outage> outages = report(t.client()).outages();
            assertThat(t.outages()).isEqualTo(outages.size());
            assertThat(t.unavailableMillis()).isEqualTo(outages.stream().mapToLong(o -> o.durationMillis(0)).sum());
            // The longest write of the operation, from the ledger: a stall shorter than the socket timeout.
            Ledger l = ledgers().stream().filter(x -> x.clientId().equals(t.client())).findFirst().orElseThrow();
            assertThat(t.longestWriteMillis()).isEqualTo(l.attempts().stream().filter(a -> a.endMicros() >= fault)
                    .mapToLong(a -> (a.endMicros() - a.startMicros()) / 1_000).max().orElseThrow());
        });
    }

    /** Plain SQL: after the cluster healed, every node holds the same rows of every client. */
    private void assertEveryNodeHoldsTheSameRows() {
        Map<String, SortedMap<Long, Integer>> reference = rowsByNode.get(primaryName);
        rowsByNode.forEach((node, rows) -> assertThat(rows).as(node + " against " + primaryName)
                .isEqualTo(reference));
    }
}
