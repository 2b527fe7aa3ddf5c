package dev.failoverclient.lab;

import dev.failoverclient.StopSignal;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/**
 * The lab's fault cycles: a warm-up, then per cycle the fault, the recovery time, and (but after the
 * last cycle) the healing that readies the next one: the one {@code --scenario}, {@code --repeat}
 * times, or the steps of a {@link RandomSchedule}, each recorded as ground truth before it acts.
 * Ends early when {@code aborted} is raised.
 */
public final class Schedule {
    private Schedule() {
    }

    public static void run(Lab lab, LabConfig config, StopSignal aborted) {
        pause(aborted, config.warmup());
        if (!config.schedule().random()) {
            Fault fault = Fault.named(config.scenario());
            for (int cycle = 1; cycle <= config.repeat() && !aborted.requested(); cycle++) {
                cycle(lab, fault, cycle, config.faultDuration(), config.recovery(), cycle < config.repeat(), aborted);
            }
            return;
        }
        List<RandomSchedule.Step> steps = RandomSchedule.plan(config.schedule());
        for (RandomSchedule.Step step : steps) {
            if (aborted.requested()) {
                return;
            }
            lab.truth().cycle(step.cycle());
            lab.truth().record(LabEvent.SCHEDULED, null, step.describe(config.schedule().seed()));
            cycle(lab, Fault.named(step.fault()), step.cycle(), step.faultDuration(), step.recovery(),
                    step.cycle() < steps.size(), aborted);
        }
    }

    private static void cycle(Lab lab, Fault fault, int cycle, Duration lasting, Duration recovery, boolean heal,
                              StopSignal aborted) {
        lab.truth().cycle(cycle);
        LabNode former = lab.primary();
        fault.inject(lab, lasting);
        pause(aborted, recovery);
        if (heal && !aborted.requested()) {
            fault.heal(lab, former);
        }
    }

    private static void pause(StopSignal aborted, Duration d) {
        aborted.sleepUntil(System.nanoTime() + d.toNanos());
    }
}
