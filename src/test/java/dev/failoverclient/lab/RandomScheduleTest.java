package dev.failoverclient.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.config.LabSchedule;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomScheduleTest {
    private static final List<String> FAULTS = List.of("kill-primary", "switchover", "blackhole");

    private static List<RandomSchedule.Step> plan(long seed, Duration d) {
        return RandomSchedule.plan(new LabSchedule(true, seed, d, FAULTS));
    }

    @Test
    void theSameSeedGivesTheSameStepsAndAnotherOneOthers() {
        assertThat(plan(42, Duration.ofMinutes(10))).isEqualTo(plan(42, Duration.ofMinutes(10)));
        assertThat(plan(43, Duration.ofMinutes(10))).isNotEqualTo(plan(42, Duration.ofMinutes(10)));
        // A longer schedule begins with the shorter one's steps.
        assertThat(plan(42, Duration.ofMinutes(20))).startsWith(plan(42, Duration.ofMinutes(10)).toArray(
                RandomSchedule.Step[]::new));
    }

    @Test
    void stepsFillTheDurationWithFaultsOfTheCatalogueWithinTheirBounds() {
        List<RandomSchedule.Step> steps = plan(7, Duration.ofMinutes(30));
        Duration planned = steps.stream().map(s -> s.faultDuration().plus(s.recovery())).reduce(Duration.ZERO,
                Duration::plus);
        RandomSchedule.Step last = steps.get(steps.size() - 1);
        assertThat(planned).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
        assertThat(planned.minus(last.faultDuration()).minus(last.recovery())).isLessThan(Duration.ofMinutes(30));
        assertThat(steps).extracting(RandomSchedule.Step::cycle)
                .isEqualTo(IntStream.rangeClosed(1, steps.size()).boxed().toList());
        assertThat(steps).allSatisfy(s -> {
            assertThat(FAULTS).contains(s.fault());
            assertThat(s.faultDuration()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
            assertThat(s.recovery()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(6));
        });
        assertThat(RandomSchedule.counts(steps).keySet()).as("every fault drawn in 30 minutes")
                .containsExactlyInAnyOrderElementsOf(FAULTS);
    }
}
