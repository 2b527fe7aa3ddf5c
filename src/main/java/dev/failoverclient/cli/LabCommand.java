package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.StopSignal;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.LabSetting;
import dev.failoverclient.lab.Fault;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code lab}: a complete failover test on real MariaDB nodes started on this machine. */
final class LabCommand {
    static final String NAME = "lab";

    private LabCommand() {
    }

    static final String SERVE = "serve";

    static CommandSpec spec() {
        CommandSpec spec = options(Options.command(NAME), EnumSet.complementOf(EnumSet.of(LabSetting.SERVICE_PORT,
                LabSetting.READ_PORT)), Map.of());
        spec.usageMessage().description("Start a MariaDB cluster on this machine, write through a service proxy,"
                + " inject a fault, verify every node and print the verdict.",
                "Exit codes: 0 PASS, 1 lost / duplicate / unexpected writes, 2 bad option, 3 the lab could not run.",
                "lab serve: keep the cluster up for any client, its faults on demand over HTTP (lab serve --help).");
        CommandSpec serve = options(Options.command(SERVE), SERVE_SETTINGS, Map.of(LabSetting.CLIENTS,
                "the lab's own writers, with GET /verdict (default 0: none)"));
        serve.usageMessage().description("Start the lab's cluster and keep it up until Ctrl-C or SIGTERM for any"
                + " client: prints the service, the read endpoint, each node and a user; --http-port serves the"
                + " control: GET /status, POST /faults/<scenario>[?duration=2s], POST /heal, GET /events, GET /metrics.",
                "--clients N adds the lab's own writers (default: none) and GET /verdict.");
        spec.addSubcommand(SERVE, serve);
        return spec;
    }

    /** What shapes a lab run's schedule and outputs; {@code lab serve} takes its faults over HTTP and writes neither. */
    private static final Set<LabSetting> SERVE_SETTINGS = EnumSet.complementOf(EnumSet.of(LabSetting.SCENARIO,
            LabSetting.REPEAT, LabSetting.SCHEDULE, LabSetting.SEED, LabSetting.DURATION, LabSetting.FAULTS,
            LabSetting.WARMUP, LabSetting.RECOVERY, LabSetting.JSON, LabSetting.JUNIT));

    /** The lab's options, for {@code lab} and {@code lab serve}. */
    private static CommandSpec options(CommandSpec spec, Set<LabSetting> settings, Map<LabSetting, String> help) {
        Options.addLab(spec, Fault.all().stream().map(Fault::name).collect(Collectors.joining(", ")), settings, help);
        spec.addOption(OptionSpec.builder("--direct").arity("0")
                .description("Writers get every node and find the primary themselves (no service proxy)").build());
        spec.addOption(OptionSpec.builder("--tls").arity("0")
                .description("Every node requires TLS (the lab's own CA and certificates, replication included);"
                        + " the writers verify the nodes' certificates").build());
        spec.addOption(OptionSpec.builder("--read-check").arity("0").description("Writers read every acknowledged write"
                + " back, on their own connection and on the lab's read endpoint (a replica)").build());
        spec.addOption(OptionSpec.builder("--keep").arity("0").description("Keep the nodes' data directories").build());
        return spec;
    }

    /** The lab options, validated against the faults this build has. */
    static LabConfig config(Map<LabSetting, String> flags, boolean keep, boolean direct, boolean tls) {
        return config(flags, keep, direct, tls, false);
    }

    static LabConfig config(Map<LabSetting, String> flags, boolean keep, boolean direct, boolean tls,
                            boolean readCheck) {
        return config(flags, keep, direct, tls, readCheck, false);
    }

    /** {@code onDemand}: for {@code lab serve}, whose faults come over HTTP. */
    private static LabConfig config(Map<LabSetting, String> flags, boolean keep, boolean direct, boolean tls,
                                    boolean readCheck, boolean onDemand) {
        return LabConfig.from(flags, Fault.all().stream().map(Fault::scenario).toList(), keep, direct, tls,
                readCheck, onDemand);
    }

    static ExitCode execute(ParseResult parsed, PrintStream out) {
        if (parsed.subcommand() != null) {
            ParseResult serve = parsed.subcommand();
            Map<LabSetting, String> flags = Options.givenLab(serve);
            LabConfig config = config(flags, serve.hasMatchedOption("--keep"), serve.hasMatchedOption("--direct"),
                    serve.hasMatchedOption("--tls"), serve.hasMatchedOption("--read-check"), true);
            StopSignal stop = new StopSignal();
            StopSignals.onTermOrInt(stop::request);
            return LabServe.execute(config, flags.containsKey(LabSetting.CLIENTS) ? config.clients() : 0, out, stop);
        }
        LabConfig config = config(Options.givenLab(parsed), parsed.hasMatchedOption("--keep"),
                parsed.hasMatchedOption("--direct"), parsed.hasMatchedOption("--tls"),
                parsed.hasMatchedOption("--read-check"));
        LabSession session = new LabSession(config, Clock.systemDefaultZone(), out);
        // A signal the JVM keeps (-Xrs) ends it at once; the lab's shutdown hook still kills the nodes.
        StopSignals.onTermOrInt(session::abort);
        return session.run(lab -> { }).conclusion().exitCode();
    }
}
