/** Embedded SQLite storage backend (the default). */
package org.signalbox.storage.sqlite.internal;
