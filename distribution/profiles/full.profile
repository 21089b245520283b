# Every bundle Signalbox has, plus the Gogo shell (started only with --shell).
include minimal
include server

# daemon --socket / --tcp
org.signalbox.transport.socket

# daemon --http: HTTP, SSE, WebSocket and Socket.IO (Jetty comes with the server profile)
org.signalbox.transport.websocket
nimbus-jose-jwt

org.apache.felix.gogo.runtime
org.apache.felix.gogo.command
org.apache.felix.gogo.shell
