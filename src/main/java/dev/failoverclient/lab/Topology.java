package dev.failoverclient.lab;

import dev.failoverclient.history.LabEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;

/**
 * Topology changes the way mariadb-operator makes them: switchover (fence the primary, wait for
 * the candidate to execute its GTID position, promote, repoint, route), failover (promote the most
 * advanced replica by executed GTID, repoint, route) and rebuild (a fresh copy of the primary's
 * data at a consistent GTID position, then replication from there).
 */
final class Topology {
    private static final int GTID_WAIT_SECONDS = 10;

    private Topology() {
    }

    /** Makes {@code replica} replicate from {@code primary} by GTID and waits until its IO thread runs. */
    static void replicate(LabNode replica, LabNode primary) {
        if (!tryReplicate(replica, primary)) {
            throw new LabException(replica + " does not replicate from " + primary + ": "
                    + slaveStatus(replica, "Last_IO_Error"));
        }
    }

    /**
     * The same, but {@code false} when the replica cannot catch up: error 1236, it asks for transactions
     * the primary's binary log does not hold (it was ahead of a replica that got promoted, or the
     * promoted one was rebuilt after them). An operator rebuilds such a replica.
     */
    static boolean tryReplicate(LabNode replica, LabNode primary) {
        replica.exec("SET GLOBAL read_only = 1",
                "STOP SLAVE",
                "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.endpoint().port()
                        + ", MASTER_USER='" + Lab.REPL_USER + "', MASTER_PASSWORD='" + Lab.REPL_PASSWORD + "'"
                        + ", MASTER_USE_GTID=slave_pos, " + masterSsl(primary)
                        + ", MASTER_CONNECT_RETRY=1, MASTER_HEARTBEAT_PERIOD=1",
                "START SLAVE");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"Yes".equals(slaveStatus(replica, "Slave_IO_Running"))) {
            if ("1236".equals(slaveStatus(replica, "Last_IO_Errno"))) {
                return false;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new LabException(replica + " does not replicate from " + primary + ": "
                        + slaveStatus(replica, "Last_IO_Error"));
            }
            LabNode.sleep(20);
        }
        return true;
    }

    /** Replication over TLS, the primary's certificate checked against the lab's CA, when the lab uses TLS. */
    private static String masterSsl(LabNode primary) {
        LabCertificates tls = primary.tls();
        return tls == null ? "MASTER_SSL=0"
                : "MASTER_SSL=1, MASTER_SSL_CA='" + tls.ca() + "', MASTER_SSL_VERIFY_SERVER_CERT=1";
    }

    /** Promotes {@code candidate}, repoints the other running replicas and routes the service to it. */
    static void promote(Lab lab, LabNode candidate) {
        candidate.exec("STOP SLAVE", "RESET SLAVE ALL", lab.replication().masterSide(true), "SET GLOBAL read_only = 0");
        lab.truth().record(LabEvent.WRITABLE, candidate, "read_only=0");
        LabNode old = lab.primary();
        lab.primary(candidate);
        for (LabNode n : lab.replicas()) {
            if (n != old && !tryReplicate(n, candidate)) {
                lab.truth().record("replica_cannot_catch_up", n, slaveStatus(n, "Last_IO_Error"));
                rebuild(lab, n);
            }
        }
        lab.service().route(candidate.endpoint());
        lab.truth().record(LabEvent.SWITCHED, candidate, "service routes new connections to " + candidate.endpoint());
    }

    /** Planned switchover to {@code candidate}; the old primary becomes its replica. */
    static void switchover(Lab lab, LabNode candidate) {
        switchover(lab, candidate, LabEvent.FAULT);
    }

    /** The same, its first step recorded as {@code event} (the fault itself, or one step of a larger one). */
    static void switchover(Lab lab, LabNode candidate, String event) {
        LabNode old = lab.primary();
        lab.truth().record(event, old, "switchover: old primary read_only=1");
        old.exec("SET GLOBAL read_only = 1", lab.replication().masterSide(false));
        String position = old.query("SELECT @@gtid_binlog_pos");
        waitForGtid(candidate, position);
        promote(lab, candidate);
        // The old primary replicates from where it stands, not from the position it last replicated
        // at (its gtid_slave_pos, from before it was primary): a candidate rebuilt since then holds no
        // binary log that old, and the old primary would stop with error 1236. With
        // log_slave_updates its binary log position is everything it executed.
        old.exec("SET GLOBAL gtid_slave_pos = @@gtid_binlog_pos");
        replicate(old, candidate);
    }

    /** Unplanned failover: promotes the running replica that executed the most transactions. */
    static LabNode failover(Lab lab) {
        List<LabNode> candidates = lab.replicas();
        if (candidates.isEmpty()) {
            throw new LabException("no running replica to fail over to");
        }
        stopReceiving(candidates);
        for (LabNode c : candidates) {
            // Apply what the replica already received before comparing positions.
            String received = slaveStatus(c, "Gtid_IO_Pos");
            if (received != null && !received.isEmpty()) {
                waitForGtid(c, received);
            }
        }
        LabNode best = candidates.stream().max(Comparator.comparingLong(Topology::executed)).orElseThrow();
        promote(lab, best);
        return best;
    }

    /**
     * Stops every candidate's IO thread at once. A semi-sync replica stopping its IO thread first
     * connects to the old primary to kill its dump thread; with a hung (SIGSTOPped) primary that
     * takes 5 s per replica (measured on 11.4.5), so they are stopped in parallel, not in turn.
     */
    private static void stopReceiving(List<LabNode> candidates) {
        LabNode.atOnce(candidates, "stop-io", c -> c.exec("STOP SLAVE IO_THREAD"));
    }

    /**
     * Replaces {@code node}'s data with a consistent copy of the primary's tables at a known GTID
     * position and makes it a replica from there (a killed primary cannot rejoin: it may hold
     * transactions the new primary lacks, error 1236).
     */
    static void rebuild(Lab lab, LabNode node) {
        node.kill();
        lab.boot(node, false);
        String position;
        try (Connection from = lab.primary().connect(); Connection to = node.connect();
             Statement src = from.createStatement(); Statement dst = to.createStatement()) {
            src.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            position = snapshotGtid(src);
            dst.execute("SET SESSION sql_log_bin = 0");
            from.setCatalog(Lab.APP_DATABASE);
            to.setCatalog(Lab.APP_DATABASE);
            DatabaseCopy.tables(from, to);
            src.execute("COMMIT");
        } catch (SQLException e) {
            throw new LabException("cannot rebuild " + node + ": " + e.getMessage(), e);
        }
        node.exec("SET GLOBAL gtid_slave_pos = '" + position + "'");
        replicate(node, lab.primary());
        lab.truth().record("node_rebuilt", node, "replica of " + lab.primary().name() + " from GTID " + position);
    }

    private static String snapshotGtid(Statement src) throws SQLException {
        String file;
        long pos;
        try (ResultSet rs = src.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            String f = null;
            long p = -1;
            while (rs.next()) {
                if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_file")) {
                    f = rs.getString(2);
                } else if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_position")) {
                    p = Long.parseLong(rs.getString(2));
                }
            }
            file = f;
            pos = p;
        }
        try (ResultSet rs = src.executeQuery("SELECT BINLOG_GTID_POS('" + file + "', " + pos + ")")) {
            rs.next();
            return rs.getString(1) == null ? "" : rs.getString(1);
        }
    }

    /** Waits until {@code node} has executed {@code gtidPosition}. */
    static void waitForGtid(LabNode node, String gtidPosition) {
        String result = node.query("SELECT MASTER_GTID_WAIT('" + gtidPosition + "', " + GTID_WAIT_SECONDS + ")");
        if (!"0".equals(result)) {
            throw new LabException(node + " did not reach GTID " + gtidPosition + " within " + GTID_WAIT_SECONDS + " s");
        }
    }

    /** Sequence number of the last executed transaction in domain 0 (0 when none). */
    static long executed(LabNode node) {
        String pos = node.query("SELECT @@gtid_current_pos");
        if (pos == null || pos.isBlank()) {
            return 0;
        }
        for (String gtid : pos.split(",")) {
            String[] parts = gtid.trim().split("-");
            if (parts.length == 3 && parts[0].equals("0")) {
                return Long.parseLong(parts[2]);
            }
        }
        return 0;
    }

    static String slaveStatus(LabNode node, String column) {
        try (Connection c = node.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            return rs.next() ? rs.getString(column) : null;
        } catch (SQLException e) {
            throw new LabException("node " + node.name() + ": " + e.getMessage(), e);
        }
    }
}
