package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/**
 * SIGKILL of the primary, then failover to the most advanced replica; on Galera, SIGKILL of the node
 * written to, and the service routed to a node of the remaining Primary component.
 */
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
    public List<String> topologies() {
        return BOTH;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode primary = lab.primary();
        lab.truth().record(LabEvent.FAULT, primary, "SIGKILL");
        primary.kill();
        if (lab.galera()) {
            LabNode next = lab.replicas().get(0);
            lab.route(next, ": the operator's Service leaves the dead node");
            // Commits wait until the others evict the dead node (Galera's suspect timeout, 5 s by default).
            if (Galera.waitSmallerThan(next, lab.nodes().size(), Galera.SYNC_TIMEOUT_MILLIS)) {
                lab.truth().record("node_evicted", primary, "the others formed a Primary component without it");
            }
        } else {
            Topology.failover(lab);
        }
    }

    /**
     * A killed primary may hold transactions nobody else has (error 1236 on rejoin): rebuild it. A
     * killed Galera node rejoins by IST.
     */
    @Override
    public void heal(Lab lab, LabNode formerPrimary) {
        if (lab.galera()) {
            lab.restart(formerPrimary);
            lab.truth().record("node_restarted", formerPrimary, "rejoined the cluster");
        } else {
            Topology.rebuild(lab, formerPrimary);
        }
    }
}
