package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;

/** Clean shutdown and restart of the primary; no promotion. */
final class RestartPrimary implements Fault {
    @Override
    public String name() {
        return "restart-primary";
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode primary = lab.primary();
        lab.truth().record(LabEvent.FAULT, primary, "clean shutdown (SIGTERM)");
        primary.shutdown();
        primary.start(lab.replication().startArgs(true));
        lab.truth().record(LabEvent.WRITABLE, primary, "restarted");
    }
}
