package dev.failoverclient.cli;

import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.Secret;
import dev.failoverclient.lab.LabFiles;
import dev.failoverclient.lab.MariaDbInstallation;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.RunFolder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * What {@code lab} and {@code lab serve} prepare before a cluster starts, and clear when it stops:
 * the run folder (a new one: a lab run owns it), the MariaDB installation, the writers' password
 * (drawn at each start) and the nodes' folder.
 *
 * @param labDir   {@code <run folder>/nodes}
 * @param nodesDir where the nodes live: {@code labDir}, or for Galera run as root a folder the
 *                 account {@code mysql} can reach ({@link LabFiles#nodesDir})
 */
record LabStart(RunFolder folder, MariaDbInstallation install, Secret password, Path labDir, Path nodesDir) {

    /** Fails before a cluster is started for nothing when the folder already holds a run. */
    static LabStart prepare(LabConfig config, Clock clock, String name) {
        RunFolder folder = (config.runDir() == null ? RunFolder.defaultFor(clock.instant(), name)
                : new RunFolder(config.runDir())).create();
        if (!folder.ledgers().isEmpty() || Files.exists(folder.events())) {
            throw new LedgerException("run folder " + folder.root() + " already holds a run: choose a new --run-dir");
        }
        MariaDbInstallation install = config.basedir() == null
                ? MariaDbInstallation.embedded(MariaDbInstallation.defaultCache())
                : MariaDbInstallation.at(config.basedir());
        Secret password = new Secret(HexFormat.of().formatHex(new SecureRandom().generateSeed(12)));
        Path labDir = folder.root().resolve("nodes");
        return new LabStart(folder, install, password, labDir, LabFiles.nodesDir(labDir, config.galera()));
    }

    /**
     * After the nodes stopped: kept with {@code --keep}; removed after a completed run; after a failed
     * one only their logs stay, under {@code labDir}, where the error line that names one points.
     */
    void clear(boolean keep, boolean completed, PrintStream out) {
        if (keep) {
            out.println("Nodes kept in " + nodesDir);
        } else if (completed) {
            LabFiles.delete(nodesDir);
        } else {
            if (!nodesDir.equals(labDir)) {
                LabFiles.copyLogs(nodesDir, labDir);
            }
            LabFiles.deleteExcept(nodesDir, LabFiles::isLog);
        }
    }
}
