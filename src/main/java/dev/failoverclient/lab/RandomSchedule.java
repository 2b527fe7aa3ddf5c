package dev.failoverclient.lab;

import dev.failoverclient.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random fault schedule, Jepsen's nemesis drawn from the lab's catalogue: per step a fault, how
 * long it lasts when it lasts (a pause, a blackhole, a partition), and how long the writers then
 * write before the topology is healed and the next one comes. Each fault acts on what it acts on
 * (the primary at that moment, the service, every node). The steps are drawn from the seed alone,
 * so the same seed and faults give the same sequence however long each step takes; how many of them
 * run is the schedule's time ({@code --duration}), measured on the clock.
 */
public final class RandomSchedule {
    /** Lasting faults last 1 to 5 s, in half seconds. */
    private static final int FAULT_HALF_SECONDS_MIN = 2;
    private static final int FAULT_HALF_SECONDS_MAX = 10;
    /** The writers write 1 to 6 s after each fault, in half seconds. */
    private static final int RECOVERY_HALF_SECONDS_MIN = 2;
    private static final int RECOVERY_HALF_SECONDS_MAX = 12;

    private final SplittableRandom random;
    private final long seed;
    private final List<String> faults;
    private int drawn;

    public RandomSchedule(long seed, List<String> faults) {
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        this.faults = List.copyOf(faults);
    }

    /** One step: {@code fault} for {@code faultDuration}, then {@code recovery} of writing. */
    public record Step(int cycle, String fault, Duration faultDuration, Duration recovery) {
    }

    /** The next step of the sequence. */
    public Step next() {
        String fault = faults.get(random.nextInt(faults.size()));
        Duration lasting = Duration.ofMillis(500L * random.nextInt(FAULT_HALF_SECONDS_MIN,
                FAULT_HALF_SECONDS_MAX + 1));
        Duration recovery = Duration.ofMillis(500L * random.nextInt(RECOVERY_HALF_SECONDS_MIN,
                RECOVERY_HALF_SECONDS_MAX + 1));
        return new Step(++drawn, fault, lasting, recovery);
    }

    /** The {@code scheduled} event's detail: the fault's name first ({@code LabEvent.scheduledFault}). */
    String describe(Step step) {
        return step.fault() + " (step " + step.cycle() + " of the random schedule, seed " + seed + "), lasting "
                + Durations.format(step.faultDuration()) + " where it lasts, then " + Durations.format(step.recovery())
                + " of writing";
    }
}
