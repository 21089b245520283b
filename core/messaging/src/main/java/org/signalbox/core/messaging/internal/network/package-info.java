/** The client side of the messaging server protocol: connections, reconnects, and (to come) sending and receiving. */
package org.signalbox.core.messaging.internal.network;
