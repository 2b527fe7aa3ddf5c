package dev.failoverclient.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.InputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a ledger written by {@link LedgerWriter}. A cut-short last line is tolerated and reported
 * through {@link Ledger#truncatedTail()}; any other unreadable line is a {@link LedgerException}
 * naming the file and line.
 */
public final class LedgerReader {
    private static final JsonFactory JSON = new JsonFactory();

    private LedgerReader() {
    }

    public static Ledger read(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            return read(file, p);
        } catch (NoSuchFileException e) {
            throw new LedgerException("ledger " + file + " does not exist");
        } catch (IOException e) {
            throw new LedgerException("cannot read ledger " + file + ": " + e.getMessage());
        }
    }

    /** Streams the file once with one parser (a parser per line costs more than the parsing). */
    private static Ledger read(Path file, JsonParser p) throws IOException {
        String clientId = null;
        Map<Long, Long> open = new HashMap<>();
        Map<Long, Outcome.Ok> oks = new HashMap<>();
        List<Attempt> attempts = new ArrayList<>();
        List<Long> losses = new ArrayList<>();
        boolean truncated = false;
        long stopped = -1;
        while (true) {
            Record r;
            long line = p.currentLocation().getLineNr();
            try {
                JsonToken t = p.nextToken();
                if (t == null) {
                    break;
                }
                line = p.currentTokenLocation().getLineNr();
                r = parse(p);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                long at = e instanceof JsonProcessingException j && j.getLocation() != null
                        ? j.getLocation().getLineNr() : line;
                if (clientId != null && isLastLine(file, at)) {
                    truncated = true;
                    break;
                }
                throw new LedgerException("ledger " + file + " line " + at + " is not a ledger record");
            }
            if (clientId == null && !"start".equals(r.type)) {
                throw new LedgerException("ledger " + file + " does not begin with a start record");
            }
            switch (r.type) {
                case "start" -> clientId = r.client;
                case "begin" -> open.put(r.seq, r.ts);
                case "end" -> {
                    Long start = open.remove(r.seq);
                    Outcome o = "OK".equals(r.outcome) ? oks.computeIfAbsent(r.serverId, Outcome.Ok::new) : r.outcome();
                    attempts.add(new Attempt(clientId, r.seq, start == null ? r.ts : start, r.ts, o));
                }
                case "loss" -> losses.addAll(r.seqs);
                case "stop" -> stopped = Math.max(stopped, r.ts);
                default -> { } // connect records and future types carry no attempt
            }
        }
        if (clientId == null) {
            throw new LedgerException("ledger " + file + " is empty");
        }
        // A begin without an end: the client died or was stopped mid-statement; it may have committed.
        for (Map.Entry<Long, Long> e : open.entrySet()) {
            attempts.add(new Attempt(clientId, e.getKey(), e.getValue(), e.getValue(),
                    new Outcome.Unknown(0, null, "no outcome recorded (client stopped during the statement)")));
        }
        attempts.sort(Comparator.comparingLong(Attempt::sequence));
        return new Ledger(clientId, attempts, losses, truncated, stopped);
    }

    /** Whether nothing but blank lines follows line {@code lineNr} (1-based): a cut-short tail. */
    private static boolean isLastLine(Path file, long lineNr) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.skip(lineNr).allMatch(String::isBlank);
        }
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
                case "outcome" -> r.outcome = p.getText();
                case "server_id" -> r.serverId = p.getLongValue();
                case "code" -> r.code = p.getIntValue();
                case "sqlstate" -> r.sqlState = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "message" -> r.message = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "seqs" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        r.seqs.add(p.getLongValue());
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || r.type == null || "end".equals(r.type) && r.outcome == null) {
            throw new IllegalArgumentException("incomplete record");
        }
        return r;
    }

    /** One parsed line; mutable only while it is parsed. */
    private static final class Record {
        String type;
        String client;
        long ts;
        long seq;
        String outcome;
        long serverId;
        int code;
        String sqlState;
        String message;
        final List<Long> seqs = new ArrayList<>();

        Outcome outcome() {
            return switch (outcome) {
                case "OK" -> new Outcome.Ok(serverId);
                case "FAILED" -> new Outcome.Failed(code, sqlState, message);
                default -> new Outcome.Unknown(code, sqlState, message);
            };
        }
    }
}
