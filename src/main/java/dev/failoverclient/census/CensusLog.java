package dev.failoverclient.census;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.failoverclient.history.Observation;
import dev.failoverclient.ledger.Histograms;
import dev.failoverclient.ledger.LedgerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The census's part of the run's history, {@code census.jsonl}: one JSON object per line, handed to
 * the operating system as it is written. Line types: {@code census_start}, {@code node} (an
 * {@link Observation}), {@code lag} (histograms), {@code census_stop}. Thread-safe.
 */
final class CensusLog implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final Path file;
    private final OutputStream out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    CensusLog(Path file) {
        this.file = file;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new LedgerException("run folder " + file.getParent() + " already holds a census: choose a new --run-dir",
                    e);
        } catch (IOException e) {
            throw new LedgerException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized void started(long micros, List<String> nodes, long intervalMicros) {
        write("census_start", micros, g -> {
            g.writeArrayFieldStart("nodes");
            for (String n : nodes) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeNumberField("interval_us", intervalMicros);
        });
    }

    synchronized void observed(Observation o) {
        write("node", o.micros(), g -> {
            g.writeStringField("node", o.node());
            g.writeBooleanField("reachable", o.reachable());
            if (o.error() != null) {
                g.writeStringField("error", o.error());
            }
            number(g, "server_id", o.serverId());
            bool(g, "read_only", o.readOnly());
            bool(g, "semisync_enabled", o.semisyncEnabled());
            bool(g, "semisync_on", o.semisyncOn());
            number(g, "semisync_clients", o.semisyncClients() == null ? null : o.semisyncClients().longValue());
            bool(g, "replicating", o.replicating());
            bool(g, "io_running", o.ioRunning());
            bool(g, "sql_running", o.sqlRunning());
            number(g, "seconds_behind", o.secondsBehind());
            number(g, "behind_trx", o.behindTrx());
            text(g, "gtid_binlog_pos", o.gtidBinlogPos());
            text(g, "gtid_current_pos", o.gtidCurrentPos());
            text(g, "gtid_binlog_state", o.gtidBinlogState());
            text(g, "replica_error", o.replicaError());
            if (o.galera() != null) {
                g.writeObjectFieldStart("galera");
                text(g, "cluster_status", o.galera().clusterStatus());
                text(g, "local_state", o.galera().localState());
                number(g, "cluster_size", o.galera().clusterSize() == null ? null : o.galera().clusterSize().longValue());
                bool(g, "ready", o.galera().ready());
                bool(g, "flow_control", o.galera().flowControl());
                number(g, "conf_id", o.galera().confId());
                g.writeEndObject();
            }
            if (o.lagBeforePromotion() != null) {
                g.writeObjectFieldStart("lag_before_promotion");
                number(g, "seconds", o.lagBeforePromotion().seconds());
                number(g, "trx", o.lagBeforePromotion().trx());
                g.writeEndObject();
            }
        });
    }

    synchronized void lag(long micros, String node, Histogram seconds, Histogram trx) {
        write("lag", micros, g -> {
            g.writeStringField("node", node);
            g.writeStringField("seconds", Histograms.encode(seconds));
            g.writeStringField("trx", Histograms.encode(trx));
        });
    }

    synchronized void stopped(long micros) {
        write("census_stop", micros, g -> { });
    }


    private void write(String type, long micros, Fields fields) {
        try {
            buffer.reset();
            try (JsonGenerator g = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("type", type);
                g.writeNumberField("ts", micros);
                fields.write(g);
                g.writeEndObject();
            }
            buffer.write('\n');
            buffer.writeTo(out);
        } catch (IOException e) {
            throw new LedgerException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void number(JsonGenerator g, String name, Long v) throws IOException {
        if (v != null) {
            g.writeNumberField(name, v);
        }
    }

    private static void bool(JsonGenerator g, String name, Boolean v) throws IOException {
        if (v != null) {
            g.writeBooleanField(name, v);
        }
    }

    private static void text(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more is written
        }
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }
}
