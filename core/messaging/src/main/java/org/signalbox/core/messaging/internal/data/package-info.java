/** The account data the built-in methods keep, as JSON records in the account's store. */
package org.signalbox.core.messaging.internal.data;
