package dev.failoverclient.ledger;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** HdrHistograms as the run folder's files hold them: compressed, base64 (census lag, read visibility). */
public final class Histograms {
    private Histograms() {
    }

    public static String encode(Histogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(b.array(), n));
    }

    /** @param where named in the error when {@code base64} is no histogram: the file and line */
    public static Histogram decode(String base64, String where) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | IllegalArgumentException | NullPointerException e) {
            throw new LedgerException(where + " holds an unreadable histogram", e);
        }
    }
}
