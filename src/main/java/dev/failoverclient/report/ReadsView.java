package dev.failoverclient.report;

import dev.failoverclient.history.Entry;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.verify.Reads;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The read check: JSON {@code stale_reads} (present whenever it ran), {@code read_visibility_ms}
 * {@code {p50, p99, max}}, and per endpoint under {@code read_check}; a text line and a section.
 */
final class ReadsView implements View<Reads> {
    private static final int SHOWN = 10;

    @Override
    public Class<Reads> type() {
        return Reads.class;
    }

    @Override
    public void text(Reads f, StringBuilder b) {
        b.append("Read check: stale reads ").append(f.staleReads()).append(" (own connection ").append(f.staleOwn())
                .append(", read endpoint ").append(f.staleEndpoint()).append(')');
        f.visibility().forEach((endpoint, h) -> b.append("; visible on ").append(endpoint).append(" after p50/p99/max ")
                .append(ms(h, 50)).append(" / ").append(ms(h, 99)).append(" / ").append(ms(h, 100)).append(" ms"));
        b.append('\n');
        f.stale().stream().limit(SHOWN).forEach(r -> b.append("  ").append(r.endpoint().equals(Reads.OWN)
                ? "✗ STALE_READ" : "stale read").append(" of sequence ").append(r.sequence()).append(" on ")
                .append(r.endpoint().equals(Reads.OWN) ? "its own connection" : r.endpoint()).append(": acknowledged ")
                .append(Micros.iso(r.ackedMicros())).append(", not visible at ").append(Micros.iso(r.micros()))
                .append('\n'));
    }

    @Override
    public void json(Reads f, Map<String, Object> root) {
        root.put("stale_reads", f.staleReads());
        root.put("read_visibility_ms", quantiles(f.allVisibility()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("stale_own", f.staleOwn());
        detail.put("stale_endpoint", f.staleEndpoint());
        Map<String, Object> byEndpoint = new LinkedHashMap<>();
        f.visibility().forEach((endpoint, h) -> byEndpoint.put(endpoint, quantiles(h)));
        detail.put("visibility_ms", byEndpoint);
        detail.put("stale", f.stale().stream().map(ReadsView::stale).toList());
        root.put("read_check", detail);
    }

    @Override
    public void html(Reads f, StringBuilder b) {
        b.append("<section id=\"read-check\"><h2>Reading the writes back</h2><p>").append(f.staleReads())
                .append(" stale reads: ").append(f.staleOwn()).append(" on the writer's own connection, ")
                .append(f.staleEndpoint()).append(" on the read endpoint.</p><table><thead><tr><th>endpoint</th>"
                        + "<th>writes seen</th><th>visible after, p50 / p99 / max</th></tr></thead><tbody>");
        f.visibility().forEach((endpoint, h) -> b.append("<tr><td>").append(Html.esc(endpoint)).append("</td><td>")
                .append(h.getTotalCount()).append("</td><td>").append(ms(h, 50)).append(" / ").append(ms(h, 99))
                .append(" / ").append(ms(h, 100)).append(" ms</td></tr>"));
        b.append("</tbody></table></section>");
    }

    private static Map<String, Object> stale(Entry.StaleRead r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", r.client());
        m.put("endpoint", r.endpoint());
        m.put("sequence", r.sequence());
        m.put("rows", r.rows());
        m.put("acknowledged", Micros.iso(r.ackedMicros()));
        m.put("checked", Micros.iso(r.micros()));
        return m;
    }

    private static Map<String, Object> quantiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", h.getTotalCount() == 0 ? null : ms(h, 50));
        m.put("p99", h.getTotalCount() == 0 ? null : ms(h, 99));
        m.put("max", h.getTotalCount() == 0 ? null : ms(h, 100));
        return m;
    }

    private static double ms(Histogram h, double percentile) {
        long micros = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return Math.round(micros / 10.0) / 100.0;
    }
}
