package dev.failoverclient.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<String> lines;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = in.lines().toList();
        } catch (NoSuchFileException e) {
            throw new LedgerException("ledger " + file + " does not exist");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LedgerException("cannot read ledger " + file + ": " + e.getMessage());
        }
        String clientId = null;
        Map<Long, Long> open = new LinkedHashMap<>();
        List<Attempt> attempts = new ArrayList<>();
        List<Long> losses = new ArrayList<>();
        boolean truncated = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Record r;
            try {
                r = parse(line);
            } catch (IOException | IllegalArgumentException e) {
                if (i == lines.size() - 1 && clientId != null) {
                    truncated = true;
                    break;
                }
                throw new LedgerException("ledger " + file + " line " + (i + 1) + " is not a ledger record");
            }
            if (clientId == null && !"start".equals(r.type)) {
                throw new LedgerException("ledger " + file + " does not begin with a start record");
            }
            switch (r.type) {
                case "start" -> clientId = r.client;
                case "begin" -> open.put(r.seq, r.ts);
                case "end" -> {
                    Long start = open.remove(r.seq);
                    attempts.add(new Attempt(clientId, r.seq, start == null ? r.ts : start, r.ts, r.outcome()));
                }
                case "loss" -> losses.addAll(r.seqs);
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
        attempts.sort(java.util.Comparator.comparingLong(Attempt::sequence));
        return new Ledger(clientId, attempts, losses, truncated);
    }

    private static Record parse(String line) throws IOException {
        Record r = new Record();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
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
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || r.type == null) {
                throw new IllegalArgumentException("incomplete record");
            }
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
            if (outcome == null) {
                throw new IllegalArgumentException("end record without outcome");
            }
            return switch (outcome) {
                case "OK" -> new Outcome.Ok(serverId);
                case "FAILED" -> new Outcome.Failed(code, sqlState, message);
                default -> new Outcome.Unknown(code, sqlState, message);
            };
        }
    }
}
