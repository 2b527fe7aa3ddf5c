package dev.failoverclient.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomScheduleTest {
    private static final List<String> FAULTS = List.of("kill-primary", "switchover", "blackhole");

    private static List<RandomSchedule.Step> first(long seed, int n) {
        RandomSchedule schedule = new RandomSchedule(seed, FAULTS);
        return IntStream.range(0, n).mapToObj(i -> schedule.next()).toList();
    }

    @Test
    void theSameSeedGivesTheSameStepsAndAnotherOneOthers() {
        assertThat(first(42, 200)).isEqualTo(first(42, 200));
        assertThat(first(43, 200)).isNotEqualTo(first(42, 200));
        assertThat(first(42, 300)).startsWith(first(42, 200).toArray(RandomSchedule.Step[]::new));
    }

    @Test
    void stepsAreNumberedAndDrawnFromTheCatalogueWithinTheirBounds() {
        List<RandomSchedule.Step> steps = first(7, 300);
        assertThat(steps).extracting(RandomSchedule.Step::cycle)
                .isEqualTo(IntStream.rangeClosed(1, 300).boxed().toList());
        Map<String, Integer> drawn = new TreeMap<>();
        steps.forEach(s -> drawn.merge(s.fault(), 1, Integer::sum));
        assertThat(drawn.keySet()).as("every fault drawn").containsExactlyInAnyOrderElementsOf(FAULTS);
        assertThat(steps).allSatisfy(s -> {
            assertThat(s.faultDuration()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
            assertThat(s.faultDuration().toMillis() % 500).isZero();
            assertThat(s.recovery()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(6));
        });
        assertThat(steps.stream().map(RandomSchedule.Step::recovery).distinct()).as("all of the range drawn")
                .hasSize(11);
    }

    @Test
    void theScheduledEventNamesTheFaultFirst() {
        RandomSchedule schedule = new RandomSchedule(5, FAULTS);
        RandomSchedule.Step step = schedule.next();
        String detail = schedule.describe(step);
        assertThat(new dev.failoverclient.history.LabEvent(0, 1, dev.failoverclient.history.LabEvent.SCHEDULED,
                null, detail).scheduledFault()).isEqualTo(step.fault());
        assertThat(detail).contains("step 1 of the random schedule, seed 5");
    }
}
