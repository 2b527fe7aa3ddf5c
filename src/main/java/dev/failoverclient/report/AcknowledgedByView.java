package dev.failoverclient.report;

import dev.failoverclient.ledger.Micros;
import dev.failoverclient.verify.AcknowledgedBy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which servers acknowledged each client's writes, in turn: the text line
 * {@code Acknowledged by, lab-1: server_id 1 (node-0) 58 writes, then server_id 2 (node-1) 61 writes},
 * JSON {@code acknowledged_by}, and a table in the HTML report.
 */
final class AcknowledgedByView implements View<AcknowledgedBy> {

    @Override
    public Class<AcknowledgedBy> type() {
        return AcknowledgedBy.class;
    }

    @Override
    public void text(AcknowledgedBy f, StringBuilder b) {
        f.clients().forEach((client, stints) -> {
            if (stints.isEmpty()) {
                return;
            }
            b.append("Acknowledged by, ").append(client).append(": ");
            for (int i = 0; i < stints.size(); i++) {
                AcknowledgedBy.Stint s = stints.get(i);
                b.append(i == 0 ? "" : ", then ").append("server_id ").append(s.serverId()).append(" (")
                        .append(s.hostname()).append(") ").append(s.writes()).append(s.writes() == 1 ? " write" : " writes");
            }
            b.append('\n');
        });
    }

    @Override
    public void json(AcknowledgedBy f, Map<String, Object> root) {
        Map<String, Object> byClient = new LinkedHashMap<>();
        f.clients().forEach((client, stints) -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (AcknowledgedBy.Stint s : stints) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("server_id", s.serverId());
                m.put("hostname", s.hostname());
                m.put("first", Micros.iso(s.firstMicros()));
                m.put("last", Micros.iso(s.lastMicros()));
                m.put("writes", s.writes());
                list.add(m);
            }
            byClient.put(client, list);
        });
        root.put("acknowledged_by", byClient);
    }

    @Override
    public void html(AcknowledgedBy f, StringBuilder b) {
        b.append("<section id=\"acknowledged-by\"><h2>Servers that acknowledged the writes</h2><table><thead><tr>"
                + "<th>client</th><th>server</th><th>first (UTC)</th><th>last (UTC)</th><th>writes</th></tr></thead>"
                + "<tbody>");
        f.clients().forEach((client, stints) -> stints.forEach(s -> b.append("<tr><td>").append(Html.esc(client))
                .append("</td><td>server_id ").append(s.serverId()).append(" (").append(Html.esc(s.hostname()))
                .append(")</td><td>").append(Micros.iso(s.firstMicros())).append("</td><td>")
                .append(Micros.iso(s.lastMicros())).append("</td><td>").append(s.writes()).append("</td></tr>")));
        b.append("</tbody></table></section>");
    }
}
