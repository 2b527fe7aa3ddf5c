package dev.failoverclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab's options, every rule in one place: topologies, their scenarios and the options that belong to one. */
class LabConfigTest {
    private static final List<String> BOTH = List.of(LabConfig.REPLICATION, LabConfig.GALERA);
    private static final List<LabConfig.Scenario> SCENARIOS = List.of(
            new LabConfig.Scenario("kill-primary", true, false, false, BOTH),
            new LabConfig.Scenario("semisync-timeout-kill", true, true, false, List.of(LabConfig.REPLICATION), true),
            new LabConfig.Scenario("blackhole", false, false, true, BOTH),
            new LabConfig.Scenario("kill-all", false, false, false, List.of(LabConfig.GALERA)));

    private static LabConfig config(boolean direct, String... flagsAndValues) {
        Map<LabSetting, String> flags = new EnumMap<>(LabSetting.class);
        for (int i = 0; i < flagsAndValues.length; i += 2) {
            String flag = flagsAndValues[i];
            flags.put(java.util.Arrays.stream(LabSetting.values()).filter(s -> s.flag().equals(flag)).findFirst()
                    .orElseThrow(), flagsAndValues[i + 1]);
        }
        return LabConfig.from(flags, SCENARIOS, false, direct, false);
    }

    @Test
    void theDefaultsAreTodaysReplicationLab() {
        LabConfig c = config(false);
        assertThat(c.topology()).isEqualTo("replication");
        assertThat(c.galera()).isFalse();
        assertThat(c.replication()).isEqualTo("semisync");
        assertThat(c.durability()).isEqualTo("server");
        assertThat(c.basedir()).isNull();
        assertThat(c.wsrepProvider()).isNull();
        assertThat(c.writeToAll()).isFalse();
        assertThat(c.nodes()).isEqualTo(3);
    }

    @Test
    void galeraRunsOnDebiansServerWithItsGaleraLibraryUnlessToldOtherwise() {
        LabConfig c = config(false, "--topology", "galera", "--scenario", "kill-all", "--durability", "relaxed",
                "--write-to", "all");
        assertThat(c.galera()).isTrue();
        assertThat(c.basedir()).isEqualTo(Path.of("/usr"));
        assertThat(c.wsrepProvider()).isEqualTo(Path.of("/usr/lib/galera/libgalera_smm.so"));
        assertThat(c.durability()).isEqualTo("relaxed");
        assertThat(c.writeToAll()).isTrue();
        assertThat(config(false, "--topology", "galera", "--wsrep-provider", "lib/galera.so").wsrepProvider())
                .isEqualTo(Path.of("lib/galera.so").toAbsolutePath());
    }

    @Test
    void everyOptionThatBelongsToOneTopologyIsRefusedForTheOtherWithOneLine() {
        record Case(boolean direct, List<String> flags, String message) { }
        for (Case c : List.of(
                new Case(false, List.of("--topology", "ring"), "invalid --topology 'ring': expected replication or galera"),
                new Case(false, List.of("--topology", "galera", "--nodes", "2"),
                        "invalid --nodes '2': expected a whole number 3 to 9"),
                new Case(false, List.of("--topology", "galera", "--replication", "async"),
                        "--replication applies to --topology replication: a Galera cluster replicates every commit to"
                                + " every node itself; leave it out"),
                new Case(false, List.of("--scenario", "kill-all"), "--scenario kill-all does not apply to --topology"
                        + " replication: expected one of kill-primary, semisync-timeout-kill, blackhole"),
                new Case(false, List.of("--topology", "galera", "--scenario", "semisync-timeout-kill"),
                        "--scenario semisync-timeout-kill does not apply to --topology galera: expected one of"
                                + " kill-primary, blackhole, kill-all"),
                new Case(false, List.of("--write-to", "all"), "--write-to all writes to every node at once, which only"
                        + " a Galera cluster accepts: add --topology galera"),
                new Case(true, List.of("--topology", "galera", "--write-to", "all"), "--write-to all gives each writer"
                        + " a node of its own; --direct gives every writer every node: choose one"),
                new Case(false, List.of("--wsrep-provider", "/x.so"), "--wsrep-provider is the Galera library: add"
                        + " --topology galera"),
                new Case(false, List.of("--durability", "fast"), "invalid --durability 'fast': expected server, relaxed"
                        + " or strict"),
                new Case(false, List.of("--scenario", "semisync-timeout-kill", "--replication", "async"),
                        "--scenario semisync-timeout-kill needs --replication semisync"),
                new Case(true, List.of("--scenario", "blackhole"), "--scenario blackhole acts on the service proxy,"
                        + " which --direct writers bypass: leave out --direct"))) {
            assertThatThrownBy(() -> config(c.direct(), c.flags().toArray(String[]::new))).as(c.toString())
                    .isInstanceOf(ConfigException.class).hasMessage(c.message());
        }
    }

