package dev.failoverclient.cli;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.ConfigLoader;
import dev.failoverclient.config.Endpoint;
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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    static final Set<Setting> CONNECTION = EnumSet.of(Setting.HOST, Setting.PORT, Setting.USER, Setting.PASSWORD,
            Setting.PASSWORD_FILE, Setting.DATABASE, Setting.CONNECT_TIMEOUT, Setting.SOCKET_TIMEOUT,
            Setting.RUN_DIR, Setting.JSON);

    private VerifyCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(NAME).mixinStandardHelpOptions(true);
        spec.usageMessage().description("Check a run's ledgers against the rows stored on the servers.",
                "Exit codes: 0 PASS, 1 lost / duplicate / unexpected writes (or gaps with --no-ledger),"
                        + " 2 bad input, 3 a server could not be read.");
        RunCommand.addOptions(spec, CONNECTION);
        spec.addOption(OptionSpec.builder("--nodes").type(String.class).paramLabel("host:port,...")
                .description("Also read every listed node individually (replicas, a demoted primary)").build());
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

    static int execute(ParseResult parsed, Map<String, String> env, PrintStream out, PrintStream err) {
        ClientConfig config;
        List<Endpoint> nodes;
        try {
            config = ConfigLoader.load(RunCommand.flags(parsed, CONNECTION), env, () -> "verify");
            String nodeList = parsed.matchedOptionValue("--nodes", null);
            nodes = nodeList == null ? List.of()
                    : Endpoint.parseList(nodeList, config.endpoints().get(0).port(), "--nodes");
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        List<String> clientIds = List.of(parsed.matchedOptionValue("--client-id", new String[0]));
        if (parsed.hasMatchedOption("--no-ledger")) {
            return NoLedgerVerify.execute(config, clientIds, parsed.matchedOptionValue("--client-id-prefix", null),
                    out, err);
        }
        if (config.runDir() == null) {
            err.println("error: verify needs --run-dir DIR (a folder written by run), or --no-ledger");
            return ExitCode.USAGE;
        }
        List<Ledger> ledgers;
        try {
            ledgers = ledgers(config.runDir(), clientIds);
        } catch (LedgerException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        for (Ledger l : ledgers) {
            if (l.truncatedTail()) {
                out.println("note: the ledger of " + l.clientId() + " ends in a cut-short line (client killed while"
                        + " writing it); that line was ignored");
            }
        }
        Connector connector = new Connector(config);
        List<Connector.Session> sessions = new ArrayList<>();
        try {
            Connector.Session primary = new PrimaryLocator(connector, config).locate();
            sessions.add(primary);
            Map<String, java.sql.Connection> others = new LinkedHashMap<>();
            for (Endpoint node : nodes) {
                Connector.Session s = connector.open(node);
                sessions.add(s);
                if (s.identity().serverId() == primary.identity().serverId()) {
                    continue; // the primary itself, listed among the nodes
                }
                others.put(node + " (server_id " + s.identity().serverId() + ")", s.connection());
            }
            List<ClientReport> reports = LedgerCheck.check(ledgers, primary.connection(), others);
            long onlineLost = ledgers.stream().mapToLong(l -> l.losses().size()).sum();
            Conclusion conclusion = Conclusion.of(reports, parsed.hasMatchedOption("--strict-replicas"), onlineLost, 0);
            long end = Ledger.runEndMicros(ledgers);
            out.println("Primary: " + primary.identity().endpoint() + " (server_id " + primary.identity().serverId()
                    + ")");
            out.println(TextReport.format(conclusion, reports, end));
            Summary summary = Summary.of(conclusion, ledgers, reports, onlineLost);
            if (config.json() != null) {
                summary.write(config.json());
            }
            return conclusion.exitCode();
        } catch (ConnectException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.INCOMPLETE;
        } catch (SQLException e) {
            err.println("error: cannot read rows: " + Messages.errorTuple(e));
            return ExitCode.INCOMPLETE;
        } catch (IOException e) {
            err.println("error: cannot write " + config.json() + ": " + e.getMessage());
            return ExitCode.INCOMPLETE;
        } finally {
            sessions.forEach(Connector.Session::close);
        }
    }

    private static List<Ledger> ledgers(Path dir, List<String> clientIds) {
        if (!Files.isDirectory(dir)) {
            throw new LedgerException("run folder " + dir + " does not exist or is not a folder");
        }
        List<Ledger> ledgers = new RunFolder(dir).ledgers().parallelStream().map(LedgerReader::read)
                .filter(l -> clientIds.isEmpty() || clientIds.contains(l.clientId())).toList();
        if (ledgers.isEmpty()) {
            throw new LedgerException("no ledger" + (clientIds.isEmpty() ? "" : " of " + clientIds) + " in " + dir
                    + " (ledger-<client>.jsonl): is it a run folder? Without a ledger use --no-ledger");
        }
        return ledgers;
    }
}
