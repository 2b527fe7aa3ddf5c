package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.failoverclient.history.Entry;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutagePhasesTest {
    private static final Outcome OK = new Outcome.Ok(1);
    private static final Outcome READ_ONLY = new Outcome.Failed(1290, "HY000", "read-only");

    private static Entry attempt(String client, long seq, long startMs, Outcome outcome) {
        return new Entry.Attempted(new Attempt(client, seq, startMs * 1_000, startMs * 1_000 + 1_000, outcome));
    }

    private static Entry event(long ms, int cycle, String type) {
        return new LabEvent(ms * 1_000, cycle, type, "node-0", "");
    }

    /**
     * Client a is refused from cycle 1's fault until cycle 2's switchover writes to its node again;
     * client b recovers in each cycle. Each outage belongs to the fault its first failure followed.
     */
    @Test
    void anOutageBelongsToTheCycleWhoseFaultItFollowedHoweverLateItEnds() {
        OutagePhases.Collector c = new OutagePhases.Collector(List.of("a", "b"));
        List<Entry> history = List.of(
                attempt("a", 1, 900, OK), attempt("b", 1, 950, OK),
                event(1_000, 1, LabEvent.FAULT),
                attempt("a", 2, 1_010, READ_ONLY), attempt("b", 2, 1_020, READ_ONLY),
                event(1_100, 1, LabEvent.WRITABLE), event(1_150, 1, LabEvent.SWITCHED),
                attempt("b", 3, 1_200, OK), attempt("a", 3, 3_000, READ_ONLY), attempt("b", 4, 4_900, OK),
                event(5_000, 2, LabEvent.FAULT),
                attempt("a", 4, 5_010, READ_ONLY), attempt("b", 5, 5_020, READ_ONLY),
                event(5_100, 2, LabEvent.WRITABLE), event(5_150, 2, LabEvent.SWITCHED),
                attempt("a", 5, 5_200, OK), attempt("b", 6, 5_210, OK));
        history.forEach(c::accept);
        OutagePhases p = c.finish(6_000_000);

        assertThat(p.phases()).extracting(OutagePhases.Phases::client, OutagePhases.Phases::cycle,
                OutagePhases.Phases::durationMillis).containsExactlyInAnyOrder(
                tuple("a", 1, 4_300L),
                tuple("b", 1, 250L),
                tuple("b", 2, 310L));
        assertThat(p.totals()).extracting(OutagePhases.CycleTotal::cycle, OutagePhases.CycleTotal::client,
                OutagePhases.CycleTotal::unavailableMillis).containsExactly(
                tuple(1, "a", 4_300L),
                tuple(1, "b", 250L),
                tuple(2, "b", 310L));
    }
}
