package dev.failoverclient.lab;

import dev.failoverclient.StopSignal;
import dev.failoverclient.config.LabConfig;
import java.time.Duration;

/**
 * The lab's fault cycles: a warm-up, then per cycle the fault, the recovery time, and (but after the
 * last cycle) the healing that readies the next one. Ends early when {@code aborted} is raised.
 */
public final class Schedule {
    private Schedule() {
    }

    public static void run(Lab lab, Fault fault, LabConfig config, StopSignal aborted) {
        pause(aborted, config.warmup());
        for (int cycle = 1; cycle <= config.repeat() && !aborted.requested(); cycle++) {
            lab.truth().cycle(cycle);
            LabNode former = lab.primary();
            fault.inject(lab, config.faultDuration());
            pause(aborted, config.recovery());
            if (cycle < config.repeat() && !aborted.requested()) {
                fault.heal(lab, former);
            }
        }
    }

    private static void pause(StopSignal aborted, Duration d) {
        aborted.sleepUntil(System.nanoTime() + d.toNanos());
    }
}
