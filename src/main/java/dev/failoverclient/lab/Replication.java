package dev.failoverclient.lab;

import java.util.List;

/**
 * Asynchronous or semi-synchronous replication. Semi-sync is AFTER_SYNC with the master side
 * enabled only on the current primary (as mariadb-operator configures it).
 */
public enum Replication {
    ASYNC, SEMISYNC;

    /** How long a semi-sync primary waits for an acknowledgement before falling back to async. */
    static final long SEMISYNC_TIMEOUT_MILLIS = 10_000;

    /** Server options for a node started in {@code primary} role. */
    List<String> startArgs(boolean primary) {
        if (this == ASYNC) {
            return List.of();
        }
        return List.of("--rpl-semi-sync-slave-enabled=ON", "--rpl-semi-sync-master-enabled=" + (primary ? "ON" : "OFF"),
                "--rpl-semi-sync-master-wait-point=AFTER_SYNC",
                "--rpl-semi-sync-master-timeout=" + SEMISYNC_TIMEOUT_MILLIS);
    }

    /** Statements that make a node the semi-sync master (or stop it being one). */
    String masterSide(boolean on) {
        return this == ASYNC ? "DO 0" : "SET GLOBAL rpl_semi_sync_master_enabled = " + (on ? "ON" : "OFF");
    }
}
