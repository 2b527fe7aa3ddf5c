package dev.failoverclient.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Validated settings of the {@code lab} command. Scenario and replication stay text here (their
 * types live in the lab package); {@link #from} checks them against the allowed names.
 *
 * @param runDir   {@code null} = {@code runs/<UTC timestamp>-lab}
 * @param basedir  an installed server; {@code null} = the embedded MariaDB 11.4.5
 * @param direct   writers get every node and find the primary themselves instead of using the service
 */
public record LabConfig(int nodes, String replication, String scenario, int repeat, int clients,
                        Duration writeInterval, Duration warmup, Duration recovery, Duration faultDuration,
                        Path basedir, boolean keep, boolean direct, Path runDir, Path json) {

    /** Option names and defaults, in the order of {@code lab --help}. */
    public static final Map<String, String> DEFAULTS = orderedDefaults();

    /**
     * @param flags        option values by name ({@code --nodes} …), absent = default
     * @param scenarios    the valid scenario names
     * @param failover     the scenarios that need a replica to promote
     */
    public static LabConfig from(Map<String, String> flags, Set<String> scenarios, Set<String> failover,
                                 boolean keep, boolean direct) {
        int nodes = integer(flags, "--nodes", 1, 9);
        String replication = value(flags, "--replication");
        if (!replication.equals("async") && !replication.equals("semisync")) {
            throw new ConfigException("invalid --replication '" + replication + "': expected async or semisync");
        }
        String scenario = value(flags, "--scenario");
        if (!scenarios.contains(scenario)) {
            throw new ConfigException("unknown --scenario '" + scenario + "': expected one of "
                    + String.join(", ", scenarios));
        }
        if (failover.contains(scenario) && nodes < 2) {
            throw new ConfigException("--scenario " + scenario + " promotes a replica: it needs --nodes 2 or more");
        }
        Path basedir = flags.containsKey("--mariadb-basedir")
                ? ConfigLoader.path(flags.get("--mariadb-basedir"), "--mariadb-basedir") : null;
        if (basedir != null && !Files.isDirectory(basedir)) {
            throw new ConfigException("--mariadb-basedir " + flags.get("--mariadb-basedir") + " is not a folder: give the prefix of an"
                    + " installed MariaDB server (e.g. /usr), or leave it out to use the embedded 11.4.5");
        }
        String runDir = flags.get("--run-dir");
        String json = flags.get("--json");
        return new LabConfig(nodes, replication, scenario, integer(flags, "--repeat", 1, 100),
                integer(flags, "--clients", 1, 50), duration(flags, "--write-interval", true),
                duration(flags, "--warmup", true), duration(flags, "--recovery", false),
                duration(flags, "--fault-duration", false), basedir, keep, direct,
                runDir == null ? null : ConfigLoader.path(runDir, "--run-dir"),
                json == null ? null : ConfigLoader.path(json, "--json"));
    }

    private static Map<String, String> orderedDefaults() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("--nodes", "3");
        m.put("--replication", "semisync");
        m.put("--scenario", "kill-primary");
        m.put("--repeat", "1");
        m.put("--clients", "2");
        m.put("--write-interval", "0.05");
        m.put("--warmup", "2s");
        m.put("--recovery", "3s");
        m.put("--fault-duration", "2s");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String value(Map<String, String> flags, String name) {
        return flags.getOrDefault(name, DEFAULTS.get(name)).trim();
    }

    private static int integer(Map<String, String> flags, String name, int min, int max) {
        String text = value(flags, name);
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("invalid " + name + " '" + text + "': expected a whole number " + min + " to " + max);
    }

    private static Duration duration(Map<String, String> flags, String name, boolean zeroAllowed) {
        String text = value(flags, name);
        Duration d = Durations.parse(text);
        if (d == null || (!zeroAllowed && d.isZero())) {
            throw new ConfigException("invalid " + name + " '" + text + "': expected " + (zeroAllowed ? "zero or " : "")
                    + "a positive duration in seconds (1.5) or with a unit (250ms, 30s, 5m)");
        }
        return d;
    }
}
