# Every bundle Signalbox has, plus the Gogo shell (started only with --shell).
include minimal
include server

# daemon --socket / --tcp
org.signalbox.transport.socket

org.apache.felix.gogo.runtime
org.apache.felix.gogo.command
org.apache.felix.gogo.shell
