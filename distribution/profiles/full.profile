# Every bundle Signalbox has, plus the Gogo shell (started only with --shell).
include minimal
include server

# daemon --socket / --tcp
org.signalbox.transport.socket

# daemon --http: HTTP, SSE, WebSocket and Socket.IO (Jetty comes with the server profile)
org.signalbox.transport.websocket
nimbus-jose-jwt

# voice calls (seed 004): one signal-call-tunnel process per call
org.signalbox.calls

org.apache.felix.gogo.runtime
org.apache.felix.gogo.command
org.apache.felix.gogo.shell
