package org.replkit.conformance.report;

import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.FailingCase;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.spec.Outcome;

/**
 * junit.xml, written from the verdicts so that a CI test view shows exactly what the kit decided:
 * one test case per (requirement, endpoint), named {@code SYNC-IDEM-03 [patterns] <title>} in class
 * {@code replication.SYNC-IDEM}. A failure that fails the run is a {@code <failure>} whose message is
 * the one-line reason and whose body is the evidence with a curl line per request; everything else
 * that did not pass (cannot tell, inapplicable, a SHOULD the profile does not count, a baselined
 * failure) is {@code <skipped>} with the reason. Only the run's own settings are properties: no JVM
 * property, no host, no secret.
 */
public final class JunitReport {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JunitReport() {}

    public static String render(ConformanceResult r, Replay replay) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            ConformanceResult.Cases cases = r.cases();
            String seconds = seconds(r.millis());
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "replication conformance kit");
            counts(x, cases, seconds);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "replication conformance (" + r.profile().label() + ")");
            counts(x, cases, seconds);
            x.writeAttribute("timestamp", TIMESTAMP.format(r.startedAt()));
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "profile", r.profile().label());
            property(x, "seed", String.valueOf(r.seed()));
            property(x, "verdict", r.verdict().label());
            property(x, "rerun", Rerun.command(r, List.of()));
            for (var t : r.targets().entrySet()) {
                property(x, "target." + t.getKey(), t.getValue());
            }
            x.writeCharacters("\n    ");
            x.writeEndElement();
            for (RequirementVerdict v : r.verdicts()) {
                testcase(x, r, v, replay);
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write junit.xml", e);
        }
        return out.toString();
    }

    private static void counts(XMLStreamWriter x, ConformanceResult.Cases cases, String seconds) throws XMLStreamException {
        x.writeAttribute("tests", String.valueOf(cases.tests()));
        x.writeAttribute("failures", String.valueOf(cases.failures()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", String.valueOf(cases.skipped()));
        x.writeAttribute("time", seconds);
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", xml(value));
    }

    private static void testcase(XMLStreamWriter x, ConformanceResult r, RequirementVerdict v, Replay replay)
            throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "replication." + v.requirement().family());
        x.writeAttribute("name", v.name() + " " + v.requirement().title());
        x.writeAttribute("time", seconds(v.millis()));
        String skip = skipMessage(r, v);
        if (r.isNewFailure(v)) {
            x.writeCharacters("\n      ");
            x.writeStartElement("failure");
            x.writeAttribute("message", xml(oneLine(v.reason()) + (v.casesRun() > 1 ? " (" + v.casesLine() + ")" : "")));
            x.writeAttribute("type", v.requirement().level().name());
            x.writeCharacters(xml(evidence(r, v, replay)));
            x.writeEndElement();
            x.writeCharacters("\n    ");
        } else if (skip != null) {
            x.writeCharacters("\n      ");
            x.writeEmptyElement("skipped");
            x.writeAttribute("message", xml(skip));
            x.writeCharacters("\n    ");
        }
        x.writeEndElement();
    }

    /** Why a case that neither passed nor fails the run is skipped, or null for a pass. */
    public static String skipMessage(ConformanceResult r, RequirementVerdict v) {
        return switch (v.outcome()) {
            case PASSED -> null;
            case FAILED -> r.baselined(v) ? "known failure, listed in the baseline: " + oneLine(v.reason())
                    : v.requirement().level().name() + ", not counted by " + r.profile().label() + ": " + oneLine(v.reason());
            case CANT_TELL -> "cannot tell: " + oneLine(v.reason());
            case INAPPLICABLE -> "inapplicable: " + oneLine(v.reason());
        };
    }

    private static String evidence(ConformanceResult r, RequirementVerdict v, Replay replay) {
        StringBuilder b = new StringBuilder("\n");
        b.append(v.reason()).append("\n");
        CheckOutcome c = v.deciding();
        if (c != null && c.expected() != null) {
            b.append("expected: ").append(c.expected()).append("\nactual:   ").append(c.actual()).append("\n");
        }
        if (c != null && c.example() != null) {
            b.append("smallest failing example:\n").append(c.example()).append("\n");
        }
        exchanges(b, v.evidence(), replay);
        List<FailingCase> cases = v.failingCases();
        b.append("\n").append(v.casesLine()).append("\n");
        for (int i = 1; i < cases.size(); i++) {
            FailingCase fc = cases.get(i);
            b.append("\nFailing case ").append(i + 1).append(" of ").append(cases.size()).append(": ").append(fc.name()).append("\n")
                    .append(fc.message()).append("\n");
            if (fc.expected() != null) {
                b.append("expected: ").append(fc.expected()).append("\nactual:   ").append(fc.actual()).append("\n");
            }
            if (fc.example() != null) {
                b.append("smallest failing example:\n").append(fc.example()).append("\n");
            }
            exchanges(b, fc.evidence(), replay);
        }
        b.append("\nRerun this requirement: ").append(Rerun.command(r, List.of(v.id()))).append("\n    ");
        return b.toString();
    }

    private static void exchanges(StringBuilder b, List<Exchange> exchanges, Replay replay) {
        for (Exchange e : exchanges) {
            b.append("\n").append(e.method()).append(' ').append(e.url()).append("\n");
            e.requestHeaders().forEach((k, val) -> b.append(k).append(": ").append(val).append("\n"));
            if (e.method().equals("POST")) {
                b.append("\n").append(e.requestText()).append("\n");
            }
            b.append("-> ");
            if (e.status() == null) {
                b.append("no answer: ").append(e.error()).append(" (").append(e.millis()).append(" ms)\n");
            } else {
                b.append(e.status()).append(" (").append(e.millis()).append(" ms)")
                        .append(e.error() == null ? "" : "; " + e.error()).append("\n").append(e.responseText()).append("\n");
            }
            b.append("Reproduce with: ").append(replay.curl(e)).append("\n");
        }
    }

    /** Characters XML 1.0 cannot carry (NUL and other controls a receiver may answer) written as backslash-u codes. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (allowed) {
                b.appendCodePoint(c);
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            }
        });
        return b.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
