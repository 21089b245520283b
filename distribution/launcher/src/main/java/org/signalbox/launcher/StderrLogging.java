package org.signalbox.launcher;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Log lines on stderr as signal-cli writes them ({@code LEVEL  Component - message}); clients such as signal-sdk
 * classify stderr lines by that first word. stdout stays free for JSON-RPC.
 */
final class StderrLogging {

    /** Libraries whose INFO lines are start-up chatter; held strongly, as JUL keeps loggers weakly. */
    private static final Logger[] QUIET = {Logger.getLogger("org.apache.aries.spifly"),
        Logger.getLogger("org.eclipse.jetty")};

    private StderrLogging() {
    }

    static void install(PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler handler = new StreamHandler(err, new LineFormatter()) {
            @Override
            public synchronized void publish(LogRecord r) {
                super.publish(r);
                flush();
            }
        };
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        for (Logger l : QUIET) {
            l.setLevel(Level.WARNING);
        }
    }

    static String level(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    /** One line per record, plus the stack trace when there is one. */
    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            name = name.substring(name.lastIndexOf('.') + 1);
            StringBuilder b = new StringBuilder();
            b.append(String.format("%-5s %s - %s%n", level(r.getLevel()), name, formatMessage(r)));
            if (r.getThrown() != null) {
                java.io.StringWriter w = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                b.append(w);
            }
            return b.toString();
        }
    }
}
