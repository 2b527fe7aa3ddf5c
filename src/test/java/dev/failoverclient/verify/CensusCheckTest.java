package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.history.Entry;
import dev.failoverclient.history.Observation;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Outcome;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Census windows from hand-made observations, times in ms for reading (µs underneath). */
class CensusCheckTest {
    private static final List<String> NODES = List.of("a", "b", "c");

    private static Observation primary(long ms, String node, long serverId, boolean semisyncOn) {
        return new Observation(ms * 1_000, node, true, null, serverId, false, true, semisyncOn, semisyncOn ? 1 : 0,
                false, null, null, null, null, "0-1-5", "0-1-5", "0-1-5", null, null);
    }

    private static Observation replica(long ms, String node, long serverId, long secondsBehind, long behindTrx) {
        return new Observation(ms * 1_000, node, true, null, serverId, true, false, false, 0, true, true, true,
                secondsBehind, behindTrx, "0-1-4", "0-1-4", "0-1-4", "", null);
    }

    private static Observation gone(long ms, String node) {
        return new Observation(ms * 1_000, node, false, "cannot reach", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    private static CensusReport run(Entry... entries) {
        CensusCheck c = new CensusCheck();
        c.accept(new Entry.CensusStarted(0, NODES, 100_000));
        for (Entry e : entries) {
            c.accept(e);
        }
        c.accept(new Entry.CensusStopped(10_000_000));
        return c.finish(20_000_000);
    }

    private static Entry ok(long ms, long serverId) {
        return new Entry.Attempted(new Attempt("w", ms, ms * 1_000 - 500, ms * 1_000, new Outcome.Ok(serverId)));
    }

    @Test
    void aFailoverHasANoPrimaryWindowFromTheKillToThePromotion() {
        CensusReport r = run(primary(100, "a", 1, true), replica(100, "b", 2, 0, 1), replica(100, "c", 3, 0, 2),
                gone(2_000, "a"),
                primary(2_300, "b", 2, true));
        assertThat(r.noPrimary()).singleElement().satisfies(w -> {
            assertThat(w.startMicros()).isEqualTo(2_000_000);
            assertThat(w.endMicros()).isEqualTo(2_300_000);
            assertThat(w.incomplete()).as("a node was out of reach meanwhile").isTrue();
        });
        assertThat(r.unreachable()).singleElement().satisfies(w -> {
            assertThat(w.nodes()).containsExactly("a");
            assertThat(w.startMicros()).isEqualTo(2_000_000);
            assertThat(w.endMicros()).as("still unreachable when the census stopped").isEqualTo(10_000_000);
        });
        assertThat(r.splitBrain()).isEmpty();
        assertThat(r.semisyncOff()).isEmpty();
        assertThat(r.promotions()).singleElement().satisfies(p -> assertThat(p.node()).isEqualTo("b"));
    }

    @Test
    void twoWritableNodesAreASplitBrainAndItsAcknowledgementsAreCounted() {
        CensusReport r = run(primary(100, "a", 1, true), replica(100, "b", 2, 0, 0), replica(100, "c", 3, 0, 0),
                ok(150, 1),
                primary(1_000, "b", 2, true), ok(1_040, 1),
                // a's next poll, written because b turned writable: now both are proven writable
                primary(1_050, "a", 1, true), ok(1_100, 1), ok(1_200, 1), ok(1_300, 2),
                replica(3_000, "a", 1, 0, 0), ok(3_100, 2));
        assertThat(r.splitBrain()).singleElement().satisfies(w -> {
            assertThat(w.startMicros()).isEqualTo(1_000_000);
            assertThat(w.endMicros()).isEqualTo(3_000_000);
            assertThat(w.durationMillis()).isEqualTo(2_000);
            assertThat(w.nodes()).containsExactly("a", "b");
            assertThat(w.acknowledgedBy()).containsExactly(1L, 2L);
            assertThat(w.diverged()).isTrue();
        });
        assertThat(r.divergedSplitBrains()).isEqualTo(1);
        assertThat(r.noPrimary()).isEmpty();
    }

    @Test
    void aKilledPrimaryLastRecordedWritableIsNoSplitBrainWhenItsNextPollFindsItGone() {
        CensusReport r = run(primary(100, "a", 1, true), replica(100, "b", 2, 0, 0), replica(100, "c", 3, 0, 0),
                primary(1_000, "b", 2, true), ok(1_010, 2),
                gone(1_020, "a"));
        assertThat(r.splitBrain()).isEmpty();
        assertThat(r.noPrimary()).isEmpty();
    }

    @Test
    void aSplitBrainIsDatedFromTheFirstProvenPairAndLastsWhileAnyPairIsProven() {
        CensusReport r = run(primary(100, "a", 1, true), replica(100, "b", 2, 0, 0), replica(100, "c", 3, 0, 0),
                primary(1_000, "b", 2, true), primary(1_500, "c", 3, true),
                primary(1_600, "a", 1, true), replica(2_000, "b", 2, 0, 0), replica(2_500, "c", 3, 0, 0));
        assertThat(r.splitBrain()).singleElement().satisfies(w -> {
            assertThat(w.startMicros()).as("a recorded writable again after b turned so").isEqualTo(1_000_000);
            assertThat(w.endMicros()).as("a and c proven together until c is read-only").isEqualTo(2_500_000);
            assertThat(w.nodes()).containsExactly("a", "b", "c");
            assertThat(w.acknowledgedBy()).isEmpty();
        });
    }

    @Test
    void aPrimaryWhoseSemiSyncFellBackIsAWindowAndNothingIsJudgedBeforeEveryNodeWasSeen() {
        CensusReport r = run(primary(100, "a", 1, true), replica(150, "b", 2, 0, 0),
                replica(200, "c", 3, 0, 0),
                primary(1_500, "a", 1, false), primary(2_500, "a", 1, true));
        assertThat(r.semisyncOff()).singleElement().satisfies(w -> {
            assertThat(w.startMicros()).isEqualTo(1_500_000);
            assertThat(w.endMicros()).isEqualTo(2_500_000);
            assertThat(w.nodes()).containsExactly("a");
        });
        // Before c was first seen, b and c did not count as "no writable node".
        assertThat(r.noPrimary()).isEmpty();
    }

    @Test
    void lagIsMergedFromTheHistogramsAndAPromotionCarriesItsLastLag() {
        Histogram seconds = new Histogram(3);
        Histogram trx = new Histogram(3);
        for (int i = 0; i < 99; i++) {
            seconds.recordValue(0);
            trx.recordValue(2);
        }
        seconds.recordValue(3);
        trx.recordValue(40);
        Observation promoted = new Observation(2_000_000, "b", true, null, 2L, false, true, true, 1, false, null, null,
                null, null, "0-2-1", "0-2-1", "0-2-1", null, new Observation.Lag(1L, 7L));
        CensusReport r = run(primary(100, "a", 1, true), replica(100, "b", 2, 0, 0), replica(100, "c", 3, 0, 0),
                new Entry.LagObserved(1_000_000, "b", seconds, trx), gone(1_900, "a"), promoted);
        CensusReport.Lag lag = r.replicaLag().get("b");
        assertThat(lag.samples()).isEqualTo(100);
        assertThat(lag.secondsMax()).isEqualTo(3);
        assertThat(lag.secondsP99()).isEqualTo(0);
        assertThat(lag.trxMax()).isEqualTo(40);
        assertThat(r.promotions()).singleElement().satisfies(p -> {
            assertThat(p.lagSeconds()).isEqualTo(1);
            assertThat(p.lagTrx()).isEqualTo(7);
        });
    }

    /** A Galera node: writable, in a component of {@code size}, its state and status as given. */
    private static Observation galera(long ms, String node, long serverId, String status, String state, int size) {
        return new Observation(ms * 1_000, node, true, null, serverId, false, false, false, 0, false, null, null,
                null, null, "0-1-5", "0-1-5", "0-1-5", null, null, new Observation.Galera(status, state, size,
                status.equals("Primary"), false, status.equals("Primary") ? 7L : null));
    }

    @Test
    void everyNodeOfAGaleraComponentWritableAtOnceIsNoSplitBrainButANodeCutOffIsAWindow() {
        CensusReport r = run(
                galera(100, "a", 1, "Primary", "Synced", 3),
                galera(100, "b", 2, "Primary", "Synced", 3),
                galera(100, "c", 3, "Primary", "Synced", 3),
                galera(300, "a", 1, "Primary", "Synced", 3),
                galera(300, "b", 2, "Primary", "Synced", 3),
                galera(300, "c", 3, "Primary", "Synced", 3),
                // c is cut off: the others form a component of two, c one of its own outside the Primary.
                galera(1_000, "c", 3, "non-Primary", "Initialized", 1),
                galera(1_050, "a", 1, "Primary", "Synced", 2),
                galera(1_060, "b", 2, "Primary", "Synced", 2),
                // c joins again: a donor for a moment, then all three Synced.
                galera(3_000, "c", 3, "Primary", "Joined", 3),
                galera(3_010, "a", 1, "Primary", "Donor/Desynced", 3),
                galera(3_020, "b", 2, "Primary", "Synced", 3),
                galera(3_500, "a", 1, "Primary", "Synced", 3),
                galera(3_600, "c", 3, "Primary", "Synced", 3));
        assertThat(r.splitBrain()).isEmpty();
        assertThat(r.noPrimary()).isEmpty();
        assertThat(r.promotions()).isEmpty();
        assertThat(r.galera().nonPrimary()).singleElement().satisfies(w -> {
            assertThat(w.nodes()).containsExactly("c");
            assertThat(w.startMicros()).isEqualTo(1_000_000);
            assertThat(w.endMicros()).isEqualTo(3_000_000);
        });
        assertThat(r.galera().smallComponent()).singleElement().satisfies(w -> {
            assertThat(w.nodes()).containsExactly("a", "b");
            assertThat(w.startMicros()).isEqualTo(1_050_000);
            assertThat(w.endMicros()).isEqualTo(3_020_000); // b tells the new size last
        });
        assertThat(r.galera().notSynced()).singleElement().satisfies(w -> {
            assertThat(w.nodes()).containsExactly("a", "c");
            assertThat(w.startMicros()).isEqualTo(1_000_000);
            assertThat(w.endMicros()).isEqualTo(3_600_000);
        });
        assertThat(r.reasons()).isEmpty();
    }

    @Test
    void twoGaleraComponentsTakingWritesAtOnceAreASplitBrain() {
        // pc.ignore_sb: both halves of a partition stay Primary, each as large as it is.
        CensusReport r = run(
                galera(100, "a", 1, "Primary", "Synced", 2),
                galera(100, "b", 2, "Primary", "Synced", 2),
                galera(100, "c", 3, "Primary", "Synced", 1),
                galera(200, "a", 1, "Primary", "Synced", 2),
                galera(200, "c", 3, "Primary", "Synced", 1),
                ok(250, 1), ok(260, 3),
                galera(300, "b", 2, "Primary", "Synced", 2),
                galera(300, "c", 3, "Primary", "Synced", 1));
        assertThat(r.splitBrain()).isNotEmpty();
        assertThat(r.splitBrain().get(0).nodes()).contains("c");
        assertThat(r.divergedSplitBrains()).isEqualTo(1);
    }

    @Test
    void aReplicaStoppedOnAnErrorIsReportedForAsLongAsItStayedStopped() {
        Observation broken = new Observation(500_000, "b", true, null, 2L, true, false, false, 0, true, false, true,
                null, 7L, "0-1-4", "0-1-4", "0-1-4", "Got fatal error 1236 from master when reading data from binary"
                + " log", null);
        CensusReport r = run(primary(100, "a", 1, true), replica(100, "b", 2, 0, 0), replica(100, "c", 3, 0, 0),
                broken, replica(2_500, "b", 2, 0, 0));
        assertThat(r.replicationStopped()).containsExactly(new CensusReport.ReplicationStopped("b", 500_000,
                2_500_000, "Got fatal error 1236 from master when reading data from binary log"));
    }
}
