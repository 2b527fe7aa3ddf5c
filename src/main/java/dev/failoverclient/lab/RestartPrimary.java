package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/** Clean shutdown and restart of the primary (on Galera, of the node written to, which rejoins); no promotion. */
final class RestartPrimary implements Fault {
    @Override
    public String name() {
        return "restart-primary";
    }

    @Override
    public List<String> topologies() {
        return BOTH;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode primary = lab.primary();
        lab.truth().record(LabEvent.FAULT, primary, "clean shutdown (SIGTERM)");
        primary.shutdown();
        lab.restart(primary);
        lab.truth().record(LabEvent.WRITABLE, primary, "restarted");
    }
}
