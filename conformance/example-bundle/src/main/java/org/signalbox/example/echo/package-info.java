/** An example third-party bundle: one JSON-RPC method. */
package org.signalbox.example.echo;
