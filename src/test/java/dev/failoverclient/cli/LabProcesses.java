package dev.failoverclient.cli;

import java.nio.file.Path;
import java.util.List;

/** Finds server processes whose command line names a folder: what a lab left behind. */
final class LabProcesses {
    private LabProcesses() {
    }

    static List<String> under(Path dir) {
        String path = dir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains("mariadbd") && cmd.contains(path))
                .toList();
    }
}
