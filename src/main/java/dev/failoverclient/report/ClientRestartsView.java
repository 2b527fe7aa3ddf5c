package dev.failoverclient.report;

import dev.failoverclient.ledger.Micros;
import dev.failoverclient.verify.ClientRestarts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clients' own downtime: text lines, JSON {@code client_restarts} [{client, start, end,
 * duration_ms, killed}] and {@code client_killed} [{client, at}] (both present, empty when none),
 * and a section of the HTML report (the timelines draw each downtime as a band).
 */
final class ClientRestartsView implements View<ClientRestarts> {

    @Override
    public Class<ClientRestarts> type() {
        return ClientRestarts.class;
    }

    @Override
    public void text(ClientRestarts f, StringBuilder b) {
        if (!f.restarts().isEmpty()) {
            b.append("Client downtime (the client's own, not the database's):\n");
            f.restarts().forEach(r -> b.append("  ").append(r.client()).append(": down from ")
                    .append(Micros.iso(r.downMicros())).append(" to ").append(Micros.iso(r.upMicros())).append(" (")
                    .append(r.durationMillis()).append(" ms), ").append(r.killed() ? "its process killed (no stop record)"
                            : "its process stopped").append(", then started again\n"));
        }
        f.killed().forEach(k -> b.append("⚠ the client ").append(k.client())
                .append(" stopped without a stop record at ").append(Micros.iso(k.micros())).append(" (killed?)\n"));
    }

    @Override
    public void json(ClientRestarts f, Map<String, Object> root) {
        root.put("client_restarts", f.restarts().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client", r.client());
            m.put("start", Micros.iso(r.downMicros()));
            m.put("end", Micros.iso(r.upMicros()));
            m.put("duration_ms", r.durationMillis());
            m.put("killed", r.killed());
            return m;
        }).toList());
        root.put("client_killed", f.killed().stream().map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client", k.client());
            m.put("at", Micros.iso(k.micros()));
            return m;
        }).toList());
    }

    @Override
    public void html(ClientRestarts f, StringBuilder b) {
        if (f.restarts().isEmpty() && f.killed().isEmpty()) {
            return;
        }
        b.append("<section id=\"client-downtime\"><h2>Client downtime</h2><p>The clients' own: a client started again"
                + " in its run folder continues its history, and the time it was down is not a database outage.</p>");
        if (!f.restarts().isEmpty()) {
            b.append("<table><thead><tr><th>client</th><th>down from</th><th>to</th><th>for</th><th>its process"
                    + "</th></tr></thead><tbody>");
            f.restarts().forEach(r -> b.append("<tr><td>").append(Html.esc(r.client())).append("</td><td>")
                    .append(Micros.iso(r.downMicros())).append("</td><td>").append(Micros.iso(r.upMicros()))
                    .append("</td><td>").append(Html.duration(r.durationMillis())).append("</td><td>")
                    .append(r.killed() ? "killed (no stop record)" : "stopped").append("</td></tr>"));
            b.append("</tbody></table>");
        }
        f.killed().forEach(k -> b.append("<p class=\"bad\">⚠ ").append(Html.esc(k.client()))
                .append(" stopped without a stop record at ").append(Micros.iso(k.micros())).append(" (killed?)</p>"));
        b.append("</section>");
    }
}
