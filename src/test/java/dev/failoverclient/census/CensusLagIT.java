package dev.failoverclient.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.ConfigLoader;
import dev.failoverclient.config.Secret;
import dev.failoverclient.config.Setting;
import dev.failoverclient.history.History;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.lab.MariaDbInstallation;
import dev.failoverclient.lab.Replication;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.CensusReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replica lag with a known answer: a 2-node lab whose replica stops applying while the primary
 * commits exactly {@link #BEHIND} transactions. The census must report that replica, and only it,
 * that many transactions behind at most, and the primary not at all.
 */
class CensusLagIT {
    private static final int BEHIND = 25;

    @TempDir
    Path dir;

    @Test
    void aReplicaThatStopsApplyingIsExactlyAsFarBehindAsThePrimaryWrote() throws Exception {
        Secret password = new Secret("lag-pw");
        Clock clock = Clock.systemUTC();
        RunFolder folder = new RunFolder(dir.resolve("run")).create();
        try (Lab lab = Lab.start(2, Replication.ASYNC, MariaDbInstallation.embedded(MariaDbInstallation.defaultCache()),
                dir.resolve("nodes"), folder.events(), clock, password, false)) {
            LabNode primary = lab.nodes().get(0);
            LabNode replica = lab.nodes().get(1);
            primary.exec("CREATE TABLE test.lag (id INT PRIMARY KEY)");
            await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp(primary, replica));
            ClientConfig credentials = ConfigLoader.load(Map.of(Setting.USER, Lab.APP_USER, Setting.PASSWORD,
                    password.reveal(), Setting.DATABASE, Lab.APP_DATABASE), Map.of(), () -> "census");
            List<String> warnings = new CopyOnWriteArrayList<>();
            try (LedgerWriter ledger = new LedgerWriter(folder.ledger("none"), "none", 0);
                 Census census = Census.start(lab.nodes().stream().map(LabNode::endpoint).toList(), credentials,
                         Duration.ofMillis(100), folder.census(), clock, warnings::add, o -> { })) {
                await().atMost(Duration.ofSeconds(30)).until(() -> polled(folder, 3)); // census_start and both nodes
                replica.exec("STOP SLAVE SQL_THREAD");
                for (int i = 1; i <= BEHIND; i++) {
                    primary.exec("INSERT INTO test.lag VALUES (" + i + ")");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> recorded(folder, "\"behind_trx\":" + BEHIND));
                replica.exec("START SLAVE SQL_THREAD");
                await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp(primary, replica));
                ledger.stopped(0);
            }
            assertThat(warnings).isEmpty();
            CensusReport report = Analysis.run(History.read(folder.root(), List.of()), null, List.of(), false)
                    .census();
            assertThat(report.replicaLag().keySet()).containsExactly(replica.endpoint().toString());
            CensusReport.Lag lag = report.replicaLag().get(replica.endpoint().toString());
            assertThat(lag.trxMax()).isEqualTo(BEHIND);
            assertThat(report.promotions()).isEmpty();
            assertThat(report.splitBrain()).isEmpty();
            assertThat(report.noPrimary()).isEmpty();
        }
    }

    /** Plain SQL: the replica applied everything the primary's binary log holds. */
    private static boolean caughtUp(LabNode primary, LabNode replica) {
        return primary.query("SELECT @@gtid_binlog_pos").equals(replica.query("SELECT @@gtid_slave_pos"));
    }

    private static boolean polled(RunFolder folder, int records) throws Exception {
        return Files.readAllLines(folder.census()).size() >= records;
    }

    private static boolean recorded(RunFolder folder, String fragment) throws Exception {
        return Files.readAllLines(folder.census()).stream().anyMatch(l -> l.contains(fragment));
    }
}
