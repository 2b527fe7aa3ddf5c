package dev.failoverclient.lab;

import dev.failoverclient.StopSignal;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The lab's fault cycles: a warm-up, then per cycle the fault, the recovery time, and (but after the
 * last cycle) the healing that readies the next one: the one {@code --scenario}, {@code --repeat}
 * times, or the steps of a {@link RandomSchedule}, each announced as ground truth ({@code scheduled}) before it acts,
 * until {@code --duration} has passed (the step under way when it has is the last, not cut short).
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
                int c = cycle;
                lab.truth().cycle(cycle);
                lab.truth().record(LabEvent.SCHEDULED, null, fault.name() + " (cycle " + cycle + " of " + config.repeat()
                        + ")");
                cycle(lab, fault, cycle, config.faultDuration(), config.recovery(), () -> c < config.repeat(), aborted);
            }
            return;
        }
        RandomSchedule steps = new RandomSchedule(config.schedule().seed(), config.schedule().faults());
        long end = System.nanoTime() + config.schedule().duration().toNanos();
        BooleanSupplier timeLeft = () -> System.nanoTime() - end < 0;
        while (!aborted.requested() && timeLeft.getAsBoolean()) {
            RandomSchedule.Step step = steps.next();
            lab.truth().cycle(step.cycle());
            lab.truth().record(LabEvent.SCHEDULED, null, steps.describe(step));
            cycle(lab, Fault.named(step.fault()), step.cycle(), step.faultDuration(), step.recovery(), timeLeft,
                    aborted);
        }
    }

    /** One cycle; healed when {@code another} says another cycle comes (asked once the recovery is over). */
    private static void cycle(Lab lab, Fault fault, int cycle, Duration lasting, Duration recovery,
                              BooleanSupplier another, StopSignal aborted) {
        LabNode former = lab.primary();
        fault.inject(lab, lasting);
        pause(aborted, recovery);
        if (!aborted.requested() && another.getAsBoolean()) {
            fault.heal(lab, former);
        }
    }

    private static void pause(StopSignal aborted, Duration d) {
        aborted.sleepUntil(System.nanoTime() + d.toNanos());
    }
}
