package dev.failoverclient.report;

/** Escaping and number formats for the HTML report. */
final class Html {
    private Html() {
    }

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
