package dev.failoverclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.lab.RandomSchedule;
import dev.failoverclient.verify.Verdict;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@code lab --schedule random}: faults drawn from the catalogue, reproduced from the seed (the same
 * faults in the same order, lasting as long), and one verdict over the whole run held against every
 * node's rows read with plain SQL.
 */
class LabRandomScheduleIT extends LabScenarioHarness {
    private static final String FAULTS = "kill-primary,switchover,restart-primary,reset-connections";

    @Test
    void aSeedReproducesItsScheduleAndTheVerdictCoversTheWholeRun() {
        run("first", 11);
        List<String> first = schedule();
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        assertThat(first).hasSizeGreaterThanOrEqualTo(2);
        JsonNode summary = new ObjectMapper().valueToTree(result.summary().asMap());
        assertThat(summary.get("scenario").asText()).isEqualTo("random");
        assertThat(summary.at("/schedule/seed").asLong()).isEqualTo(11);
        assertThat(summary.at("/schedule/steps").asInt()).isEqualTo(first.size() / 2);
        assertThat(summary.get("anomalies_by_cycle")).isEmpty();

        run("again", 11);
        List<String> again = schedule();
        // The same sequence; the schedule's time is the clock's, so a run may fit a step more or fewer.
        int common = Math.min(first.size(), again.size());
        assertThat(common).isGreaterThanOrEqualTo(4);
        assertThat(Math.abs(first.size() - again.size())).isLessThanOrEqualTo(2);
        assertThat(again.subList(0, common)).as("the same seed, the same faults in the same order")
                .isEqualTo(first.subList(0, common));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
    }

    /**
     * A failover that forgets to fence, drawn at random: its lost writes are shown beside the cycles
     * whose split brain lost them, and the rows of those cycles are the whole of LOST.
     */
    @Test
    void anomaliesAreShownBesideTheFaultsThatMadeThem() {
        runRandom("unsafe", 5, "6s", "split-brain");
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        List<Long> lost = assertCheckerMatchesIndependentTruth();
        assertThat(lost).isNotEmpty();
        JsonNode summary = new ObjectMapper().valueToTree(result.summary().asMap());
        long inRows = 0;
        for (JsonNode row : summary.get("anomalies_by_cycle")) {
            assertThat(row.get("fault").asText()).isEqualTo("split-brain");
            assertThat(row.get("kind").asText()).isEqualTo("lost");
            assertThat(row.get("cycle").asInt()).isPositive();
            for (JsonNode range : row.get("sequences")) {
                String[] ends = range.asText().split("-");
                inRows += Long.parseLong(ends[ends.length - 1]) - Long.parseLong(ends[0]) + 1;
            }
        }
        assertThat(inRows).isEqualTo(lost.size());
        assertThat(dev.failoverclient.report.TextReport.format(result.analysis()))
                .contains("Anomalies beside the faults:\n  cycle ");
    }

    /**
     * Faults in turn meet what the one before left: a killed primary is rebuilt from the new one, and
     * the next switchover promotes that rebuilt node, whose binary log starts at the copy. The old
     * primary must follow it from where it stands (found by the 30-minute soak: it asked for its
     * stale replication position and stopped with error 1236, exit 3).
     */
    @Test
    void aSwitchoverToANodeRebuiltByTheStepBeforeKeepsEveryNodeReplicating() {
        List<String> faults = List.of("kill-primary", "switchover");
        // A seed whose first steps are these two, the first one's writing short enough that the
        // second starts within the schedule's 4 s.
        long seed = LongStream.rangeClosed(1, 10_000).filter(s -> {
            RandomSchedule schedule = new RandomSchedule(s, faults);
            RandomSchedule.Step one = schedule.next();
            return one.fault().equals(faults.get(0)) && one.recovery().toMillis() <= 2_000
                    && schedule.next().fault().equals(faults.get(1));
        }).findFirst().orElseThrow();
        runRandom("switch-to-rebuilt", seed, "4s", String.join(",", faults));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assertCheckerMatchesIndependentTruth()).isEmpty();
        String rebuilt = events.stream().filter(e -> e.type().equals("node_rebuilt") && e.cycle() == 1)
                .map(LabEvent::node).findFirst().orElseThrow();
        assertThat(events.stream().filter(e -> e.cycle() == 2 && e.type().equals(LabEvent.WRITABLE))
                .map(LabEvent::node)).as("the switchover promoted the node rebuilt in cycle 1")
                .containsExactly(rebuilt);
    }

    private void run(String name, long seed) {
        runRandom(name, seed, "8s", FAULTS);
    }

    /** Each step's scheduled event and its fault's first event, by type and detail (nodes and times vary). */
    private List<String> schedule() {
        return events.stream().filter(e -> e.type().equals(LabEvent.SCHEDULED) || e.type().equals(LabEvent.FAULT))
                .map(e -> e.cycle() + " " + e.type() + ": " + (e.type().equals(LabEvent.FAULT)
                        ? e.detail().replaceAll("node-[0-9]+|127\\.0\\.0\\.1:[0-9]+", "<node>") : e.detail()))
                .toList();
    }
}
