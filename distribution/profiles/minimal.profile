# The smallest working daemon: the core bundles, storage backends and JSON-RPC on stdio.
# One artifact id per line (a dependency of distribution/pom.xml); "include NAME" takes in another profile.

# OSGi runtime
org.apache.felix.scr
org.apache.felix.configadmin
org.apache.felix.fileinstall
org.apache.aries.spifly.dynamic.bundle
asm
asm-commons
asm-tree
asm-util
asm-analysis
org.osgi.service.component
org.osgi.util.promise
org.osgi.util.function

# libraries
jackson-core
jackson-databind
jackson-annotations
jackson-dataformat-yaml
snakeyaml
json-schema-validator
itu
slf4j-api
slf4j-jdk14
picocli
sqlite-jdbc
protobuf-java

# Signalbox
org.signalbox.api
org.signalbox.libsignal
org.signalbox.core.engine
org.signalbox.core.cli
org.signalbox.core.daemon
org.signalbox.core.messaging
org.signalbox.server.protocol
org.signalbox.storage.sqlite
org.signalbox.storage.memory
org.signalbox.transport.stdio
