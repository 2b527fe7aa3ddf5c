package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.logging.LogConfigurator;
import dev.failoverclient.report.Version;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Entry point: {@code mariadb-failover-client [run|verify|lab] [options]}; {@code run} is the default.
 * The one place a failure becomes output: one line {@code error: …} on stderr and the documented
 * exit code, never a stack trace (unless {@code --debug}).
 */
public final class Main {
    static final String NAME = "mariadb-failover-client";
    static final String DEBUG = "--debug";
    private static final List<String> TOP_LEVEL = List.of("-h", "--help", "-V", "--version");

    private Main() {
    }

    public static void main(String[] args) {
        LogConfigurator.ownStdout();
        System.exit(run(args, System.getenv()));
    }

    /** Runs a command and returns its exit code. */
    static int run(String[] args, Map<String, String> env) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        List<String> rest = new ArrayList<>(List.of(args));
        boolean debug = rest.remove(DEBUG);
        CommandLine cli = commandLine(rest.isEmpty() ? "" : rest.get(0));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(withDefaultCommand(rest.toArray(String[]::new), cli));
        } catch (CommandLine.UnmatchedArgumentException e) {
            // Only option names: a value after a mistyped --pasword is probably the password.
            List<String> options = e.getUnmatched().stream().filter(a -> a.startsWith("-"))
                    .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a).toList();
            err.println("error: " + (options.isEmpty() ? "unexpected argument" : "unknown option "
                    + String.join(", ", options)) + " (see --help)");
            return ExitCode.USAGE.code();
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage() + " (see --help)");
            return ExitCode.USAGE.code();
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return ExitCode.PASS.code();
        }
        ParseResult sub = parsed.subcommand();
        if (sub == null) {
            cli.usage(out);
            return ExitCode.USAGE.code();
        }
        try {
            ExitCode code = switch (sub.commandSpec().name()) {
                case VerifyCommand.NAME -> VerifyCommand.execute(sub, env, out);
                case LabCommand.NAME -> LabCommand.execute(sub, out);
                case FleetCommand.NAME -> FleetCommand.execute(sub, out);
                case ExportCommand.NAME -> ExportCommand.execute(sub, env, out);
                default -> RunCommand.execute(sub, env);
            };
            return code.code();
        } catch (Failure e) {
            err.println("error: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return e.exitCode().code();
        } catch (RuntimeException e) {
            // Last resort: a bug must still end in one line and a non-zero exit.
            err.println("error: unexpected " + e + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.INCOMPLETE.code();
        }
    }

    /**
     * The command line, with only the subcommand that {@code first} names (all of them for the
     * top-level help): building a command's options is most of a 100m-CPU pod's start.
     */
    static CommandLine commandLine(String first) {
        CommandSpec top = Options.command(NAME).version(NAME + " " + Version.current());
        top.usageMessage().description("Measures what a MariaDB failover did to acknowledged writes.",
                "Commands: run (default), verify, lab, fleet, export. Exit codes: 0 pass, 1 anomaly found, 2 usage or configuration"
                        + " error, 3 could not complete. " + DEBUG + " (anywhere) prints stack traces with errors.");
        CommandLine cli = new CommandLine(top);
        boolean all = TOP_LEVEL.contains(first);
        if (all || !List.of(VerifyCommand.NAME, LabCommand.NAME, FleetCommand.NAME, ExportCommand.NAME).contains(first)) {
            cli.addSubcommand(RunCommand.NAME, RunCommand.spec());
        }
        if (all || first.equals(VerifyCommand.NAME)) {
            cli.addSubcommand(VerifyCommand.NAME, VerifyCommand.spec());
        }
        if (all || first.equals(LabCommand.NAME)) {
            cli.addSubcommand(LabCommand.NAME, LabCommand.spec());
        }
        if (all || first.equals(FleetCommand.NAME)) {
            cli.addSubcommand(FleetCommand.NAME, FleetCommand.spec());
        }
        if (all || first.equals(ExportCommand.NAME)) {
            cli.addSubcommand(ExportCommand.NAME, ExportCommand.spec());
        }
        // The last occurrence of an option wins, as in most tools (lets scripts append overrides).
        cli.setOverwrittenOptionsAllowed(true);
        return cli;
    }

    /** The seed's invocation has no command word: anything that is not a command means {@code run}. */
    private static String[] withDefaultCommand(String[] args, CommandLine cli) {
        if (args.length > 0 && (cli.getSubcommands().containsKey(args[0]) || TOP_LEVEL.contains(args[0]))) {
            return args;
        }
        String[] withRun = new String[args.length + 1];
        withRun[0] = RunCommand.NAME;
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }
}
