package dev.failoverclient.lab;

import dev.failoverclient.config.LabConfig;
import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/**
 * Every Galera node SIGKILLed at once (a power loss, Jepsen's crashes in quick succession), then the
 * cluster recovered the way mariadb-operator recovers it: each node's recovered position, the most
 * advanced bootstrapped, the others joined by IST, the service on the bootstrapped node. With
 * {@code --durability relaxed} (innodb_flush_log_at_trx_commit=0) the writes of the last second,
 * acknowledged by every node but on no node's disk, are lost.
 */
final class KillAll implements Fault {
    @Override
    public String name() {
        return "kill-all";
    }

    @Override
    public List<String> topologies() {
        return List.of(LabConfig.GALERA);
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        lab.truth().record(LabEvent.FAULT, null, "SIGKILL of every node at once");
        LabNode.atOnce(lab.nodes(), "kill", LabNode::kill);
        lab.galeraOps().recover(lab.nodes(), (node, position) -> {
            lab.truth().record(LabEvent.WRITABLE, node, "bootstrapped from its recovered position " + position);
            lab.route(node, ": the cluster's bootstrapped node");
        });
        lab.truth().record(LabEvent.HEALED, null, "every node Synced again");
    }
}
