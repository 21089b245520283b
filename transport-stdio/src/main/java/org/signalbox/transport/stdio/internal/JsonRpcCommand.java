package org.signalbox.transport.stdio.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.signalbox.api.cli.CliContext;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LineReader;
import org.signalbox.api.transport.ReceiveMode;
import org.signalbox.api.transport.Transport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code signalbox [-a ACCOUNT] jsonRpc}: JSON-RPC on stdin/stdout, one JSON value per line. stdout carries only
 * JSON-RPC: while it runs, anything else printed to {@code System.out} goes to stderr. EOF on stdin ends it with
 * exit status 0 once every request read has been answered.
 */
@Command(name = "jsonRpc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve JSON-RPC on stdin/stdout, one JSON value per line.")
final class JsonRpcCommand implements Callable<Integer> {

    /** How long answers to requests read before EOF may take before the process exits anyway. */
    static final long DRAIN_MILLIS = 60_000;

    @ParentCommand
    CliContext cli;

    @Option(names = "--receive-mode", paramLabel = "MODE", defaultValue = "on-start",
            converter = JsonRpcCommand.ReceiveModeConverter.class,
            description = "on-start, on-connection or manual (manual: no automatic receive notifications).")
    ReceiveMode receiveMode;

    @Option(names = "--max-line-length", paramLabel = "BYTES", defaultValue = "67108864",
            description = "Longest input line accepted, in bytes (default 64 MiB); longer lines get a -32700 error.")
    long maxLineLength;

    private final JsonRpcEngine engine;
    private final BundleContext context;

    JsonRpcCommand(JsonRpcEngine engine, BundleContext context) {
        this.engine = engine;
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = System.out;
        FileOutputStream rawOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        StdioTransport transport = new StdioTransport();
        ServiceRegistration<Transport> registration = context.registerService(Transport.class, transport, null);
        try {
            cli.awaitReady();
            StdoutPeer peer = new StdoutPeer(rawOut);
            Connection connection = engine.open(peer,
                    new ConnectionOptions(cli.account(), receiveMode.automatic()));
            LineReader reader = new LineReader(new FileInputStream(FileDescriptor.in), maxLineLength);
            transport.state(Transport.State.RUNNING);
            for (LineReader.Line line = reader.next(); !(line instanceof LineReader.End); line = reader.next()) {
                if (line instanceof LineReader.Text t) {
                    connection.receive(t.value());
                } else if (line instanceof LineReader.TooLong tooLong) {
                    connection.oversized(tooLong.limit());
                }
            }
            transport.state(Transport.State.STOPPING);
            connection.drain(DRAIN_MILLIS);
            connection.closed();
            peer.close();
            return 0;
        } finally {
            transport.state(Transport.State.STOPPED);
            registration.unregister();
            System.setOut(stdout);
        }
    }

    /** Reads signal-cli's spelling ({@code on-start}) for picocli. */
    static final class ReceiveModeConverter implements picocli.CommandLine.ITypeConverter<ReceiveMode> {
        @Override
        public ReceiveMode convert(String value) {
            try {
                return ReceiveMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
