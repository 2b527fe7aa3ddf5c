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

    private static Entry attempt(String client, long seq, long startMs, long latencyMs, Outcome outcome) {
        return new Entry.Attempted(new Attempt(client, seq, startMs * 1_000, (startMs + latencyMs) * 1_000, outcome));
    }

    private static Entry event(long ms, int cycle, String type) {
        return new LabEvent(ms * 1_000, cycle, type, "node-0", "");
    }

    /**
     * Client a is refused from cycle 1's fault until cycle 2's switchover writes to its node again;
     * client b recovers in each cycle, once through a write that waited a second. Each outage belongs
     * to the fault its first failure followed; each cycle keeps its longest write. Entries come in the
     * order a replay gives them: by the time each happened (an attempt when it ended).
     */
    @Test
    void anOutageBelongsToTheCycleWhoseFaultItFollowedHoweverLateItEnds() {
        OutagePhases.Collector c = new OutagePhases.Collector(List.of("a", "b"));
        List<Entry> history = List.of(
                attempt("a", 1, 900, 1, OK), attempt("b", 1, 950, 1, OK),
                event(1_000, 1, LabEvent.FAULT),
                attempt("a", 2, 1_010, 1, READ_ONLY), attempt("b", 2, 1_020, 1, READ_ONLY),
                event(1_100, 1, LabEvent.WRITABLE), event(1_150, 1, LabEvent.SWITCHED),
                attempt("b", 3, 1_200, 1_000, OK), attempt("a", 3, 3_000, 1, READ_ONLY),
                attempt("b", 4, 4_900, 1, OK),
                event(5_000, 2, LabEvent.FAULT),
                attempt("a", 4, 5_010, 1, READ_ONLY), attempt("b", 5, 5_020, 1, READ_ONLY),
                event(5_100, 2, LabEvent.WRITABLE), event(5_150, 2, LabEvent.SWITCHED),
                attempt("a", 5, 5_200, 1, OK), attempt("b", 6, 5_210, 1, OK));
        history.forEach(c::accept);
        OutagePhases p = c.finish(6_000_000);

        assertThat(p.phases()).extracting(OutagePhases.Phases::client, OutagePhases.Phases::cycle,
                OutagePhases.Phases::durationMillis).containsExactlyInAnyOrder(
                tuple("a", 1, 4_300L), tuple("b", 1, 1_249L), tuple("b", 2, 310L));
        assertThat(p.totals()).containsExactly(
                new OutagePhases.CycleTotal(1, "a", 1, 4_300, 1),
                new OutagePhases.CycleTotal(1, "b", 1, 1_249, 1_000),
                new OutagePhases.CycleTotal(2, "a", 0, 0, 1),
                new OutagePhases.CycleTotal(2, "b", 1, 310, 1));
    }
}
