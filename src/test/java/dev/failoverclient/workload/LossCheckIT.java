package dev.failoverclient.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.testsupport.LocalServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The online check against rows planted with plain SQL: each finding exactly, and once. */
class LossCheckIT {
    @RegisterExtension
    final LocalServer server = LocalServer.extension();

    @Test
    void findsTheMissingTheDoubledAndTheRefusedButStoredOnce() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + LocalServer.HOST + ":" + LocalServer.PORT
                + "/" + server.database(), server.user(), server.password())) {
            FailoverTable.ensure(c, server.database());
            try (Statement s = c.createStatement()) {
                // acknowledged 1, 2, 4, 5 (3 lost; 4 stored twice), refused 6 (stored) and 7 (not), 8 is another client's
                for (long seq : new long[] {1, 2, 4, 4, 5, 6}) {
                    s.execute("INSERT INTO failover_test (client_id, sequence, write_timestamp, hostname) VALUES"
                            + " ('c', " + seq + ", NOW(6), 'planted')");
                }
                s.execute("INSERT INTO failover_test (client_id, sequence, write_timestamp, hostname) VALUES"
                        + " ('c ', 3, NOW(6), 'another client')");
            }
            LossCheck check = new LossCheck(100, "c");
            for (long seq : new long[] {1, 2, 3, 4, 5}) {
                check.acknowledged(seq);
            }
            check.refused(6);
            check.refused(7);

            LossCheck.Found found = check.check(c, false);
            assertThat(found.missing()).containsExactly(3L);
            assertThat(found.duplicates()).containsExactly(4L);
            assertThat(found.unexpected()).containsExactly(6L);
            assertThat(check.check(c, false)).as("each finding is reported once")
                    .isEqualTo(new LossCheck.Found(List.of(), List.of(), List.of()));
        }
    }
}
