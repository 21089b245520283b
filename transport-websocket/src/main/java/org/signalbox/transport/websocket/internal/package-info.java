/** The HTTP/WebSocket transport's implementation: not exported. */
package org.signalbox.transport.websocket.internal;
