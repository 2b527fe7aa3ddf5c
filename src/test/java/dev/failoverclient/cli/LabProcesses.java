package dev.failoverclient.cli;

import java.nio.file.Path;
import java.util.List;

/** Finds server processes whose command line names a folder: what a lab left behind. */
final class LabProcesses {
    private LabProcesses() {
    }

    static List<String> under(Path dir) {
        return named(dir.toAbsolutePath().toString());
    }

    /** Galera nodes of any lab: as root they live in a folder of their own (cli/LabSession.java). */
    static List<String> galera() {
        return named("mariadb-failover-galera-");
    }

    private static List<String> named(String part) {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains("mariadbd") && cmd.contains(part))
                .toList();
    }
}
