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
import dev.failoverclient.report.JepsenHistory;
import dev.failoverclient.verify.Node;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code export --format jepsen}: a run's history as Jepsen operations ({@link JepsenHistory}), with
 * a final read of every node given (the primary, found as {@code run} finds it, last), so that Elle's
 * and Knossos's set checkers can check the run without this tool.
 */
final class ExportCommand {
    static final String NAME = "export";
    private static final Set<Setting> OPTIONS = EnumSet.of(Setting.HOST, Setting.PORT, Setting.NODES, Setting.USER,
            Setting.PASSWORD, Setting.PASSWORD_FILE, Setting.DATABASE, Setting.SSL_MODE, Setting.SSL_CA,
            Setting.SSL_CERT, Setting.SSL_KEY, Setting.CONNECT_TIMEOUT, Setting.SOCKET_TIMEOUT, Setting.RUN_DIR);

    private ExportCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = Options.command(NAME);
        spec.usageMessage().description("Write a run's history for other checkers: --format jepsen (Jepsen"
                + " operations, one JSON object a line, for Elle's and Knossos's set checkers), with a final read of"
                + " the primary and of every --nodes node.");
        Options.add(spec, OPTIONS);
        spec.addOption(OptionSpec.builder("--format").type(String.class).paramLabel("<format>").required(true)
                .description("jepsen").build());
        spec.addOption(OptionSpec.builder("--output").type(String.class).paramLabel("<file>")
                .description("Write here instead of standard output").build());
        spec.addOption(OptionSpec.builder("--no-read").arity("0")
                .description("The attempts only: no final read, no server needed").build());
        return spec;
    }

    static ExitCode execute(ParseResult parsed, Map<String, String> env, PrintStream out) {
        String format = parsed.matchedOptionValue("--format", "");
        if (!format.equals("jepsen")) {
            throw new ConfigException("invalid --format '" + format + "': expected jepsen");
        }
        boolean read = !parsed.hasMatchedOption("--no-read");
        // Without the final read no server is asked, so neither a password nor a host is needed.
        ClientConfig config = read ? ConfigLoader.load(Options.given(parsed, OPTIONS), env, () -> "export") : null;
        Path runDir = read ? config.runDir() : ConfigLoader.runDir(Options.given(parsed, OPTIONS), env);
        if (runDir == null) {
            throw new ConfigException("export needs --run-dir DIR (a folder written by run or lab)");
        }
        History history = History.read(runDir, List.of());
        String output = parsed.matchedOptionValue("--output", null);
        List<Connector.Session> sessions = new ArrayList<>();
        try (OutputStream file = output == null ? null : Files.newOutputStream(Path.of(output))) {
            // Standard output stays open for Main; a file is closed here.
            OutputStream to = new BufferedOutputStream(file == null ? out : file);
            List<Node> nodes = new ArrayList<>();
            if (read) {
                Connector connector = new Connector(config);
                Connector.Session primary;
                try (PrimaryLocator locator = new PrimaryLocator(connector, config)) {
                    primary = locator.locate();
                }
                sessions.add(primary);
                for (Endpoint e : config.nodes()) {
                    Connector.Session s = connector.open(e);
                    sessions.add(s);
                    if (s.identity().serverId() != primary.identity().serverId()) {
                        nodes.add(Verification.node(e.toString(), s.connection()));
                    }
                }
                nodes.add(Verification.node(primary.identity().endpoint().toString(), primary.connection()));
            }
            JepsenHistory.write(history, nodes, to);
            to.flush();
            if (file == null && out.checkError()) {
                // A PrintStream keeps its errors to itself: a closed pipe or a full disk shows only here.
                throw new IOException("the output was cut short");
            }
            return ExitCode.PASS;
        } catch (ConnectException e) {
            throw new Failure(ExitCode.INCOMPLETE, e.getMessage(), e);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "its folder does not exist"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
            throw new Failure(ExitCode.USAGE, "cannot write " + (output == null ? "standard output" : output) + ": "
                    + why + " (choose another --output)", e);
        } finally {
            sessions.forEach(Connector.Session::close);
        }
    }
}
