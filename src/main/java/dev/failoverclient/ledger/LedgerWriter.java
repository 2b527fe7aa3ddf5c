package dev.failoverclient.ledger;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Append-only ledger of one client: one JSON object per line, each line handed to the operating
 * system before the method returns, so a killed client loses at most the line being written. Not
 * thread-safe: one writer thread owns it. Record types: {@code start}, {@code connect} (with the
 * server's durability settings),
 * {@code setup} (pool, transactions, read check), {@code begin} (before the statement), {@code end}
 * (after it), {@code loss} (online check), {@code warning}, {@code stale_read} and {@code visibility}
 * (read check), {@code stop} (the writer ended).
 */
public final class LedgerWriter implements Closeable {
    static final int FORMAT = 1;

    private final Path file;
    private final OutputStream out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final JsonGenerator json;

    /**
     * Creates the ledger, which must not exist yet (two runs in one ledger would reuse sequences and
     * blur the verdict), and writes its {@code start} record.
     */
    public LedgerWriter(Path file, String clientId, long nowMicros) {
        this(file, clientId, nowMicros, 1);
    }

    /**
     * The same for segment {@code segment} of the client's history: a client started again in its run
     * folder continues there ({@link Continuation}); the start record names the segment from 2 on.
     */
    public LedgerWriter(Path file, String clientId, long nowMicros, int segment) {
        this.file = file;
        try {
            // Created atomically, then written unbuffered: every write(2) hands the record over at once.
            // A FileOutputStream, not a FileChannel: no copy to a direct buffer and no interruptible-I/O
            // bookkeeping on the write loop, and an interrupt cannot close the ledger under the writer.
            Files.createFile(file);
            this.out = new FileOutputStream(file.toFile(), true);
            this.json = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
        } catch (FileAlreadyExistsException e) {
            throw new LedgerException("run folder " + file.getParent() + " already holds a ledger of client " + clientId
                    + ": choose a new --run-dir (or leave it out for a fresh runs/<timestamp>-<id> folder)", e);
        } catch (IOException e) {
            throw new LedgerException("cannot create ledger " + file + ": " + e.getMessage(), e);
        }
        record("start", nowMicros, g -> {
            g.writeStringField("client", clientId);
            g.writeNumberField("format", FORMAT);
            if (segment > 1) {
                g.writeNumberField("segment", segment);
            }
        });
    }

    /**
     * The client (re)connected to the server with this identity and these durability settings;
     * {@code tlsProtocol} and {@code tlsCipher} are {@code null} on a plain connection.
     */
    public void connected(long nowMicros, long serverId, String hostname, String version,
                          Map<String, String> settings, String tlsProtocol, String tlsCipher) {
        record("connect", nowMicros, g -> {
            g.writeNumberField("server_id", serverId);
            g.writeStringField("hostname", hostname);
            g.writeStringField("version", version);
            g.writeObjectFieldStart("settings");
            for (Map.Entry<String, String> e : settings.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("tls_protocol", tlsProtocol);
            g.writeStringField("tls_cipher", tlsCipher);
        });
    }

    /** A reconnect was refused by TLS (a rotated or untrusted certificate); written once per outage. */
    public void tlsRefused(long nowMicros, String message) {
        record("tls_refused", nowMicros, g -> g.writeStringField("message", message));
    }

    /** Written before the statement is sent; {@code startMicros} is the row's write_timestamp. */
    public void begin(long sequence, long startMicros) {
        begin(sequence, startMicros, 1);
    }

    /** Written before a transaction of {@code rows} sequences from {@code sequence} is sent. */
    public void begin(long sequence, long startMicros, int rows) {
        // begin and end without a Fields lambda: capturing one allocates through a method handle
        // under C1 (the image's JIT), twice per write.
        try {
            open("begin", startMicros);
            json.writeNumberField("seq", sequence);
            if (rows > 1) {
                json.writeNumberField("rows", rows);
            }
            finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Written when the statement's outcome is known. */
    public void end(long sequence, long endMicros, Outcome outcome) {
        try {
            open("end", endMicros);
            json.writeNumberField("seq", sequence);
            json.writeStringField("outcome", outcome.label());
            if (outcome instanceof Outcome.Ok ok) {
                json.writeNumberField("server_id", ok.serverId());
            } else if (outcome instanceof Outcome.Failed f) {
                error(json, f.code(), f.sqlState(), f.message());
            } else if (outcome instanceof Outcome.Unknown u) {
                error(json, u.code(), u.sqlState(), u.message());
            }
            finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * How the writer behaves like an application: its pool ({@code none} or {@code hikari}, the pool's
     * size and whether it retires read-only connections), rows per transaction, whether it reads its
     * writes back. Written once, after {@code start}.
     */
    public void setup(long nowMicros, String pool, int poolSize, boolean evictOnReadOnly, int transactionRows,
                      boolean readCheck) {
        record("setup", nowMicros, g -> {
            g.writeStringField("pool", pool);
            g.writeNumberField("pool_size", poolSize);
            g.writeStringField("evict_on", evictOnReadOnly ? "read-only" : "none");
            g.writeNumberField("transaction_rows", transactionRows);
            g.writeBooleanField("read_check", readCheck);
        });
    }

    /** Something about the run that makes its verdict weaker (a user that writes through read_only). */
    public void warning(long nowMicros, String message) {
        record("warning", nowMicros, g -> g.writeStringField("message", message));
    }

    /**
     * An acknowledged write (sequences {@code sequence} to {@code sequence + rows - 1}, acknowledged at
     * {@code ackedMicros}) was not visible on {@code endpoint} ({@code own}: the writer's own
     * connection) when read.
     */
    public void staleRead(long nowMicros, String endpoint, long sequence, int rows, long ackedMicros) {
        record("stale_read", nowMicros, g -> {
            g.writeStringField("endpoint", endpoint);
            g.writeNumberField("seq", sequence);
            g.writeNumberField("rows", rows);
            g.writeNumberField("acked", ackedMicros);
        });
    }

    /** How long acknowledged writes took to show on {@code endpoint} since the last such record (µs, base64). */
    public void visibility(long nowMicros, String endpoint, String histogram) {
        record("visibility", nowMicros, g -> {
            g.writeStringField("endpoint", endpoint);
            g.writeStringField("micros", histogram);
        });
    }

    /** The writer stopped (end of the run): outages still open end here. */
    public void stopped(long nowMicros) {
        record("stop", nowMicros, g -> { });
    }

    /** The online check found these acknowledged sequences missing on {@code serverId}. */
    public void loss(long nowMicros, long serverId, Collection<Long> sequences) {
        record("loss", nowMicros, g -> {
            g.writeNumberField("server_id", serverId);
            g.writeArrayFieldStart("seqs");
            for (long s : sequences) {
                g.writeNumber(s);
            }
            g.writeEndArray();
        });
    }

    private static void error(JsonGenerator g, int code, String sqlState, String message) throws IOException {
        g.writeNumberField("code", code);
        g.writeStringField("sqlstate", sqlState);
        g.writeStringField("message", message);
    }

    private void record(String type, long micros, Fields fields) {
        try {
            open(type, micros);
            fields.write(json);
            finish();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void open(String type, long micros) throws IOException {
        buffer.reset();
        json.writeStartObject();
        json.writeStringField("type", type);
        json.writeNumberField("ts", micros);
    }

    /** Ends the record and hands it to the operating system in one write(2). */
    private void finish() throws IOException {
        json.writeEndObject();
        json.flush();
        buffer.write('\n');
        buffer.writeTo(out);
    }

    private LedgerException failed(IOException e) {
        return new LedgerException("cannot append to ledger " + file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            json.close();
            out.close();
        } catch (IOException e) {
            throw new LedgerException("cannot close ledger " + file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }
}
