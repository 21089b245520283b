package org.signalbox.api.transport;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of transport instance a bundle makes from factory configurations: register one service per kind and
 * {@code daemon --transport KIND=ADDRESS}, {@code startTransport}, {@code listTransports} and the shell offer it
 * without knowing the bundle. The built-in kinds are {@code tcp}, {@code unix}, {@code legacy} and {@code http}.
 */
@ConsumerType
public interface TransportKind {

    /** The kind's name, e.g. {@code tcp}; unique in a distribution. */
    String name();

    /** The ConfigAdmin factory PID whose configurations are instances of this kind. */
    String factoryPid();

    /** One line for {@code --help} and {@code listTransports}. */
    String description();

    /** Where an instance listens when no address is given, e.g. {@code localhost:7583}. */
    String defaultAddress();

    /**
     * The configuration of an instance at {@code address} ({@code HOST:PORT}, a path, whatever the kind takes),
     * before the caller adds its own keys ({@code receiveMode}, {@code account}, settings).
     *
     * @throws IllegalArgumentException with a message for the user when the address is not one of this kind
     */
    Map<String, Object> configuration(String address);
}
