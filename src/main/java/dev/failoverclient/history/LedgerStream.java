package dev.failoverclient.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.failoverclient.ledger.Attempt;
import dev.failoverclient.ledger.Histograms;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.Outcome;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads one ledger (written by {@code LedgerWriter}) entry by entry, in file order, which is the
 * writer's attempt order: memory does not grow with the file. A {@code begin} without {@code end}
 * is an UNKNOWN attempt. A cut-short last line is tolerated and reported by {@link #truncatedTail()};
 * any other unreadable line is a {@link LedgerException} naming the file and line. Only the first
 * {@code length} bytes are read: a ledger still being written is read as it was when its history
 * was opened, so every acknowledged attempt read was acknowledged before the rows are read.
 */
final class LedgerStream implements Source {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final long length;
    private final InputStream in;
    private final JsonParser parser;
    private final ArrayDeque<Entry> ready = new ArrayDeque<>(2);
    /** Acknowledging servers repeat: one Ok per server id. */
    private final Map<Long, Outcome.Ok> oks = new HashMap<>();
    private final String clientId;
    private final int segment;
    private final long startMicros;
    /** The time of the last record read, and whether it was a stop. */
    private long lastMicros;
    private boolean stopped;
    private long pendingSequence = -1;
    private long pendingStart;
    private int pendingRows;
    private boolean truncated;
    private boolean ended;

    /** Opens the ledger as it is now and reads its {@code start} record. */
    LedgerStream(Path file) {
        this(file, size(file));
    }

    /** Opens the first {@code length} bytes of the ledger and reads its {@code start} record. */
    LedgerStream(Path file, long length) {
        this.file = file;
        this.length = length;
        try {
            in = bounded(Files.newInputStream(file), length);
            parser = JSON.createParser(in);
        } catch (NoSuchFileException e) {
            throw new LedgerException("ledger " + file + " does not exist", e);
        } catch (IOException e) {
            throw new LedgerException("cannot read ledger " + file + ": " + e.getMessage(), e);
        }
        // A cut-short line is tolerated at the end of a ledger, not as its only line: that is no ledger.
        Record first = read(false);
        if (first == null) {
            close();
            throw new LedgerException("ledger " + file + " is empty");
        }
        if (!"start".equals(first.type)) {
            close();
            throw new LedgerException("ledger " + file + " does not begin with a start record");
        }
        clientId = first.client;
        segment = first.segment;
        startMicros = first.ts;
        lastMicros = first.ts;
    }

    String clientId() {
        return clientId;
    }

    /** Which process of the client wrote this ledger: 1, or 2, 3, … for a client started again in its folder. */
    int segment() {
        return segment;
    }

    long startMicros() {
        return startMicros;
    }

    /** When the last record read was written; at the end of the file, when the client went quiet. */
    long lastMicros() {
        return lastMicros;
    }

    /** Whether the last record read was a stop: at the end of the file, a clean stop rather than a kill. */
    boolean stopped() {
        return stopped;
    }

    /** The ledger's size now; a missing file is reported when it is opened. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Whether the last line was cut short (client killed while writing it) and ignored; known at the end. */
    boolean truncatedTail() {
        return truncated;
    }

    /** The next entry, or {@code null} at the end of the file. */
    @Override
    public Entry next() {
        while (ready.isEmpty() && !ended) {
            Record r = read(true);
            if (r == null) {
                ended = true;
                flushPending();
            } else {
                accept(r);
            }
        }
        return ready.poll();
    }

    private void accept(Record r) {
        lastMicros = Math.max(lastMicros, r.ts);
        stopped = "stop".equals(r.type);
        if (!"end".equals(r.type)) {
            flushPending();
        }
        switch (r.type) {
            case "begin" -> {
                pendingSequence = r.seq;
                pendingStart = r.ts;
                pendingRows = r.rows;
            }
            case "end" -> {
                boolean matched = pendingSequence == r.seq;
                if (!matched) {
                    flushPending();
                }
                Outcome o = "OK".equals(r.outcome) ? oks.computeIfAbsent(r.serverId, Outcome.Ok::new) : r.outcome();
                ready.add(new Entry.Attempted(new Attempt(clientId, r.seq, matched ? pendingStart : r.ts, r.ts, o,
                        matched ? pendingRows : 1)));
                pendingSequence = -1;
            }
            case "connect" -> ready.add(new Entry.Connected(clientId, r.ts, r.serverId, r.hostname, r.version,
                    r.settings, r.tlsProtocol, r.tlsCipher));
            case "tls_refused" -> ready.add(new Entry.TlsRefused(clientId, r.ts, r.message));
            case "loss" -> ready.add(new Entry.LossFound(clientId, r.ts, r.serverId, r.seqs));
            case "stop" -> ready.add(new Entry.Stopped(clientId, r.ts));
            case "setup" -> ready.add(new Entry.Setup(clientId, r.ts, r.pool, r.poolSize, "read-only".equals(r.evictOn),
                    r.transactionRows, r.readCheck));
            case "warning" -> ready.add(new Entry.Warning(clientId, r.ts, r.message));
            case "stale_read" -> ready.add(new Entry.StaleRead(clientId, r.ts, r.endpoint, r.seq, r.rows, r.acked));
            case "visibility" -> ready.add(new Entry.Visibility(clientId, r.ts, r.endpoint, Histograms.decode(r.micros,
                    "ledger " + file)));
            default -> { } // start of an appended run, future record types
        }
    }

    /** A begin whose end never came: the client died or stopped mid-statement; it may have committed. */
    private void flushPending() {
        if (pendingSequence >= 0) {
            ready.add(new Entry.Attempted(new Attempt(clientId, pendingSequence, pendingStart, pendingStart,
                    Outcome.Unknown.UNANSWERED, pendingRows)));
            pendingSequence = -1;
        }
    }

    /**
     * The next record, or {@code null} at the end (or, with {@code tolerateCutTail}, at a cut-short
     * last line).
     */
    private Record read(boolean tolerateCutTail) {
        long line = parser.currentLocation().getLineNr();
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                return null;
            }
            line = parser.currentTokenLocation().getLineNr();
            return parse(parser);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            long at = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : line;
            if (tolerateCutTail && isLastLine(at)) {
                truncated = true;
                return null;
            }
            throw new LedgerException("ledger " + file + " line " + at + " is not a ledger record", e);
        } catch (IOException e) {
            throw new LedgerException("cannot read ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether nothing but blank lines follows line {@code lineNr} (1-based): a cut-short tail. */
    private boolean isLastLine(long lineNr) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(bounded(Files.newInputStream(file), length),
                StandardCharsets.UTF_8)); Stream<String> lines = r.lines()) {
            return lines.skip(lineNr).allMatch(String::isBlank);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** At most {@code length} bytes of {@code in}. */
    private static InputStream bounded(InputStream in, long length) {
        return new FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                left -= b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                left -= Math.max(0, n);
                return n;
            }
        };
    }

    /** Parses one object; the parser stands on its START_OBJECT and is left on its END_OBJECT. */
    private static Record parse(JsonParser p) throws IOException {
        Record r = new Record();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("not an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> r.type = p.getText();
                case "client" -> r.client = p.getText();
                case "ts" -> r.ts = p.getLongValue();
                case "seq" -> r.seq = p.getLongValue();
                case "rows" -> r.rows = p.getIntValue();
                case "segment" -> r.segment = p.getIntValue();
                case "pool" -> r.pool = p.getText();
                case "pool_size" -> r.poolSize = p.getIntValue();
                case "evict_on" -> r.evictOn = p.getText();
                case "transaction_rows" -> r.transactionRows = p.getIntValue();
                case "read_check" -> r.readCheck = p.getBooleanValue();
                case "endpoint" -> r.endpoint = p.getText();
                case "acked" -> r.acked = p.getLongValue();
                case "micros" -> r.micros = p.getText();
                case "outcome" -> r.outcome = p.getText();
                case "server_id" -> r.serverId = p.getLongValue();
                case "code" -> r.code = p.getIntValue();
                case "sqlstate" -> r.sqlState = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "message" -> r.message = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "hostname" -> r.hostname = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "version" -> r.version = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "tls_protocol" -> r.tlsProtocol = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "tls_cipher" -> r.tlsCipher = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "settings" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        r.settings.put(key, p.getText());
                    }
                }
                case "seqs" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        r.seqs.add(p.getLongValue());
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || r.type == null || "end".equals(r.type) && r.outcome == null
                || "start".equals(r.type) && r.client == null) {
            throw new IllegalArgumentException("incomplete record");
        }
        return r;
    }

    @Override
    public void close() {
        try {
            parser.close();
            in.close();
        } catch (IOException ignored) {
            // read-only: nothing is lost
        }
    }

    /** One parsed line; mutable only while it is parsed. */
    private static final class Record {
        String type;
        String client;
        long ts;
        long seq;
        int rows = 1;
        int segment = 1;
        String pool;
        int poolSize;
        String evictOn;
        int transactionRows = 1;
        boolean readCheck;
        String endpoint;
        long acked;
        String micros;
        String outcome;
        long serverId;
        int code;
        String sqlState;
        String message;
        String hostname;
        String version;
        String tlsProtocol;
        String tlsCipher;
        final List<Long> seqs = new ArrayList<>();
        final Map<String, String> settings = new java.util.LinkedHashMap<>();

        Outcome outcome() {
            return switch (outcome) {
                case "OK" -> new Outcome.Ok(serverId);
                case "FAILED" -> new Outcome.Failed(code, sqlState, message);
                default -> new Outcome.Unknown(code, sqlState, message);
            };
        }
    }
}
