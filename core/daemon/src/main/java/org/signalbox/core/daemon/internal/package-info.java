/**
 * The {@code daemon} command and the transport administration methods: transport instances as ConfigAdmin factory
 * configurations of whatever {@link org.signalbox.api.transport.TransportKind kinds} the installed bundles serve.
 */
package org.signalbox.core.daemon.internal;
