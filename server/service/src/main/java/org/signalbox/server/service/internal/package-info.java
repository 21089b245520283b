/** The messaging server's implementation; nothing here is API. */
package org.signalbox.server.service.internal;
