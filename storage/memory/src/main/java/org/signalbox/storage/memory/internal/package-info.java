/** In-memory storage backend. */
package org.signalbox.storage.memory.internal;
