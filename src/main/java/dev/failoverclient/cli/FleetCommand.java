package dev.failoverclient.cli;

import dev.failoverclient.ExitCode;
import dev.failoverclient.Failure;
import dev.failoverclient.config.ConfigException;
import dev.failoverclient.config.Durations;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.http.Fleet;
import dev.failoverclient.verify.Conclusion;
import java.io.PrintStream;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code fleet}: one verdict for every client pod, from each one's live {@code /verdict}: what the
 * chart's {@code helm test} runs. One line per pod, then the fleet's verdict and its exit code.
 */
final class FleetCommand {
    static final String NAME = "fleet";

    private FleetCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = Options.command(NAME);
        spec.usageMessage().description("Ask every client pod's /verdict and give one verdict for the fleet.",
                "Exit codes: 0 every pod PASS, 1 a pod FAIL, 2 bad input, 3 a pod without a verdict.");
        spec.addOption(OptionSpec.builder("--service").type(String.class).paramLabel("<host[:port],...>")
                .required(true).description("The pods to ask: a name stands for every address it resolves to (a"
                        + " headless Service: every pod)").build());
        spec.addOption(OptionSpec.builder("--port").type(String.class).paramLabel("<port>")
                .description("Their HTTP port where an entry names none (default 8080)").build());
        spec.addOption(OptionSpec.builder("--expect").type(String.class).paramLabel("<pods>")
                .description("How many pods must answer: fewer is UNKNOWN (default: those found)").build());
        spec.addOption(OptionSpec.builder("--timeout").type(String.class).paramLabel("<duration>")
                .description("How long each pod may take to answer (default 60s: a verdict reads every row)")
                .build());
        return spec;
    }

    static ExitCode execute(ParseResult parsed, PrintStream out) {
        int port = number(parsed.matchedOptionValue("--port", "8080"), "--port", 1, 65_535);
        int expected = number(parsed.matchedOptionValue("--expect", "0"), "--expect", 0, 10_000);
        String timeoutText = parsed.matchedOptionValue("--timeout", "60s");
        Duration timeout = Durations.parse(timeoutText);
        if (timeout == null || timeout.isZero()) {
            throw new ConfigException("invalid --timeout '" + timeoutText + "': expected a duration such as 30s");
        }
        List<Endpoint> targets = Endpoint.parseList(parsed.matchedOptionValue("--service", ""), port, "--service");
        List<Fleet.Answer> answers;
        try {
            answers = Fleet.ask(targets, timeout);
        } catch (UnknownHostException e) {
            throw new Failure(ExitCode.INCOMPLETE, "cannot resolve " + e.getMessage() + " (--service): no pod to ask");
        }
        answers.forEach(a -> out.println(a.line()));
        Conclusion c = Fleet.conclusion(answers, expected);
        out.println(c.line());
        return c.exitCode();
    }

    private static int number(String text, String flag, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the line below says what is wrong
        }
        throw new ConfigException("invalid " + flag + " '" + text + "': expected a whole number " + min + " to " + max);
    }
}
