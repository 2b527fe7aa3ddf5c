package dev.failoverclient.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.ledger.RunFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** Reads what a run left behind: summary, ledgers, and the rows with plain SQL. */
public final class RunFiles {
    private RunFiles() {
    }

    public static JsonNode summary(Path runDir) throws IOException {
        return new ObjectMapper().readTree(new RunFolder(runDir).summary().toFile());
    }

    public static Ledger ledger(Path runDir, String clientId) {
        return Ledger.read(runDir, clientId);
    }

    /** Every stored sequence of the client, ascending, duplicates repeated. */
    public static List<Long> sequences(Connection c, String clientId) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sequence FROM failover_test WHERE client_id = ? ORDER BY sequence")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
        }
        return seqs;
    }

    public static long count(Connection c, String clientId) throws SQLException {
        return sequences(c, clientId).size();
    }

    /**
     * The writes the read endpoint showed, by the ledger's visibility records, their histograms
     * decoded with plain Jackson and HdrHistogram itself.
     */
    public static long visibleWrites(Path runDir, String clientId) throws IOException, DataFormatException {
        ObjectMapper json = new ObjectMapper();
        long count = 0;
        for (String line : Files.readAllLines(runDir.resolve("ledger-" + clientId + ".jsonl"), StandardCharsets.UTF_8)) {
            JsonNode r = json.readTree(line);
            if (r.get("type").asText().equals("visibility")) {
                count += Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder()
                        .decode(r.get("micros").asText())), 0).getTotalCount();
            }
        }
        return count;
    }
}
