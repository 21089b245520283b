/** The socket transport's implementation: not exported. */
package org.signalbox.transport.socket.internal;
