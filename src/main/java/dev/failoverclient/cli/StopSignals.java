package dev.failoverclient.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/** Routes SIGTERM and SIGINT to an orderly stop instead of the JVM's immediate exit. */
final class StopSignals {
    private StopSignals() {
    }

    /**
     * Runs {@code stop} on SIGTERM or SIGINT.
     *
     * @return the signals the JVM keeps for itself (-Xrs): they still end the process at once
     */
    static List<String> onTermOrInt(Runnable stop) {
        List<String> kept = new ArrayList<>();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), s -> stop.run());
            } catch (IllegalArgumentException e) {
                kept.add(name);
            }
        }
        return kept;
    }
}
