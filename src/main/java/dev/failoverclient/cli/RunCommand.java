package dev.failoverclient.cli;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.ConfigLoader;
import dev.failoverclient.config.Setting;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.ledger.Ledger;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.LedgerReader;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.report.Summary;
import dev.failoverclient.report.TextReport;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.verify.Conclusion;
import dev.failoverclient.workload.StartupException;
import dev.failoverclient.workload.StatisticsBlock;
import dev.failoverclient.workload.StopSignal;
import dev.failoverclient.workload.WriterStats;
import dev.failoverclient.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code run}: the continuous writer. Options come from {@link Setting}; on SIGTERM/SIGINT or
 * after {@code --duration} the writers finish their in-flight statement, the final statistics
 * are printed, the run is verified against the server and the summary is written.
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
        addOptions(spec, EnumSet.allOf(Setting.class));
        return spec;
    }

    /** Adds one String option per setting, its help naming the env var and the default. */
    static void addOptions(CommandSpec spec, Set<Setting> settings) {
        for (Setting s : settings) {
            String help = s.description() + " (env " + s.env()
                    + (s.defaultValue() == null ? "" : ", default " + s.defaultValue()) + ")";
            spec.addOption(OptionSpec.builder(s.flag()).type(String.class).paramLabel("<value>")
                    .description(help).build());
        }
    }

    static Map<Setting, String> flags(ParseResult parsed, Set<Setting> settings) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting s : settings) {
            String value = parsed.matchedOptionValue(s.flag(), null);
            if (value != null) {
                flags.put(s, value);
            }
        }
        return flags;
    }

    static int execute(ParseResult parsed, Map<String, String> env, PrintStream err) {
        Clock clock = Clock.systemDefaultZone();
        ClientConfig config;
        RunFolder folder;
        try {
            config = ConfigLoader.load(flags(parsed, EnumSet.allOf(Setting.class)), env, () -> hostname(env));
            folder = (config.runDir() == null ? RunFolder.defaultFor(clock.instant(), config.clientId())
                    : new RunFolder(config.runDir())).create();
            for (String id : config.clientIds()) {
                if (java.nio.file.Files.exists(folder.ledger(id))) {
                    // Appending would mix two runs' attempts of the same sequences in one ledger.
                    throw new LedgerException("run folder " + folder.root() + " already holds a ledger of client " + id
                            + ": choose a new --run-dir (or leave it out for a fresh runs/<timestamp>-<id> folder)");
                }
            }
        } catch (ConfigException | LedgerException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        StopSignal stop = new StopSignal();
        for (String name : StopSignals.onTermOrInt(stop::request)) {
            LOG.warn("Cannot handle SIG{}: stopping by it will skip the final statistics", name);
        }
        Workload.Result result;
        try {
            result = new Workload(config, folder, clock, stop).run();
        } catch (StartupException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INCOMPLETE;
        } catch (LedgerException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        for (WriterStats.Snapshot s : result.clients()) {
            STATS.info(StatisticsBlock.format(s, clock.getZone()));
        }
        long onlineLost = result.clients().stream().mapToLong(WriterStats.Snapshot::lost).sum();
        Outcome outcome;
        try {
            outcome = verify(config, folder, onlineLost);
        } catch (LedgerException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        LOG.info("Run folder: {}", folder.root());
        if (result.fatal() != null) {
            // What the ledgers hold up to the failure is still checked and summarised.
            outcome.summary().with("error", result.fatal());
        }
        try {
            outcome.summary().write(folder.summary());
            if (config.json() != null) {
                outcome.summary().write(config.json());
            }
        } catch (IOException e) {
            err.println("error: cannot write the summary: " + e.getMessage());
            return ExitCode.INCOMPLETE;
        }
        if (result.fatal() != null) {
            err.println("error: " + result.fatal());
            return ExitCode.INCOMPLETE;
        }
        return outcome.conclusion().exitCode();
    }

    private record Outcome(Conclusion conclusion, Summary summary) {
    }

    /** Checks the whole run against the server now holding the primary role. */
    private static Outcome verify(ClientConfig config, RunFolder folder, long onlineLost) {
        List<Ledger> ledgers = config.clientIds().parallelStream()
                .map(id -> LedgerReader.read(folder.ledger(id))).toList();
        long end = Ledger.runEndMicros(ledgers);
        try (Connector.Session session = new PrimaryLocator(new Connector(config), config).locate()) {
            List<ClientReport> reports = LedgerCheck.check(ledgers, session.connection(), Map.of());
            Conclusion conclusion = Conclusion.of(reports, false, onlineLost, 0);
            LOG.info("{}", TextReport.format(conclusion, reports, end));
            return new Outcome(conclusion, Summary.of(conclusion, ledgers, reports, onlineLost));
        } catch (ConnectException e) {
            LOG.error("Cannot verify the run at exit: {}; verify later with: verify --run-dir {}",
                    e.getMessage(), folder.root());
        } catch (SQLException e) {
            LOG.error("Cannot verify the run at exit: {}; verify later with: verify --run-dir {}",
                    Messages.errorTuple(e), folder.root());
        }
        Conclusion conclusion = Conclusion.of(List.of(), false, onlineLost, 1);
        LOG.info("{}", conclusion.line());
        return new Outcome(conclusion, Summary.of(conclusion, ledgers, List.of(), onlineLost));
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
