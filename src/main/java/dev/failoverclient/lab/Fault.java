package dev.failoverclient.lab;

import dev.failoverclient.config.LabConfig;
import java.time.Duration;
import java.util.List;

/**
 * A fault the lab can inject, Jepsen's nemesis narrowed to a MariaDB cluster: {@link #inject}
 * breaks (or changes) the topology and, where an operator would, restores a writable primary behind
 * the service; {@link #heal} readies the cluster for the next cycle. Every step is recorded as
 * ground truth before the lab acts. To add one: a class here, and an entry in {@link #all()}.
 */
public interface Fault {

    /** The topologies a fault applies to when it says nothing else. */
    List<String> REPLICATION_ONLY = List.of(LabConfig.REPLICATION);
    List<String> BOTH = List.of(LabConfig.REPLICATION, LabConfig.GALERA);

    /** Every fault of this build, in the order {@code lab --help} lists them. */
    static List<Fault> all() {
        return List.of(new Switchover(), new KillPrimary(), new RestartPrimary(), new PausePrimary(),
                new ResetConnections(), new Blackhole(), new ReplicaStallKill(), new SplitBrain(),
                new SemisyncTimeoutKill(), new RollingRestart(), new KillAll(), new Partition());
    }

    /** The fault named {@code name}, or {@code null}. */
    static Fault named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The name users type: {@code kill-primary}. */
    String name();

    /** Needs a replica to promote (two nodes or more). */
    default boolean promotes() {
        return false;
    }

    /** Only meaningful with semi-synchronous replication. */
    default boolean needsSemisync() {
        return false;
    }

    /** Acts on the service proxy only: writers that bypass it ({@code --direct}) would not see it. */
    default boolean actsOnService() {
        return false;
    }

    /**
     * Models a failover that breaks its guarantees (no fencing, semi-sync given up), so it loses
     * acknowledged writes by design: a random schedule draws it only when asked to.
     */
    default boolean unsafe() {
        return false;
    }

    /** The topologies ({@code --topology}) it applies to. */
    default List<String> topologies() {
        return REPLICATION_ONLY;
    }

    /** What the lab's options must know of this fault to validate them. */
    default LabConfig.Scenario scenario() {
        return new LabConfig.Scenario(name(), promotes(), needsSemisync(), actsOnService(), topologies(), unsafe());
    }

    /** Injects the fault; {@code duration} is how long a lasting fault (a pause, a blackhole) lasts. */
    void inject(Lab lab, Duration duration);

    /** Brings {@code formerPrimary} back where the fault left it out (e.g. rebuilt as a replica). */
    default void heal(Lab lab, LabNode formerPrimary) {
    }
}
