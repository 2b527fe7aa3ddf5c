package dev.failoverclient.lab;

import java.time.Duration;

/** Planned: old primary read-only, candidate catches up to its GTID position, promote, repoint, route. */
final class Switchover implements Fault {
    @Override
    public String name() {
        return "switchover";
    }

    @Override
    public boolean promotes() {
        return true;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        Topology.switchover(lab, lab.replicas().get(0));
    }
}
