package dev.failoverclient.conn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one node says about its role and replication, read with the queries a monitoring user may
 * run (no SUPER). Fields a missing privilege hides are {@code null}; {@link Reader} warns once per
 * node and query.
 *
 * @param readOnly        {@code @@global.read_only}: a non-SUPER user cannot write there
 * @param gtidBinlogPos   {@code @@gtid_binlog_pos}: the last transaction in its binary log per domain
 * @param gtidCurrentPos  {@code @@gtid_current_pos}: the last transaction it applied or wrote
 * @param gtidBinlogState {@code @@gtid_binlog_state}: the last transaction per domain and server id
 * @param semisyncEnabled {@code @@rpl_semi_sync_master_enabled}: semi-sync configured as a primary
 * @param semisyncOn      {@code Rpl_semi_sync_master_status}: semi-sync in effect (OFF after a timeout)
 * @param semisyncClients {@code Rpl_semi_sync_master_clients}: semi-sync replicas connected
 * @param replicating     whether it has a replica configuration at all ({@code null}: not allowed to see)
 * @param ioRunning       replica IO thread running
 * @param sqlRunning      replica SQL thread running
 * @param secondsBehind   {@code Seconds_Behind_Master} ({@code null}: unknown, e.g. IO stopped)
 * @param gtidIoPos       {@code Gtid_IO_Pos}: what the replica has received
 * @param replicaError    last IO or SQL error, {@code ""} when none
 * @param wsrep           a Galera node's {@code wsrep_*} status by lower-case name ({@code cluster_status},
 *                        {@code local_state_comment}, {@code cluster_size}, {@code ready},
 *                        {@code flow_control_active}, {@code cluster_conf_id}); {@code null} when
 *                        {@code wsrep_on} is not ON
 */
public record NodeState(long serverId, boolean readOnly, String gtidBinlogPos, String gtidCurrentPos,
                        String gtidBinlogState, Boolean semisyncEnabled, Boolean semisyncOn, Integer semisyncClients,
                        Boolean replicating, Boolean ioRunning, Boolean sqlRunning, Long secondsBehind,
                        String gtidIoPos, String replicaError, Map<String, String> wsrep) {

    private static final String WSREP_STATUS = "'WSREP_CLUSTER_STATUS', 'WSREP_LOCAL_STATE_COMMENT',"
            + " 'WSREP_CLUSTER_SIZE', 'WSREP_READY', 'WSREP_FLOW_CONTROL_ACTIVE', 'WSREP_CLUSTER_CONF_ID'";

    /** Reads node states through one connection, degrading field by field where privileges are missing. */
    public static final class Reader {
        private final String node;
        private final Consumer<String> warn;
        private boolean replicaStatusDenied;

        /** @param warn told once, per missing privilege, what cannot be observed and how to fix it */
        public Reader(String node, Consumer<String> warn) {
            this.node = node;
            this.warn = warn;
        }

        public NodeState read(Connection c) throws SQLException {
            long serverId;
            boolean readOnly;
            String binlogPos;
            String currentPos;
            String binlogState;
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT @@server_id, @@global.read_only, @@global.gtid_binlog_pos,"
                        + " @@global.gtid_current_pos, @@global.gtid_binlog_state")) {
                    rs.next();
                    serverId = rs.getLong(1);
                    readOnly = rs.getLong(2) != 0;
                    binlogPos = rs.getString(3);
                    currentPos = rs.getString(4);
                    binlogState = rs.getString(5);
                }
                Map<String, String> v = new HashMap<>();
                // Readable by any user, on a Galera node outside the Primary component too; absent on servers
                // without semi-sync or Galera, hence no @@variable.
                try (ResultSet rs = s.executeQuery("SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM"
                        + " information_schema.GLOBAL_VARIABLES WHERE VARIABLE_NAME IN ('RPL_SEMI_SYNC_MASTER_ENABLED',"
                        + " 'WSREP_ON') UNION ALL SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM"
                        + " information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('RPL_SEMI_SYNC_MASTER_STATUS',"
                        + " 'RPL_SEMI_SYNC_MASTER_CLIENTS', " + WSREP_STATUS + ")")) {
                    while (rs.next()) {
                        v.put(rs.getString(1), rs.getString(2));
                    }
                }
                Map<String, String> wsrep = null;
                if (Boolean.TRUE.equals(on(v.get("wsrep_on")))) {
                    wsrep = new HashMap<>();
                    for (Map.Entry<String, String> e : v.entrySet()) {
                        if (e.getKey().startsWith("wsrep_") && !e.getKey().equals("wsrep_on")) {
                            wsrep.put(e.getKey().substring("wsrep_".length()), e.getValue());
                        }
                    }
                }
                NodeState base = new NodeState(serverId, readOnly, binlogPos, currentPos, binlogState,
                        on(v.get("rpl_semi_sync_master_enabled")), on(v.get("rpl_semi_sync_master_status")),
                        v.get("rpl_semi_sync_master_clients") == null ? null
                                : Integer.valueOf(v.get("rpl_semi_sync_master_clients")),
                        null, null, null, null, null, null, wsrep);
                return replicaStatusDenied ? base : withReplica(s, base);
            }
        }

        private NodeState withReplica(Statement s, NodeState b) throws SQLException {
            try (ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                if (!rs.next()) {
                    return new NodeState(b.serverId, b.readOnly, b.gtidBinlogPos, b.gtidCurrentPos, b.gtidBinlogState,
                            b.semisyncEnabled, b.semisyncOn, b.semisyncClients, false, null, null, null, null, null,
                            b.wsrep);
                }
                long behind = rs.getLong("Seconds_Behind_Master");
                Long secondsBehind = rs.wasNull() ? null : behind;
                String io = rs.getString("Last_IO_Error");
                String sql = rs.getString("Last_SQL_Error");
                String error = io != null && !io.isEmpty() ? io : sql == null ? "" : sql;
                return new NodeState(b.serverId, b.readOnly, b.gtidBinlogPos, b.gtidCurrentPos, b.gtidBinlogState,
                        b.semisyncEnabled, b.semisyncOn, b.semisyncClients, true,
                        "Yes".equals(rs.getString("Slave_IO_Running")), "Yes".equals(rs.getString("Slave_SQL_Running")),
                        secondsBehind, rs.getString("Gtid_IO_Pos"), error, b.wsrep);
            } catch (SQLException e) {
                if (e.getErrorCode() != 1227 && e.getErrorCode() != 1142) {
                    throw e;
                }
                replicaStatusDenied = true;
                warn.accept("census: cannot see the replica status of " + node + " (" + Messages.clean(e.getMessage())
                        + "): replication threads and lag are not observed there; grant the user REPLICA MONITOR"
                        + " (SLAVE MONITOR)");
                return b;
            }
        }

        private static Boolean on(String value) {
            return value == null ? null : value.equalsIgnoreCase("ON") || value.equals("1");
        }
    }
}
