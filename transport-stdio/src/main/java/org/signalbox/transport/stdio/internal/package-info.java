/** JSON-RPC on stdin/stdout. */
package org.signalbox.transport.stdio.internal;
