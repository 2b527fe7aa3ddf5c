package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/** The service stalls existing and new connections for the fault duration. */
final class Blackhole implements Fault {
    @Override
    public String name() {
        return "blackhole";
    }

    @Override
    public boolean actsOnService() {
        return true;
    }

    @Override
    public List<String> topologies() {
        return BOTH;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        lab.truth().record(LabEvent.FAULT, null, "service stalls existing and new connections");
        lab.service().stall(true);
        LabNode.sleep(duration.toMillis());
        lab.service().stall(false);
        lab.truth().record(LabEvent.HEALED, null, "service forwards again; stalled connections reset");
    }
}
