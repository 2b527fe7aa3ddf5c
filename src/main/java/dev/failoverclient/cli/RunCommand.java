package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.StopSignal;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.ConfigLoader;
import dev.failoverclient.config.Setting;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.history.History;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.report.Summary;
import dev.failoverclient.report.TextReport;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.workload.StatisticsBlock;
import dev.failoverclient.workload.Workload;
import dev.failoverclient.workload.WriterStats;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.EnumSet;
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
    private static final Logger STATS = LoggerFactory.getLogger("dev.failoverclient.stats");

    private RunCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(NAME).mixinStandardHelpOptions(true);
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
        Workload.Result result = new Workload(config, folder, clock, stop).run();
        for (WriterStats.Snapshot s : result.clients()) {
            STATS.info(StatisticsBlock.format(s, clock.getZone()));
        }
        History history = History.of(folder, config.clientIds());
        Analysis analysis;
        try (Connector.Session primary = primaryAtExit(config, folder)) {
            analysis = Analysis.run(history, primary == null ? null
                    : Verification.node(primary.identity().endpoint().toString(), primary.connection()), List.of(),
                    false);
        } catch (Verification.UnreadableNode e) {
            LOG.error("Cannot verify the run at exit: {}; verify later with: verify --run-dir {}", e.getMessage(),
                    folder.root());
            analysis = Analysis.run(history, null, List.of(), false);
        }
        LOG.info("{}", TextReport.format(analysis));
        LOG.info("Run folder: {}", folder.root());
        Summary summary = Summary.of(analysis);
        if (result.fatal() != null) {
            // What the ledgers hold up to the failure is still checked and summarised.
            summary.with("error", result.fatal());
        }
        Verification.write(summary, folder.summary(), config.json());
        if (result.fatal() != null) {
            throw new Failure(ExitCode.INCOMPLETE, result.fatal());
        }
        return analysis.conclusion().exitCode();
    }

    /** The writable server to check the run against, or {@code null} (logged) when none answers. */
    private static Connector.Session primaryAtExit(ClientConfig config, RunFolder folder) {
        try {
            return new PrimaryLocator(new Connector(config), config).locate();
        } catch (ConnectException e) {
            LOG.error("Cannot verify the run at exit: {}; verify later with: verify --run-dir {}", e.getMessage(),
                    folder.root());
            return null;
        }
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
