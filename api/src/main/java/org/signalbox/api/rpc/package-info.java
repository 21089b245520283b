/**
 * JSON-RPC method SPI: a bundle adds methods by registering {@link org.signalbox.api.rpc.RpcMethod} services
 * (a whiteboard); the core engine validates params against each method's schema, routes the account and maps
 * {@link org.signalbox.api.rpc.RpcException} to JSON-RPC errors.
 */
@Export
@Version("1.0.0")
package org.signalbox.api.rpc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
