package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;

/**
 * A failover that forgets to fence: the most advanced replica is promoted (and the service routed to
 * it) while the old primary stays writable for the fault duration. Writers still connected to the old primary, or
 * finding it first among every node ({@code --direct}), keep writing there; those writes never reach
 * the new primary. Then the old primary is fenced read-only and the writers move.
 */
final class SplitBrain implements Fault {
    @Override
    public boolean unsafe() {
        return true;
    }

    @Override
    public String name() {
        return "split-brain";
    }

    @Override
    public boolean promotes() {
        return true;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode old = lab.primary();
        lab.truth().record(LabEvent.FAULT, old, "fail over while " + old.name() + " stays writable");
        // Its replicas leave it: with semi-sync still on it would wait for acknowledgements that never come.
        old.exec(lab.replication().masterSide(false));
        Topology.failover(lab);
        LabNode.sleep(duration.toMillis());
        old.exec("SET GLOBAL read_only = 1");
        lab.truth().record("old_primary_fenced", old, "read_only=1: one writable node again");
    }

    /** The old primary holds a diverged branch: rebuild it. */
    @Override
    public void heal(Lab lab, LabNode formerPrimary) {
        Topology.rebuild(lab, formerPrimary);
    }
}
