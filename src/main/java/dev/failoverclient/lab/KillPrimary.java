package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;

/** SIGKILL of the primary, then failover to the most advanced replica. */
final class KillPrimary implements Fault {
    @Override
    public String name() {
        return "kill-primary";
    }

    @Override
    public boolean promotes() {
        return true;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode primary = lab.primary();
        lab.truth().record(LabEvent.FAULT, primary, "SIGKILL");
        primary.kill();
        Topology.failover(lab);
    }

    /** A killed primary may hold transactions nobody else has (error 1236 on rejoin): rebuild it. */
    @Override
    public void heal(Lab lab, LabNode formerPrimary) {
        Topology.rebuild(lab, formerPrimary);
    }
}
