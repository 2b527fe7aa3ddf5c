package dev.failoverclient.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every table of the lab's database copied from one node to another inside the caller's snapshot:
 * the writers' {@code failover_test} and whatever a client of {@code lab serve} created there, so
 * that a rebuilt node, once promoted, serves the same schema. Tables only (views, triggers and
 * routines are not copied), rows through the driver's own types.
 */
final class DatabaseCopy {
    private static final int BATCH = 1_000;

    private DatabaseCopy() {
    }

    /** Copies the tables of {@code from}'s current database into {@code to}'s, whose session logs nothing. */
    static void tables(Connection from, Connection to) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement src = from.createStatement();
             ResultSet t = src.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (t.next()) {
                tables.add(t.getString(1));
            }
        }
        try (Statement src = from.createStatement(); Statement dst = to.createStatement()) {
            // Tables come in name order, not in the order their foreign keys need.
            dst.execute("SET SESSION foreign_key_checks = 0");
            for (String table : tables) {
                String name = "`" + table.replace("`", "``") + "`";
                try (ResultSet ddl = src.executeQuery("SHOW CREATE TABLE " + name)) {
                    ddl.next();
                    dst.execute(ddl.getString(2));
                }
                rows(from, to, name);
            }
            dst.execute("SET SESSION foreign_key_checks = 1");
        }
    }

    private static void rows(Connection from, Connection to, String name) throws SQLException {
        try (Statement src = from.createStatement(); ResultSet rows = src.executeQuery("SELECT * FROM " + name)) {
            int columns = rows.getMetaData().getColumnCount();
            String marks = String.join(", ", Collections.nCopies(columns, "?"));
            try (PreparedStatement ins = to.prepareStatement("INSERT INTO " + name + " VALUES (" + marks + ")")) {
                int n = 0;
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        ins.setObject(i, rows.getObject(i));
                    }
                    ins.addBatch();
                    if (++n % BATCH == 0) {
                        ins.executeBatch();
                    }
                }
                ins.executeBatch();
            }
        }
    }
}
