package org.signalbox.launcher;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Felix's own messages through the same stderr logging (Felix would print them on stdout). */
final class FelixLogger extends org.apache.felix.framework.Logger {

    private static final Logger LOG = Logger.getLogger("Felix");

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        Level l = switch (level) {
            case LOG_ERROR -> Level.SEVERE;
            case LOG_WARNING -> Level.WARNING;
            case LOG_INFO -> Level.INFO;
            default -> Level.FINE;
        };
        String where = bundle == null ? "" : "[" + bundle.getSymbolicName() + "] ";
        LOG.log(l, where + msg, throwable);
    }
}
