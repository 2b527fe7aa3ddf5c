package dev.failoverclient.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds server processes whose command line names a folder: what a lab left behind. */
final class LabProcesses {
    private LabProcesses() {
    }

    static List<String> under(Path dir) {
        return named(dir.toAbsolutePath().toString());
    }

    private static final Pattern GALERA_FOLDER = Pattern.compile("mariadb-failover-galera-[0-9]+");

    /**
     * Galera nodes of any lab: as root they live in a folder of their own (cli/LabSession.java), so a
     * test compares these folders before and after it (another lab on the machine keeps its own).
     */
    private static List<String> galera() {
        return named("mariadb-failover-galera-");
    }

    /** The folders of the running Galera nodes. */
    static Set<String> galeraFolders() {
        Set<String> folders = new TreeSet<>();
        for (String cmd : galera()) {
            Matcher m = GALERA_FOLDER.matcher(cmd);
            if (m.find()) {
                folders.add(m.group());
            }
        }
        return folders;
    }

    private static List<String> named(String part) {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains("mariadbd") && cmd.contains(part))
                .toList();
    }
}
