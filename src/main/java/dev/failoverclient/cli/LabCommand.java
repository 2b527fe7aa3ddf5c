package dev.failoverclient.cli;

import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.lab.LabException;
import dev.failoverclient.lab.Scenario;
import dev.failoverclient.ledger.LedgerException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code lab}: a complete failover test on real MariaDB nodes started on this machine. */
final class LabCommand {
    static final String NAME = "lab";
    private static final Map<String, String> HELP = Map.of(
            "--nodes", "MariaDB nodes to start (1 to 9)",
            "--replication", "async or semisync (AFTER_SYNC, master side only on the primary)",
            "--scenario", "fault: " + Arrays.stream(Scenario.values()).map(Scenario::label)
                    .collect(Collectors.joining(", ")),
            "--repeat", "cycles of the scenario, the topology healed between them",
            "--clients", "writers",
            "--write-interval", "seconds between writes of each writer",
            "--warmup", "writing time before the first fault",
            "--recovery", "writing time after each fault",
            "--fault-duration", "how long pause-primary and blackhole last");

    private LabCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(NAME).mixinStandardHelpOptions(true);
        spec.usageMessage().description("Start a MariaDB cluster on this machine, write through a service proxy,"
                + " inject a fault, verify every node and print the verdict.",
                "Exit codes: 0 PASS, 1 lost / duplicate / unexpected writes, 2 bad option, 3 the lab could not run.");
        LabConfig.DEFAULTS.forEach((name, def) -> spec.addOption(OptionSpec.builder(name).type(String.class)
                .paramLabel("<value>").description(HELP.get(name) + " (default " + def + ")").build()));
        spec.addOption(OptionSpec.builder("--mariadb-basedir").type(String.class).paramLabel("DIR")
                .description("Use an installed MariaDB (e.g. /usr) instead of the embedded 11.4.5").build());
        spec.addOption(OptionSpec.builder("--direct").arity("0")
                .description("Writers get every node and find the primary themselves (no service proxy)").build());
        spec.addOption(OptionSpec.builder("--keep").arity("0").description("Keep the nodes' data directories").build());
        spec.addOption(OptionSpec.builder("--run-dir").type(String.class).paramLabel("DIR")
                .description("Run folder (default runs/<UTC timestamp>-lab)").build());
        spec.addOption(OptionSpec.builder("--json").type(String.class).paramLabel("FILE")
                .description("Also write the JSON summary here").build());
        return spec;
    }

    /** Validates lab options against the scenarios this build has. */
    static LabConfig config(Map<String, String> flags, boolean keep, boolean direct) {
        Set<String> all = new LinkedHashSet<>();
        Set<String> failover = new LinkedHashSet<>();
        for (Scenario s : Scenario.values()) {
            all.add(s.label());
            if (s.changesPrimary()) {
                failover.add(s.label());
            }
        }
        LabConfig config = LabConfig.from(flags, all, failover, keep, direct);
        if (direct && Scenario.parse(config.scenario()).actsOnService()) {
            throw new ConfigException("--scenario " + config.scenario() + " acts on the service proxy, which --direct"
                    + " writers bypass: leave out --direct");
        }
        return config;
    }

    static int execute(ParseResult parsed, PrintStream out, PrintStream err) {
        Map<String, String> flags = new HashMap<>();
        List<String> names = new java.util.ArrayList<>(LabConfig.DEFAULTS.keySet());
        names.addAll(List.of("--mariadb-basedir", "--run-dir", "--json"));
        for (String name : names) {
            String v = parsed.matchedOptionValue(name, null);
            if (v != null) {
                flags.put(name, v);
            }
        }
        LabConfig config;
        try {
            config = config(flags, parsed.hasMatchedOption("--keep"), parsed.hasMatchedOption("--direct"));
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        LabSession session = new LabSession(config, Clock.systemDefaultZone(), out);
        // A signal the JVM keeps (-Xrs) ends it at once; the lab's shutdown hook still kills the nodes.
        StopSignals.onTermOrInt(session::abort);
        try {
            return session.run(lab -> { }).exitCode();
        } catch (LedgerException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (LabException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INCOMPLETE;
        }
    }
}
