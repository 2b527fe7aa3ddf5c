package dev.failoverclient.lab;

import dev.failoverclient.config.LabSchedule;
import dev.failoverclient.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A random fault schedule, Jepsen's nemesis drawn from the lab's catalogue: per step a fault, how
 * long it lasts when it lasts (a pause, a blackhole, a partition), and how long the writers then
 * write before the topology is healed and the next one comes. Each fault acts on what it acts on
 * (the primary at that moment, the service, every node). Planned whole from the seed before the first
 * fault, so the same seed and options give the same steps however long each takes.
 */
public final class RandomSchedule {
    /** Lasting faults last 1 to 5 s, in half seconds. */
    private static final int FAULT_HALF_SECONDS_MIN = 2;
    private static final int FAULT_HALF_SECONDS_MAX = 10;
    /** The writers write 1 to 6 s after each fault, in half seconds. */
    private static final int RECOVERY_HALF_SECONDS_MIN = 2;
    private static final int RECOVERY_HALF_SECONDS_MAX = 12;

    private RandomSchedule() {
    }

    /** One step: {@code fault} for {@code faultDuration}, then {@code recovery} of writing. */
    public record Step(int cycle, String fault, Duration faultDuration, Duration recovery) {
        /** The {@code scheduled} event's detail: the fault's name first. */
        String describe(long seed) {
            return fault + " (step " + cycle + " of the random schedule, seed " + seed + "), lasting "
                    + Durations.format(faultDuration) + " where it lasts, then " + Durations.format(recovery)
                    + " of writing";
        }
    }

    /** The steps, until their planned time reaches the schedule's duration. */
    public static List<Step> plan(LabSchedule schedule) {
        SplittableRandom random = new SplittableRandom(schedule.seed());
        List<Step> steps = new ArrayList<>();
        Duration planned = Duration.ZERO;
        while (planned.compareTo(schedule.duration()) < 0) {
            String fault = schedule.faults().get(random.nextInt(schedule.faults().size()));
            Duration lasting = Duration.ofMillis(500L * random.nextInt(FAULT_HALF_SECONDS_MIN,
                    FAULT_HALF_SECONDS_MAX + 1));
            Duration recovery = Duration.ofMillis(500L * random.nextInt(RECOVERY_HALF_SECONDS_MIN,
                    RECOVERY_HALF_SECONDS_MAX + 1));
            steps.add(new Step(steps.size() + 1, fault, lasting, recovery));
            planned = planned.plus(lasting).plus(recovery);
        }
        return steps;
    }

    /** How many steps each fault has, by name. */
    public static Map<String, Integer> counts(List<Step> steps) {
        Map<String, Integer> counts = new TreeMap<>();
        steps.forEach(s -> counts.merge(s.fault(), 1, Integer::sum));
        return counts;
    }
}
