package dev.failoverclient.report;

import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Micros;
import dev.failoverclient.ledger.Sequences;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.ClientReport;
import dev.failoverclient.ledger.Outage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An {@link Analysis} as JUnit XML, for CI systems: one {@code testsuite} per run (per fault cycle
 * in the lab), one {@code testcase} per client and check (lost, duplicates, unexpected, online loss;
 * in the lab also "outage closed"), a {@code failure} naming the sequences when a check fails, an
 * {@code error} when it could not run (rows unreadable), the run's numbers as properties.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    /** A slice of the run: the whole run, or one lab cycle ({@code [firstSeq, lastSeq]} per client by cycle). */
    private record Slice(String name, int cycle, long fromMicros, long toMicros) {
    }

    /** @param name the run's name, e.g. {@code run 20250108T103015Z-client-a} or {@code lab kill-primary} */
    public static void write(Path file, Analysis a, String name) throws IOException {
        List<Slice> slices = slices(a, name);
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "mariadb-failover-client");
            List<Map<String, Object>> suites = new ArrayList<>();
            int tests = 0;
            int failures = 0;
            int errors = 0;
            for (Slice s : slices) {
                Map<String, Object> suite = suite(a, s);
                suites.add(suite);
                tests += (Integer) suite.get("tests");
                failures += (Integer) suite.get("failures");
                errors += (Integer) suite.get("errors");
            }
            x.writeAttribute("tests", Integer.toString(tests));
            x.writeAttribute("failures", Integer.toString(failures));
            x.writeAttribute("errors", Integer.toString(errors));
            x.writeAttribute("time", seconds(a.runEndMicros() - Math.max(0, a.firstStartMicros())));
            for (int i = 0; i < slices.size(); i++) {
                writeSuite(x, a, slices.get(i), suites.get(i));
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML " + file + ": " + e.getMessage(), e);
        }
    }

    /** The whole run, or one slice per lab cycle (the first also holds the warm-up). */
    private static List<Slice> slices(Analysis a, String name) {
        List<LabEvent> faults = a.events().stream().filter(e -> e.type().equals(LabEvent.FAULT)).toList();
        List<Slice> slices = new ArrayList<>();
        if (faults.isEmpty()) {
            slices.add(new Slice(name, 0, Long.MIN_VALUE, Long.MAX_VALUE));
            return slices;
        }
        for (int i = 0; i < faults.size(); i++) {
            long from = i == 0 ? Long.MIN_VALUE : faults.get(i).micros();
            long to = i + 1 < faults.size() ? faults.get(i + 1).micros() : Long.MAX_VALUE;
            slices.add(new Slice(name + " cycle " + faults.get(i).cycle(), faults.get(i).cycle(), from, to));
        }
        return slices;
    }

    /** The testcases of one slice, counted; each case: client, check, failure text or null, error or null. */
    private static Map<String, Object> suite(Analysis a, Slice s) {
        List<String[]> cases = new ArrayList<>();
        for (ClientReport r : a.clients()) {
            // A lab cycle holds the sequences from the first one written after its fault (the first
            // cycle: from the start) to the one before the next cycle's.
            long first = s.cycle() <= 1 ? Long.MIN_VALUE : cycleStart(r, s.cycle());
            long last = s.cycle() == 0 ? Long.MAX_VALUE : cycleStart(r, s.cycle() + 1) - 1;
            String unreadable = a.rowsRead() ? null : "the primary's rows could not be read";
            cases.add(check(r, "lost", r.lost().within(first, last), "acknowledged writes absent on the primary",
                    unreadable));
            cases.add(check(r, "duplicates", r.duplicates().within(first, last), "sequences stored more than once",
                    unreadable));
            cases.add(check(r, "unexpected", r.unexpected().within(first, last),
                    "refused or never attempted, yet stored", unreadable));
            if (r.transactions()) {
                cases.add(check(r, "partial", r.partial().within(first, last),
                        "rows of transactions stored in part", unreadable));
            }
            cases.add(check(r, "online loss", r.onlineLost().within(first, last),
                    "acknowledged writes missing after a reconnect during the run", null));
            if (s.cycle() > 0) {
                List<Outage> open = r.outages().stream().filter(o -> o.open() && inSlice(o, s)).toList();
                cases.add(new String[] {r.clientId(), "outage closed", open.isEmpty() ? null
                        : "an outage that began at " + Micros.iso(open.get(0).startMicros()) + " never ended", null,
                        open.isEmpty() ? null : "outage still open when the run ended"});
            }
        }
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("cases", cases);
        suite.put("tests", cases.size());
        suite.put("failures", (int) cases.stream().filter(c -> c[2] != null).count());
        suite.put("errors", (int) cases.stream().filter(c -> c[3] != null && c[2] == null).count());
        return suite;
    }

    private static String[] check(ClientReport r, String check, Sequences found, String what, String error) {
        if (error != null) {
            return new String[] {r.clientId(), check, null, error, null};
        }
        return found.isEmpty() ? new String[] {r.clientId(), check, null, null, null}
                : new String[] {r.clientId(), check, "sequences " + found.format(Integer.MAX_VALUE), null,
                        found.count() + " " + what};
    }

    @SuppressWarnings("unchecked")
    private static void writeSuite(XMLStreamWriter x, Analysis a, Slice s, Map<String, Object> suite)
            throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", s.name());
        x.writeAttribute("tests", suite.get("tests").toString());
        x.writeAttribute("failures", suite.get("failures").toString());
        x.writeAttribute("errors", suite.get("errors").toString());
        x.writeAttribute("skipped", "0");
        long from = Math.max(s.fromMicros(), Math.max(0, a.firstStartMicros()));
        long to = Math.min(s.toMicros(), a.runEndMicros());
        x.writeAttribute("time", seconds(Math.max(0, to - from)));
        x.writeAttribute("timestamp", Micros.iso(from).substring(0, 19));
        x.writeAttribute("hostname", hostname());
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        Map<String, Object> properties = properties(a);
        if (s.cycle() > 0) {
            List<Outage> inCycle = a.outages().stream().filter(o -> inSlice(o, s)).toList();
            properties.put("cycle", s.cycle());
            properties.put("cycle_outages", inCycle.size());
            properties.put("cycle_max_outage_ms", inCycle.stream().mapToLong(o -> o.durationMillis(a.runEndMicros()))
                    .max().orElse(0));
        }
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            x.writeCharacters("\n      ");
            x.writeEmptyElement("property");
            x.writeAttribute("name", p.getKey());
            x.writeAttribute("value", String.valueOf(p.getValue()));
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (String[] c : (List<String[]>) suite.get("cases")) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", c[0]);
            x.writeAttribute("name", c[1]);
            x.writeAttribute("time", "0");
            if (c[2] != null || c[3] != null) {
                x.writeStartElement(c[2] != null ? "failure" : "error");
                x.writeAttribute("message", c[2] != null ? c[4] : c[3]);
                x.writeAttribute("type", c[1]);
                x.writeCharacters(c[2] != null ? c[2] : c[3]);
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static Map<String, Object> properties(Analysis a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("verdict", a.conclusion().verdict());
        p.put("reasons", a.conclusion().line());
        p.put("attempted", a.attempted());
        p.put("ok", a.ok());
        p.put("failed", a.failed());
        p.put("unknown", a.unknown());
        p.put("online_lost", a.onlineLost());
        p.put("outages", a.outages().size());
        p.put("max_outage_ms", a.maxOutageMillis());
        p.put("throughput_wps", String.format(Locale.ROOT, "%.1f", a.throughput()));
        p.put("version", Version.current());
        return p;
    }

    /** The first sequence of {@code cycle}; none written in it (or no such cycle): beyond every sequence. */
    private static long cycleStart(ClientReport r, int cycle) {
        Long s = r.cycleStarts().get(cycle);
        return s == null ? Long.MAX_VALUE : s;
    }

    private static boolean inSlice(Outage o, Slice s) {
        return o.startMicros() >= s.fromMicros() && o.startMicros() < s.toMicros();
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1e6);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
