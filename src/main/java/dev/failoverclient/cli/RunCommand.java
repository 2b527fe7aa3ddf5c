package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.StopSignal;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.ConfigLoader;
import dev.failoverclient.config.Durations;
import dev.failoverclient.config.Setting;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.logging.LogConfigurator;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.workload.StatisticsBlock;
import dev.failoverclient.workload.Workload;
import dev.failoverclient.workload.WriterStats;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code run}: the continuous writer. Options come from {@link Setting}; on SIGTERM/SIGINT or
 * after {@code --duration} the writers finish their in-flight statement, the final statistics
 * are printed, the run is analysed against the server now holding the primary role and the
 * summary is written.
 */
final class RunCommand {
    static final String NAME = "run";
    private static final Logger LOG = LoggerFactory.getLogger("dev.failoverclient.writer");
    private static final Logger STATS = LoggerFactory.getLogger(LogConfigurator.STATS);

    private RunCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = Options.command(NAME);
        spec.usageMessage().description("Write rows with increasing sequence numbers until stopped (default command).",
                "Every option can also be set by its environment variable; a flag beats the environment.");
        Options.add(spec, EnumSet.allOf(Setting.class));
        return spec;
    }

    static ExitCode execute(ParseResult parsed, Map<String, String> env) {
        Clock clock = Clock.systemDefaultZone();
        ClientConfig config = ConfigLoader.load(Options.given(parsed, EnumSet.allOf(Setting.class)), env,
                () -> hostname(env));
        RunFolder folder = (config.runDir() == null ? RunFolder.defaultFor(clock.instant(), config.clientId())
                : new RunFolder(config.runDir())).create();
        StopSignal stop = new StopSignal();
        for (String name : StopSignals.onTermOrInt(stop::request)) {
            LOG.warn("Cannot handle SIG{}: stopping by it will skip the final statistics", name);
        }
        try (Assembly run = new Assembly(config, folder, clock, stop,
                new Assembly.Watch(config.nodes(), config.probeInterval(), LOG::warn), line -> LOG.info("{}", line),
                () -> outputs(config, folder))) {
            Workload.Result result = run.write();
            for (WriterStats.Snapshot s : result.clients()) {
                STATS.info(StatisticsBlock.format(s, clock.getZone()));
            }
            Analysis analysis = Verification.againstPrimary(run.history(), Verification.locating(config),
                    why -> LOG.error("Cannot verify the run at exit: {}; verify later with: verify --run-dir {}", why,
                            folder.root()));
            // What the ledgers hold up to a writer's failure is still checked and summarised.
            run.finish(analysis, result.fatal() == null ? Map.of() : Map.of("error", result.fatal()));
            if (result.fatal() != null) {
                throw new Failure(ExitCode.INCOMPLETE, result.fatal());
            }
            return analysis.conclusion().exitCode();
        }
    }

    /** The run's outputs: summary and report in the run folder, --json and --junit where asked. */
    private static Verification.Outputs outputs(ClientConfig c, RunFolder folder) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "run");
        p.put("servers", c.endpoints().toString());
        p.put("nodes watched", c.nodes().isEmpty() ? "none (--nodes)" : c.nodes().toString());
        p.put("user", c.user());
        p.put("database", c.database());
        p.put("clients", String.join(", ", c.clientIds()));
        p.put("write interval", Durations.format(c.writeInterval()));
        p.put("duration", c.duration() == null ? "until stopped" : Durations.format(c.duration()));
        p.put("connect / socket timeout", Durations.format(c.connectTimeout()) + " / "
                + Durations.format(c.socketTimeout()));
        p.put("probe interval", Durations.format(c.probeInterval()));
        p.put("run folder", folder.root().toString());
        return new Verification.Outputs("run " + folder.root().getFileName(), p, List.of(), folder.summary(), c.json(),
                folder.report(), c.junit());
    }

    private static String hostname(Map<String, String> env) {
        String fromEnv = env.get("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
