package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/**
 * SIGSTOP of the primary for the fault duration, failover, then SIGCONT with the old primary fenced.
 * On Galera, SIGSTOP of the node written to: the cluster stalls until the others evict it (Galera's
 * suspect timeout), the operator's Service leaves it once they have, and SIGCONT lets it rejoin.
 */
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
    public List<String> topologies() {
        return BOTH;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        if (lab.galera()) {
            pauseGaleraNode(lab, duration);
            return;
        }
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

    private static void pauseGaleraNode(Lab lab, Duration duration) {
        LabNode paused = lab.primary();
        paused.pause();
        lab.truth().record(LabEvent.FAULT, paused, "SIGSTOP");
        long until = System.currentTimeMillis() + duration.toMillis();
        LabNode other = lab.replicas().get(0);
        if (Galera.waitSmallerThan(other, lab.nodes().size(), duration.toMillis())) {
            lab.route(other, ": the others evicted the paused node");
        }
        LabNode.sleep(Math.max(0, until - System.currentTimeMillis()));
        paused.resume();
        lab.truth().record(LabEvent.HEALED, paused, "SIGCONT");
        Galera.waitWhole(lab.nodes());
        lab.truth().record("node_rejoined", paused, "Synced again");
    }

    @Override
    public void heal(Lab lab, LabNode formerPrimary) {
        if (!lab.galera()) {
            Topology.rebuild(lab, formerPrimary);
        }
    }
}
