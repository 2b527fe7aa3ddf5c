package dev.failoverclient.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.testsupport.Runs;
import dev.failoverclient.verify.Analysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML report, validated against the format's schema and read back with a DOM parser. */
class JUnitReportTest {
    @TempDir
    Path dir;

    private Document writeAndRead(Analysis a, String name) throws Exception {
        Path xml = dir.resolve("junit.xml");
        JUnitReport.write(xml, a, name);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitReportTest.class.getResource("/junit.xsd")).newValidator()
                .validate(new StreamSource(xml.toFile()));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList all = parent.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            found.add((Element) all.item(i));
        }
        return found;
    }

    private static Element testcase(Element suite, String client, String check) {
        return children(suite, "testcase").stream().filter(t -> t.getAttribute("classname").equals(client)
                && t.getAttribute("name").equals(check)).findFirst().orElseThrow();
    }

    @Test
    void aRunIsOneSuiteWithACasePerClientAndCheck() throws Exception {
        Runs.ledger(dir, "a", 1, "OOOOO");
        Runs.ledger(dir, "b", 1, "OOO");
        Analysis a = Runs.analyse(dir, Runs.node("p", java.util.Map.of("a", new long[] {1, 2, 4, 5},
                "b", new long[] {1, 2, 3, 3})), List.of(), false);

        Document doc = writeAndRead(a, "run x");
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("8");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        List<Element> suites = children(root, "testsuite");
        assertThat(suites).singleElement().satisfies(s -> assertThat(s.getAttribute("name")).isEqualTo("run x"));
        Element lost = (Element) testcase(suites.get(0), "a", "lost").getElementsByTagName("failure").item(0);
        assertThat(lost.getAttribute("message")).isEqualTo("1 acknowledged writes absent on the primary");
        assertThat(lost.getTextContent()).isEqualTo("sequences 3");
        assertThat(testcase(suites.get(0), "b", "duplicates").getElementsByTagName("failure").item(0).getTextContent())
                .isEqualTo("sequences 3");
        assertThat(testcase(suites.get(0), "b", "lost").getChildNodes().getLength()).isZero();
        assertThat(children(suites.get(0), "property")).anySatisfy(p -> {
            assertThat(p.getAttribute("name")).isEqualTo("verdict");
            assertThat(p.getAttribute("value")).isEqualTo("FAIL");
        });
    }

    @Test
    void aLabRunIsASuitePerCycleWithItsOwnAnomaliesAndOutages() throws Exception {
        // Attempt s starts at s ms and ends 0.5 ms later; faults at 3.2 ms and 6.2 ms: cycle 1 holds
        // sequences 1-5 (6 is the first answered after the second fault), cycle 2 holds 6-10.
        Runs.ledger(dir, "c", 1, "OOOFOOOOOF");
        Runs.faults(dir, 3_200, 6_200);
        Analysis a = Runs.analyse(dir, Runs.node("p", 1, 3, 5, 6, 7, 9), List.of(), false);

        Document doc = writeAndRead(a, "lab kill-primary");
        List<Element> suites = children(doc.getDocumentElement(), "testsuite");
        assertThat(suites).extracting(s -> s.getAttribute("name"))
                .containsExactly("lab kill-primary cycle 1", "lab kill-primary cycle 2");
        Element one = suites.get(0);
        Element two = suites.get(1);
        assertThat(testcase(one, "c", "lost").getElementsByTagName("failure").item(0).getTextContent())
                .isEqualTo("sequences 2");
        assertThat(testcase(two, "c", "lost").getElementsByTagName("failure").item(0).getTextContent())
                .isEqualTo("sequences 8");
        // The outage of cycle 1 (sequence 4) ended; the one of cycle 2 (sequence 10) never did.
        assertThat(testcase(one, "c", "outage closed").getChildNodes().getLength()).isZero();
        assertThat(((Element) testcase(two, "c", "outage closed").getElementsByTagName("failure").item(0))
                .getAttribute("message")).isEqualTo("outage still open when the run ended");
        assertThat(one.getAttribute("failures")).isEqualTo("1");
        assertThat(two.getAttribute("failures")).isEqualTo("2");
        assertThat(children(two, "property")).anySatisfy(p -> {
            assertThat(p.getAttribute("name")).isEqualTo("cycle_outages");
            assertThat(p.getAttribute("value")).isEqualTo("1");
        });
    }

    @Test
    void checksThatCouldNotRunAreErrorsNotPasses() throws Exception {
        Runs.ledger(dir, "c", 1, "OOO");
        Analysis a = Runs.analyse(dir, null, List.of(), false);

        Element suite = children(writeAndRead(a, "run x").getDocumentElement(), "testsuite").get(0);
        assertThat(suite.getAttribute("errors")).isEqualTo("3");
        assertThat(testcase(suite, "c", "lost").getElementsByTagName("error").item(0).getTextContent())
                .isEqualTo("the primary's rows could not be read");
        assertThat(testcase(suite, "c", "online loss").getChildNodes().getLength()).isZero();
    }
}
