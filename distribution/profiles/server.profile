# The messaging server alone (signalbox server): no JSON-RPC daemon, no accounts.
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
slf4j-api
slf4j-jdk14
picocli
sqlite-jdbc
protobuf-java
jetty-util
jetty-io
jetty-http
jetty-server
jetty-websocket-core-common
jetty-websocket-core-server
jetty-websocket-jetty-api
jetty-websocket-jetty-common
jetty-websocket-jetty-server

# Signalbox
org.signalbox.api
org.signalbox.libsignal
org.signalbox.storage.sqlite
org.signalbox.storage.memory
org.signalbox.server.protocol
org.signalbox.server.service
# the command line, for its one command here: server
org.signalbox.core.cli
