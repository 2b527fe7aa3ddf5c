package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.time.Duration;

/**
 * Semi-sync falls back to async, then the primary dies: every replica's IO thread is stopped, the
 * primary's semi-sync timeout is shortened to {@link #TIMEOUT_MILLIS}, so the next commit waits
 * that long for an acknowledgement, gets none and turns semi-sync off; the writes of the next second
 * are acknowledged asynchronously, then the primary is killed and a replica promoted. Those writes
 * are lost, and the ground truth says when semi-sync went off.
 */
final class SemisyncTimeoutKill implements Fault {
    static final long TIMEOUT_MILLIS = 500;
    private static final long ASYNC_MILLIS = 1_000;

    @Override
    public boolean unsafe() {
        return true;
    }

    @Override
    public String name() {
        return "semisync-timeout-kill";
    }

    @Override
    public boolean promotes() {
        return true;
    }

    @Override
    public boolean needsSemisync() {
        return true;
    }

    @Override
    public void inject(Lab lab, Duration duration) {
        LabNode primary = lab.primary();
        primary.exec("SET GLOBAL rpl_semi_sync_master_timeout = " + TIMEOUT_MILLIS);
        lab.truth().record("replication_stopped", null, "STOP SLAVE IO_THREAD on every replica; semi-sync timeout "
                + TIMEOUT_MILLIS + " ms");
        for (LabNode r : lab.replicas()) {
            r.exec("STOP SLAVE IO_THREAD");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"OFF".equals(primary.query("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                + " WHERE VARIABLE_NAME = 'RPL_SEMI_SYNC_MASTER_STATUS'"))) {
            if (System.nanoTime() > deadline) {
                throw new LabException("semi-sync did not fall back to async on " + primary + " within 10 s");
            }
            LabNode.sleep(5);
        }
        lab.truth().record("semisync_off", primary, "Rpl_semi_sync_master_status=OFF: acknowledged writes are"
                + " replicated asynchronously");
        LabNode.sleep(ASYNC_MILLIS);
        lab.truth().record(LabEvent.FAULT, primary, "SIGKILL " + ASYNC_MILLIS + " ms after semi-sync fell back");
        primary.kill();
        Topology.failover(lab);
    }

    @Override
    public void heal(Lab lab, LabNode formerPrimary) {
        Topology.rebuild(lab, formerPrimary);
    }
}
