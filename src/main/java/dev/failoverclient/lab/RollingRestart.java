package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/**
 * Every node restarted one after another, cleanly, as an operator's update does. Galera: the nodes
 * not written to first, each rejoining by IST before the next; then the service moves to a restarted
 * node and the last one restarts. Replication: the replicas first, then a switchover to one of them,
 * then the old primary, restarted as its replica. What counts is the write unavailability of the
 * whole operation, not of one node: the outages of the cycle together.
 */
final class RollingRestart implements Fault {
    @Override
    public String name() {
        return "rolling-restart";
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
        LabNode written = lab.primary();
        lab.truth().record(LabEvent.FAULT, written, "rolling restart of every node, "
                + (lab.galera() ? "the node written to last" : "replicas first, then a switchover"));
        List<LabNode> others = lab.replicas();
        for (LabNode n : others) {
            restart(lab, n);
        }
        if (lab.galera()) {
            lab.route(others.get(0), ": the node written to restarts next");
        } else {
            Topology.switchover(lab, others.get(0), "switchover");
        }
        restart(lab, written);
        lab.truth().record(LabEvent.HEALED, null, "every node restarted");
    }

    /** A clean shutdown, then the node back in its place (a replica replicating again, a Galera node Synced). */
    private static void restart(Lab lab, LabNode node) {
        node.shutdown();
        lab.restart(node);
        if (!lab.galera()) {
            Topology.replicate(node, lab.primary());
        }
        lab.truth().record("node_restarted", node, "clean restart");
    }
}
