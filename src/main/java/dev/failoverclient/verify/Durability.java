package dev.failoverclient.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The durability settings of one server the writers wrote to (read when they connected), and what
 * in them lets an acknowledged write be lost on a crash or a failover.
 */
public record Durability(long serverId, String hostname, Map<String, String> settings, List<String> warnings) {

    public Durability {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        warnings = List.copyOf(warnings);
    }

    /** The settings of {@code serverId} with their warnings. */
    public static Durability of(long serverId, String hostname, Map<String, String> settings) {
        if (galera(settings)) {
            return new Durability(serverId, hostname, settings, galeraWarnings(settings));
        }
        List<String> w = new ArrayList<>();
        String flush = settings.get("innodb_flush_log_at_trx_commit");
        if (flush != null && !flush.equals("1")) {
            w.add("innodb_flush_log_at_trx_commit=" + flush + ": commits are acknowledged before InnoDB's log reaches"
                    + " the disk, so a crash of the server" + (flush.equals("2") ? "'s host" : "")
                    + " loses acknowledged writes (set it to 1)");
        }
        String sync = settings.get("sync_binlog");
        if (sync != null && !sync.equals("1")) {
            w.add("sync_binlog=" + sync + ": the binary log is not synced at every commit, so after a crash the server"
                    + " may have acknowledged writes its replicas never receive (set it to 1)");
        }
        String semisync = settings.get("rpl_semi_sync_master_enabled");
        if (semisync != null && !on(semisync)) {
            w.add("rpl_semi_sync_master_enabled=" + semisync + ": replication is asynchronous, so a failover loses the"
                    + " acknowledged writes the promoted replica had not received");
        } else if (semisync != null) {
            String timeout = settings.get("rpl_semi_sync_master_timeout");
            if (timeout != null) {
                w.add("rpl_semi_sync_master_timeout=" + timeout + " ms: without a replica's acknowledgement for that"
                        + " long, semi-sync falls back to asynchronous replication and acknowledged writes are"
                        + " unprotected until it recovers (see the census's semi-sync windows)");
            }
            if ("AFTER_COMMIT".equalsIgnoreCase(settings.get("rpl_semi_sync_master_wait_point"))) {
                w.add("rpl_semi_sync_master_wait_point=AFTER_COMMIT: other clients can read a commit before a replica"
                        + " has it, and a failover then loses what they read (AFTER_SYNC does not)");
            }
        }
        String strict = settings.get("gtid_strict_mode");
        if (strict != null && !on(strict)) {
            w.add("gtid_strict_mode=" + strict + ": a diverged branch (an old primary's extra transactions) can"
                    + " replicate without an error");
        }
        return new Durability(serverId, hostname, settings, w);
    }

    /** Whether the server is a Galera node ({@code wsrep_on}). */
    public boolean galera() {
        return galera(settings);
    }

    private static boolean galera(Map<String, String> settings) {
        String wsrep = settings.get("wsrep_on");
        return wsrep != null && on(wsrep);
    }

    /**
     * A Galera node keeps every commit on the other nodes before it acknowledges it: one node's crash
     * loses nothing, a crash of every node at once loses what no node had on disk.
     */
    private static List<String> galeraWarnings(Map<String, String> settings) {
        List<String> w = new ArrayList<>();
        String flush = settings.get("innodb_flush_log_at_trx_commit");
        if (flush != null && !flush.equals("1")) {
            w.add("innodb_flush_log_at_trx_commit=" + flush + ": on Galera a commit is on every node but on no"
                    + " node's disk yet, so a crash of every node at once (" + (flush.equals("2") ? "their hosts'"
                    : "the processes' or their hosts'") + ": a power loss, a kill of the whole cluster) loses"
                    + " acknowledged writes (set it to 1)");
        }
        String syncWait = settings.get("wsrep_sync_wait");
        if ("0".equals(syncWait)) {
            w.add("wsrep_sync_wait=0: a read on another node may not see a write acknowledged a moment ago"
                    + " (stale reads); an online loss check right after a reconnect can find writes missing that"
                    + " arrive later");
        }
        return w;
    }

    private static boolean on(String v) {
        return v.equalsIgnoreCase("ON") || v.equals("1");
    }
}
