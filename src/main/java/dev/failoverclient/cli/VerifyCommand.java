package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.ConfigLoader;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.config.Setting;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.PrimaryLocator;
import dev.failoverclient.history.History;
import dev.failoverclient.report.TextReport;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.Node;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code verify}: re-checks a saved run folder against the target server (the primary) and, with
 * {@code --nodes}, against every listed node; or, with {@code --no-ledger}, runs the seed's gap
 * analysis on rows written by another tool.
 */
final class VerifyCommand {
    static final String NAME = "verify";
    static final Set<Setting> OPTIONS = EnumSet.of(Setting.HOST, Setting.PORT, Setting.NODES, Setting.USER,
            Setting.PASSWORD, Setting.PASSWORD_FILE, Setting.DATABASE, Setting.SSL_MODE, Setting.SSL_CA,
            Setting.SSL_CERT, Setting.SSL_KEY, Setting.CONNECT_TIMEOUT, Setting.SOCKET_TIMEOUT,
            Setting.JSON, Setting.JUNIT, Setting.TRANSACTION_ROWS);

    private VerifyCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = Options.command(NAME);
        spec.usageMessage().description("Check a run's ledgers against the rows stored on the servers.",
                "Exit codes: 0 PASS, 1 lost / duplicate / unexpected writes (duplicates with --no-ledger),"
                        + " 2 bad input, 3 a server could not be read, or UNKNOWN (gaps only, with --no-ledger).");
        Options.add(spec, OPTIONS);
        // Repeatable, unlike run's: the folders of several clients (a fleet's pods) make one verdict.
        spec.addOption(OptionSpec.builder(Setting.RUN_DIR.flag()).type(String[].class).paramLabel("<dir>")
                .description("A run folder to check (env " + Setting.RUN_DIR.env() + "); repeat it for several"
                        + " (a fleet's pods, copied out): one verdict over all of them").build());
        spec.addOption(OptionSpec.builder("--strict-replicas").arity("0")
                .description("Fail the run when another node differs, not only the primary").build());
        spec.addOption(OptionSpec.builder("--no-ledger").arity("0")
                .description("No ledger: the seed's gap analysis of the table (gaps are ambiguous)").build());
        spec.addOption(OptionSpec.builder("--client-id").type(String[].class).paramLabel("<id>")
                .description("With --no-ledger, or to select ledgers: only this client (repeatable)").build());
        spec.addOption(OptionSpec.builder("--client-id-prefix").type(String.class).paramLabel("<prefix>")
                .description("With --no-ledger: only clients whose id starts with this").build());
        return spec;
    }

    static ExitCode execute(ParseResult parsed, Map<String, String> env, PrintStream out) {
        Map<Setting, String> given = Options.given(parsed, OPTIONS);
        String[] runDirs = parsed.matchedOptionValue(Setting.RUN_DIR.flag(), new String[0]);
        if (runDirs.length > 0) {
            given.put(Setting.RUN_DIR, runDirs[0]); // validated through the one config path, each in turn below
        }
        ClientConfig config = ConfigLoader.load(given, env, () -> "verify");
        List<Path> folders = new ArrayList<>();
        for (String d : runDirs) {
            given.put(Setting.RUN_DIR, d);
            folders.add(ConfigLoader.load(given, env, () -> "verify").runDir());
        }
        if (folders.isEmpty() && config.runDir() != null) {
            folders.add(config.runDir());
        }
        List<Endpoint> nodes = config.nodes();
        List<String> clientIds = List.of(parsed.matchedOptionValue("--client-id", new String[0]));
        if (parsed.hasMatchedOption("--no-ledger")) {
            return NoLedgerVerify.execute(config, clientIds, parsed.matchedOptionValue("--client-id-prefix", null),
                    out);
        }
        if (given.containsKey(Setting.TRANSACTION_ROWS)) {
            throw new ConfigException(Setting.TRANSACTION_ROWS.flag() + " is for verify --no-ledger: a run's ledger"
                    + " records every transaction's rows");
        }
        if (folders.isEmpty()) {
            throw new ConfigException("verify needs --run-dir DIR (a folder written by run), or --no-ledger");
        }
        History history = History.read(folders, clientIds);
        Connector connector = new Connector(config);
        List<Connector.Session> sessions = new ArrayList<>();
        try {
            Connector.Session primary;
            try (PrimaryLocator locator = new PrimaryLocator(connector, config)) {
                primary = locator.locate();
            }
            sessions.add(primary);
            List<Node> others = new ArrayList<>();
            for (Endpoint endpoint : nodes) {
                Connector.Session s = connector.open(endpoint);
                sessions.add(s);
                if (s.identity().serverId() != primary.identity().serverId()) { // the primary itself, listed too
                    others.add(Verification.node(endpoint + " (server_id " + s.identity().serverId() + ")",
                            s.connection()));
                }
            }
            Analysis analysis = Analysis.run(history, Verification.node(primary.identity().endpoint().toString(),
                    primary.connection()), others, parsed.hasMatchedOption("--strict-replicas"));
            out.println("Primary: " + primary.identity().endpoint() + " (server_id " + primary.identity().serverId()
                    + ")");
            out.println(TextReport.format(analysis));
            Path report = history.root().resolve("report.html");
            if (history.folders() > 1) {
                out.println("note: " + history.folders() + " run folders: no report.html (it belongs in one folder);"
                        + " --json and --junit hold the verdict over all of them");
                report = null;
            } else if (!Files.isWritable(history.root())) {
                out.println("note: " + history.root() + " is not writable: no report.html");
                report = null;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("command", "verify");
            parameters.put("primary", primary.identity().endpoint() + " (server_id " + primary.identity().serverId()
                    + ")");
            parameters.put("other nodes", nodes.toString());
            parameters.put("run folder", folders.stream().map(Path::toString).collect(Collectors.joining(", ")));
            Verification.write(analysis, new Verification.Outputs("verify " + history.root().getFileName(), parameters,
                    List.of(), null, config.json(), report, config.junit()), Map.of());
            return analysis.conclusion().exitCode();
        } catch (ConnectException e) {
            throw new Failure(ExitCode.INCOMPLETE, e.getMessage(), e);
        } finally {
            sessions.forEach(Connector.Session::close);
        }
    }
}
