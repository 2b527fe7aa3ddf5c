package dev.failoverclient.report;

/** The HTML report's style sheet, escaping and number formats. */
final class Html {
    private Html() {
    }

    /** The report's whole style sheet, inline so that the page fetches nothing. */
    static final String CSS = "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px"
            + " auto;max-width:1140px;color:#1d232b;background:#fff}h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;"
            + "margin:28px 0 8px;border-bottom:1px solid #d8dde3}h3{font-size:14px;margin:14px 0 4px}.verdict{display:"
            + "inline-block;font-size:20px;font-weight:700;padding:4px 14px;border-radius:4px;margin:4px 0;color:#fff}"
            + ".verdict.pass{background:#1f883d}.verdict.fail{background:#cf222e}.verdict.unknown{background:#bf8700}"
            + "#reasons{font-weight:600}.meta{color:#57606a;font-size:12px}.numbers{display:grid;grid-template-columns:"
            + "repeat(6,1fr);gap:8px}.numbers div{border:1px solid #d8dde3;border-radius:4px;padding:6px 8px}.n{display:"
            + "block;font-size:18px;font-weight:600}.l{color:#57606a;font-size:12px}table{border-collapse:collapse;width:"
            + "100%;margin:6px 0}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}"
            + "thead th{background:#f6f8fa}tr.bad td{background:#ffebe9}p.bad{color:#cf222e}tr.warn td{background:#fff8c5}td.seq{font-family:"
            + "ui-monospace,monospace;word-break:break-all}svg.timeline{width:100%;height:auto;display:block}svg .plot{"
            + "fill:#fbfcfd;stroke:#d8dde3}svg .grid{stroke:#eaeef2}svg .axis{font-size:11px;fill:#57606a}svg .ok{stroke:"
            + "#1f883d;stroke-linecap:round;fill:none}svg .failed{stroke:#cf222e;stroke-linecap:round;fill:none}svg"
            + " .unknown{stroke:#d4760a;stroke-linecap:round;fill:none}svg .outage{fill:#cf222e;fill-opacity:.1}svg"
            + " .outage-label{font-size:11px;fill:#a40e26}svg .fault{stroke:#1d232b;stroke-dasharray:4 3}svg .writable{"
            + "stroke:#0969da}svg .switched{stroke:#8250df;stroke-dasharray:2 2}.legend{font-size:12px;color:#57606a}"
            + ".k{display:inline-block;width:12px;height:10px;margin:0 4px 0 10px;vertical-align:middle}.k.ok{background:"
            + "#1f883d}.k.failed{background:#cf222e}.k.unknown{background:#d4760a}.k.outage{background:#f6d1d4}.k.fault{"
            + "border-left:2px dashed #1d232b}.k.writable{border-left:2px solid #0969da}.k.switched{border-left:2px dotted"
            + " #8250df}.k.split{background:#8250df}.k.noprimary{background:#8c959f}.k.semisync{background:#d4a72c}svg .split{"
            + "fill:#8250df;fill-opacity:.8}svg .noprimary{fill:#8c959f;fill-opacity:.6}svg .semisync{fill:#d4a72c;"
            + "fill-opacity:.8}svg .nonprimary{fill:#bc4c00;fill-opacity:.8}svg .notsynced{fill:#0969da;fill-opacity:.5}"
            + ".k.nonprimary{background:#bc4c00}.k.notsynced{background:#80b3ed}svg .clientdown{fill:#57606a;fill-opacity:.12}"
            + ".k.clientdown{background:#dfe2e5}td.settings{font-family:ui-monospace,monospace;white-space:nowrap}ul.warnings{margin:0;overflow-wrap:anywhere;"
            + "padding-left:18px}section{overflow-x:auto}"
            // A phone: two numbers a row, narrower margins; wide tables scroll inside their section.
            + "@media (max-width:700px){body{margin:12px}.numbers{grid-template-columns:repeat(2,1fr)}#durability thead{"
            + "display:none}#durability :is(table,tbody,tr,td){display:block}td.settings{font-size:12px}}";

    /** Text safe in element content and double-quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code 850 ms}, {@code 2.4 s}, {@code 3 min 5 s}, {@code 2 h 5 min}. */
    static String duration(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1_000.0).replace(".0 s", " s");
        }
        long s = millis / 1_000;
        if (s < 3_600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3_600 + " h" + (s % 3_600 / 60 == 0 ? "" : " " + s % 3_600 / 60 + " min");
    }
}
