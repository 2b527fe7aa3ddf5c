package dev.failoverclient.config;

import java.time.Duration;
import java.util.List;

/**
 * How the lab breaks the cluster: the one {@code --scenario}, {@code --repeat} times, or, with
 * {@code --schedule random}, faults drawn from the catalogue for {@code --duration}, reproducibly
 * from {@code --seed}.
 *
 * @param seed     the random schedule's seed (drawn when not given, and printed)
 * @param duration how long the random schedule plans to break the cluster
 * @param faults   the faults it draws from
 */
public record LabSchedule(boolean random, long seed, Duration duration, List<String> faults) {
    public static final String FIXED = "fixed";
    public static final String RANDOM = "random";

    public LabSchedule {
        faults = List.copyOf(faults);
    }

    /** The one scenario, {@code --repeat} times. */
    static LabSchedule fixed() {
        return new LabSchedule(false, 0, Duration.ZERO, List.of());
    }
}
