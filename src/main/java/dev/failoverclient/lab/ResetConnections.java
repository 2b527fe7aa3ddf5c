package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;
import java.util.List;

/** The service resets every open connection with a TCP RST (an Istio gateway); topology unchanged. */
final class ResetConnections implements Fault {
    @Override
    public String name() {
        return "reset-connections";
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
        lab.truth().record(LabEvent.FAULT, null, "service reset every open connection (TCP RST)");
        lab.service().resetAll();
    }
}
