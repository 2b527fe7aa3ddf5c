package dev.failoverclient.lab;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The faults the lab injects, each recorded as ground-truth events. {@link #inject} breaks (or
 * changes) the topology and, where an operator would, restores a writable primary behind the
 * service; {@link #heal} prepares the cluster for the next cycle.
 */
public enum Scenario {
    /** Planned: old primary read-only, candidate catches up, promote, repoint, route. */
    SWITCHOVER(true),
    /** SIGKILL of the primary, then failover to the most advanced replica. */
    KILL_PRIMARY(true),
    /** Clean shutdown and restart of the primary; no promotion. */
    RESTART_PRIMARY(false),
    /** SIGSTOP of the primary for the fault duration, failover, then SIGCONT and fence it read-only. */
    PAUSE_PRIMARY(true),
    /** The service resets every open connection (an Istio gateway); topology unchanged. */
    RESET_CONNECTIONS(false),
    /** The service stalls existing and new connections for the fault duration. */
    BLACKHOLE(false),
    /** Replica IO stopped for a second, then SIGKILL of the primary and failover. */
    REPLICA_STALL_KILL(true);

    private final boolean changesPrimary;

    Scenario(boolean changesPrimary) {
        this.changesPrimary = changesPrimary;
    }

    /** The name users type: {@code kill-primary}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Acts on the service proxy only: writers that bypass it ({@code --direct}) would not see it. */
    public boolean actsOnService() {
        return this == RESET_CONNECTIONS || this == BLACKHOLE;
    }

    /** Needs at least two nodes (a replica to promote). */
    public boolean changesPrimary() {
        return changesPrimary;
    }

    public static Scenario parse(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }

    /** Injects the fault and, for failover scenarios, restores a writable primary. */
    public void inject(Lab lab, Duration faultDuration) {
        GroundTruth truth = lab.truth();
        LabNode primary = lab.primary();
        switch (this) {
            case SWITCHOVER -> Topology.switchover(lab, lab.replicas().get(0));
            case KILL_PRIMARY -> {
                truth.record(GroundTruth.FAULT, primary, "SIGKILL");
                primary.kill();
                Topology.failover(lab);
            }
            case RESTART_PRIMARY -> {
                truth.record(GroundTruth.FAULT, primary, "clean shutdown (SIGTERM)");
                primary.shutdown();
                primary.start(lab.replication().startArgs(true));
                truth.record(GroundTruth.WRITABLE, primary, "restarted");
            }
            case PAUSE_PRIMARY -> {
                truth.record(GroundTruth.FAULT, primary, "SIGSTOP");
                primary.pause();
                LabNode.sleep(faultDuration.toMillis());
                Topology.failover(lab);
                // Fenced before any writer can reach it again: connections pinned to it are cut, so
                // statements queued there are never acknowledged, and its address holds new ones
                // until it is read-only. The lab itself talks to the node on its own port.
                lab.service().resetAll();
                ServiceProxy address = lab.address(primary);
                address.stall(true);
                address.resetAll();
                primary.resume();
                primary.exec("SET GLOBAL read_only = 1", lab.replication().masterSide(false));
                address.stall(false);
                truth.record("old_primary_fenced", primary, "connections cut, SIGCONT, read_only=1, then reachable");
            }
            case RESET_CONNECTIONS -> {
                truth.record(GroundTruth.FAULT, null, "service reset every open connection (TCP RST)");
                lab.service().resetAll();
            }
            case BLACKHOLE -> {
                truth.record(GroundTruth.FAULT, null, "service stalls existing and new connections");
                lab.service().stall(true);
                LabNode.sleep(faultDuration.toMillis());
                lab.service().stall(false);
                truth.record(GroundTruth.HEALED, null, "service forwards again; stalled connections reset");
            }
            case REPLICA_STALL_KILL -> {
                for (LabNode r : lab.replicas()) {
                    r.exec("STOP SLAVE IO_THREAD");
                }
                truth.record("replication_stopped", null, "STOP SLAVE IO_THREAD on every replica");
                LabNode.sleep(1_000);
                truth.record(GroundTruth.FAULT, primary, "SIGKILL after 1 s without replication");
                primary.kill();
                Topology.failover(lab);
            }
        }
    }

    /** Brings the former primary back as a replica where the fault left it out. */
    public void heal(Lab lab, LabNode formerPrimary) {
        if (this == KILL_PRIMARY || this == PAUSE_PRIMARY || this == REPLICA_STALL_KILL) {
            Topology.rebuild(lab, formerPrimary);
        }
    }
}
