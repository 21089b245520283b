package org.signalbox.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** One JUnit XML file per distribution, as CI servers read them. */
final class JUnitReport {

    private JUnitReport() {
    }

    static void write(Path file, String suite, List<Outcome> outcomes) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suite);
            x.writeAttribute("tests", Integer.toString(outcomes.size()));
            x.writeAttribute("failures", count(outcomes, Outcome.Status.FAILED));
            x.writeAttribute("skipped", count(outcomes, Outcome.Status.SKIPPED));
            x.writeAttribute("errors", "0");
            x.writeAttribute("time", seconds(outcomes.stream().mapToDouble(Outcome::seconds).sum()));
            for (Outcome o : outcomes) {
                x.writeStartElement("testcase");
                x.writeAttribute("classname", suite);
                x.writeAttribute("name", o.name());
                x.writeAttribute("time", seconds(o.seconds()));
                if (o.status() == Outcome.Status.FAILED) {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", o.message());
                    x.writeCharacters(o.message());
                    x.writeEndElement();
                } else if (o.status() == Outcome.Status.SKIPPED) {
                    x.writeStartElement("skipped");
                    x.writeAttribute("message", o.message());
                    x.writeEndElement();
                }
                element(x, "system-out", o.log());
                element(x, "system-err", o.stderr());
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        if (text != null && !text.isEmpty()) {
            x.writeStartElement(name);
            x.writeCData(text.replace("]]>", "]]]]><![CDATA[>"));
            x.writeEndElement();
        }
    }

    private static String count(List<Outcome> outcomes, Outcome.Status status) {
        return Long.toString(outcomes.stream().filter(o -> o.status() == status).count());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
