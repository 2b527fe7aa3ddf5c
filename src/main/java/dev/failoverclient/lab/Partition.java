package dev.failoverclient.lab;

import dev.failoverclient.config.LabConfig;
import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/**
 * The node written to is cut off from the others' group traffic (Galera's {@code gmcast.isolate})
 * while clients still reach it: it leaves the Primary component and refuses writes (1047); the
 * operator's Service moves to the majority once the node is out, and after the fault duration the
 * node is let back and rejoins.
 */
final class Partition implements Fault {
    @Override
    public String name() {
        return "partition";
    }

    @Override
    public List<String> topologies() {
        return List.of(LabConfig.GALERA);
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode cut = lab.primary();
        lab.truth().record(LabEvent.FAULT, cut, "cut off from the others' group traffic (gmcast.isolate=1)");
        Galera.isolate(cut, true);
        Galera.waitNonPrimary(cut);
        lab.truth().record("node_non_primary", cut, "wsrep_cluster_status non-Primary: writes refused (1047)");
        lab.route(lab.replicas().get(0), ": the operator's Service leaves the node outside the Primary component");
        LabNode.sleep(duration.toMillis());
        Galera.isolate(cut, false);
        lab.truth().record(LabEvent.HEALED, cut, "group traffic restored (gmcast.isolate=0)");
        Galera.waitWhole(lab.nodes());
        lab.truth().record("node_rejoined", cut, "Synced again");
    }
}
