package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;

/** SIGSTOP of the primary for the fault duration, failover, then SIGCONT with the old primary fenced. */
final class PausePrimary implements Fault {
    @Override
    public String name() {
        return "pause-primary";
    }

    @Override
    public boolean promotes() {
        return true;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode primary = lab.primary();
        primary.pause();
        // Recorded once kill(1) has delivered the signal: a write acknowledged while that process
        // started was not inside the fault.
        lab.truth().record(LabEvent.FAULT, primary, "SIGSTOP");
        LabNode.sleep(duration.toMillis());
        Topology.failover(lab);
        // Fenced before any writer can reach it again: connections pinned to it are cut, so
        // statements queued there are never acknowledged, and its address holds new ones until it is
        // read-only. The lab itself talks to the node on its own port.
        lab.service().resetAll();
        ServiceProxy address = lab.address(primary);
        address.stall(true);
        address.resetAll();
        primary.resume();
        primary.exec("SET GLOBAL read_only = 1", lab.replication().masterSide(false));
        address.stall(false);
        lab.truth().record("old_primary_fenced", primary, "connections cut, SIGCONT, read_only=1, then reachable");
    }

    @Override
    public void heal(Lab lab, LabNode formerPrimary) {
        Topology.rebuild(lab, formerPrimary);
    }
}