    @Test
    void aRandomScheduleDrawsFromTheFaultsThatApplyAndAUnsafeOneOnlyWhenNamed() {
        LabConfig c = config(false, "--schedule", "random", "--duration", "10m", "--seed", "42");
        assertThat(c.schedule()).isEqualTo(new LabSchedule(true, 42, java.time.Duration.ofMinutes(10),
                List.of("kill-primary", "blackhole")));
        assertThat(config(true, "--schedule", "random", "--duration", "1m").schedule().faults())
                .as("--direct writers bypass the service: no blackhole").containsExactly("kill-primary");
        assertThat(config(false, "--schedule", "random", "--duration", "1m", "--faults", "semisync-timeout-kill,"
                + "kill-primary").schedule().faults()).containsExactly("semisync-timeout-kill", "kill-primary");
        assertThat(config(false, "--schedule", "random", "--duration", "1m").schedule().seed())
                .as("a seed is drawn when none is given").isNotNegative();
        assertThat(config(false, "--topology", "galera", "--schedule", "random", "--duration", "1m").schedule()
                .faults()).containsExactly("kill-primary", "blackhole", "kill-all");
        assertThat(config(false).schedule().random()).isFalse();
    }

    @Test
    void aRandomSchedulesOptionsAreCheckedWithOneLine() {
        assertThatThrownBy(() -> config(false, "--schedule", "random")).isInstanceOf(ConfigException.class)
                .hasMessage("--schedule random needs --duration (how long to break the cluster, e.g. 30m)");
        assertThatThrownBy(() -> config(false, "--schedule", "random", "--duration", "1m", "--scenario", "blackhole"))
                .hasMessage("--scenario sets the fixed schedule; --schedule random draws the faults for --duration:"
                        + " leave --scenario out (or choose them with --faults)");
        assertThatThrownBy(() -> config(false, "--seed", "3")).hasMessage("--seed belongs to a random schedule: add"
                + " --schedule random");
        assertThatThrownBy(() -> config(false, "--schedule", "sometimes")).hasMessageStartingWith(
                "invalid --schedule 'sometimes': expected fixed or random");
        assertThatThrownBy(() -> config(false, "--schedule", "random", "--duration", "1m", "--seed", "x"))
                .hasMessageStartingWith("invalid --seed 'x'");
        assertThatThrownBy(() -> config(false, "--schedule", "random", "--duration", "1m", "--faults", "kill-all"))
                .hasMessage("--faults kill-all does not apply to --topology replication: expected one of kill-primary,"
                        + " semisync-timeout-kill, blackhole");
        assertThatThrownBy(() -> config(false, "--schedule", "random", "--duration", "1m", "--recovery", "3s"))
                .hasMessage("--recovery sets the fixed schedule's; --schedule random draws each step's (a fault lasts"
                        + " 1 to 5 s, the writing after it 1 to 6 s): leave --recovery out");
    }

    /** lab serve takes its faults over HTTP: one node serves, with no scenario to promote a replica. */
    @Test
    void faultsOnDemandNeedNoScenarioThatApplies() {
        Map<LabSetting, String> one = new EnumMap<>(Map.of(LabSetting.NODES, "1"));
        assertThatThrownBy(() -> LabConfig.from(one, SCENARIOS, false, false, false))
                .hasMessage("--scenario kill-primary promotes a replica: it needs --nodes 2 or more");
        assertThat(LabConfig.from(one, SCENARIOS, false, false, false, false, true).nodes()).isEqualTo(1);
    }
}
