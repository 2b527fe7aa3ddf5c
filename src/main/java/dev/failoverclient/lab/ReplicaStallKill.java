package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;

/**
 * Every replica's IO thread stopped for a second, then SIGKILL of the primary and failover: with
 * async replication the writes of that second are acknowledged and lost; with semi-sync the writers
 * block instead.
 */
final class ReplicaStallKill implements Fault {
    private static final long STALL_MILLIS = 1_000;

    @Override
    public String name() {
        return "replica-stall-kill";
    }

    @Override
    public boolean promotes() {
        return true;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode primary = lab.primary();
        // Recorded before the statements, like every event: a write acknowledged while they run may
        // already miss the replicas, so the window of loss opens here, not when the last one returns.
        lab.truth().record("replication_stopped", null, "STOP SLAVE IO_THREAD on every replica");
        for (LabNode r : lab.replicas()) {
            r.exec("STOP SLAVE IO_THREAD");
        }
        LabNode.sleep(STALL_MILLIS);
        lab.truth().record(LabEvent.FAULT, primary, "SIGKILL after 1 s without replication");
        primary.kill();
        Topology.failover(lab);
    }

    @Override
    public void heal(Lab lab, LabNode formerPrimary) {
        Topology.rebuild(lab, formerPrimary);
    }
}
