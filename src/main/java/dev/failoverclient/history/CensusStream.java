package dev.failoverclient.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.ledger.Histograms;
import dev.failoverclient.ledger.LedgerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Reads {@code census.jsonl} line by line (written by the census; a cut-short last line is ignored). */
final class CensusStream implements Source {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final BufferedReader in;
    private long line;

    CensusStream(Path file) {
        this.file = file;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LedgerException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Entry next() {
        try {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode r;
                try {
                    r = JSON.readTree(text);
                } catch (IOException e) {
                    in.mark(1);
                    if (in.read() < 0) {
                        return null; // cut short by a kill
                    }
                    throw new LedgerException(file + " line " + line + " is not a census record", e);
                }
                Entry e = entry(r);
                if (e != null) {
                    return e;
                }
            }
            return null;
        } catch (IOException e) {
            throw new LedgerException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Entry entry(JsonNode r) {
        long ts = r.path("ts").asLong();
        switch (r.path("type").asText()) {
            case "census_start" -> {
                List<String> nodes = new ArrayList<>();
                r.path("nodes").forEach(n -> nodes.add(n.asText()));
                return new Entry.CensusStarted(ts, nodes, r.path("interval_us").asLong());
            }
            case "census_stop" -> {
                return new Entry.CensusStopped(ts);
            }
            case "lag" -> {
                return new Entry.LagObserved(ts, r.path("node").asText(), histogram(r.path("seconds").asText()),
                        histogram(r.path("trx").asText()));
            }
            case "node" -> {
                JsonNode lag = r.path("lag_before_promotion");
                return new Observation(ts, r.path("node").asText(), r.path("reachable").asBoolean(), text(r, "error"),
                        number(r, "server_id"), bool(r, "read_only"), bool(r, "semisync_enabled"), bool(r, "semisync_on"),
                        r.has("semisync_clients") ? r.get("semisync_clients").asInt() : null, bool(r, "replicating"),
                        bool(r, "io_running"), bool(r, "sql_running"), number(r, "seconds_behind"),
                        number(r, "behind_trx"), text(r, "gtid_binlog_pos"), text(r, "gtid_current_pos"),
                        text(r, "gtid_binlog_state"), text(r, "replica_error"),
                        lag.isMissingNode() ? null : new Observation.Lag(number(lag, "seconds"), number(lag, "trx")),
                        galera(r.path("galera")));
            }
            default -> {
                return null;
            }
        }
    }

    private static Observation.Galera galera(JsonNode g) {
        if (g.isMissingNode()) {
            return null;
        }
        Long size = number(g, "cluster_size");
        return new Observation.Galera(text(g, "cluster_status"), text(g, "local_state"),
                size == null ? null : size.intValue(), bool(g, "ready"), bool(g, "flow_control"), number(g, "conf_id"));
    }

    private Histogram histogram(String base64) {
        return Histograms.decode(base64, file + " line " + line);
    }

    private static Long number(JsonNode r, String field) {
        return r.has(field) && !r.get(field).isNull() ? r.get(field).asLong() : null;
    }

    private static Boolean bool(JsonNode r, String field) {
        return r.has(field) && !r.get(field).isNull() ? r.get(field).asBoolean() : null;
    }

    private static String text(JsonNode r, String field) {
        return r.has(field) && !r.get(field).isNull() ? r.get(field).asText() : null;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
