package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GtidTest {
    @Test
    void aDemotedPrimarysDivergedBranchIsWhatItsBinlogStateHasBeyondTheNewPrimarys() {
        // The old primary (server 1) wrote 0-1-123 … 0-1-182 after the new one (server 2) stopped replicating.
        assertThat(Gtid.missingFrom("0-1-182", "0-1-122,0-2-200")).containsExactly("0-1-123…0-1-182");
        assertThat(Gtid.missingFrom("0-1-123", "0-1-122,0-2-200")).containsExactly("0-1-123");
        assertThat(Gtid.missingFrom("0-1-122,0-2-200", "0-1-122,0-2-200")).isEmpty();
        assertThat(Gtid.missingFrom("0-1-5,1-3-9", "0-1-5")).containsExactly("1-3-1…1-3-9");
        assertThat(Gtid.missingFrom(null, "0-1-5")).isEmpty();
        assertThat(Gtid.parse("0-1-5")).isEqualTo(new Gtid(0, 1, 5));
        assertThat(Gtid.parse("nonsense")).isNull();
    }

    @Test
    void durabilityWarningsNameTheSettingThatLosesWrites() {
        Durability safe = Durability.of(1, "db-0", Map.of("innodb_flush_log_at_trx_commit", "1", "sync_binlog", "1",
                "rpl_semi_sync_master_enabled", "ON", "rpl_semi_sync_master_wait_point", "AFTER_SYNC",
                "gtid_strict_mode", "ON"));
        assertThat(safe.warnings()).isEmpty();
        Durability risky = Durability.of(1, "db-0", Map.of("innodb_flush_log_at_trx_commit", "2", "sync_binlog", "0",
                "rpl_semi_sync_master_enabled", "OFF", "gtid_strict_mode", "OFF"));
        assertThat(risky.warnings()).hasSize(4).satisfiesExactly(
                w -> assertThat(w).startsWith("innodb_flush_log_at_trx_commit=2: ").contains("host"),
                w -> assertThat(w).startsWith("sync_binlog=0: "),
                w -> assertThat(w).startsWith("rpl_semi_sync_master_enabled=OFF: replication is asynchronous"),
                w -> assertThat(w).startsWith("gtid_strict_mode=OFF: "));
        assertThat(Durability.of(1, "db", Map.of("rpl_semi_sync_master_enabled", "ON", "rpl_semi_sync_master_timeout",
                "500", "rpl_semi_sync_master_wait_point", "AFTER_COMMIT")).warnings())
                .anySatisfy(w -> assertThat(w).startsWith("rpl_semi_sync_master_timeout=500 ms: "))
                .anySatisfy(w -> assertThat(w).startsWith("rpl_semi_sync_master_wait_point=AFTER_COMMIT: "));
    }
}
