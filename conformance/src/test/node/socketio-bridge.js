// Bridges stdin/stdout to one socket.io-client socket. Arguments: the URL; the auth object as JSON, or "" (sent as
// auth by 3.x and 4.x, as the query by 1.x and 2.x, which have no auth); the client package (socket.io-client,
// or socket.io-client-1, -2, -3 for the older lines); the transports: websocket (the default here), polling, or
// "library" for the library's own default (long-polling first, then the upgrade, as web pages connect).
// Each stdin line is {"emit": name, "data": payload, "ack": bool}; every event received is printed as
// [name, ...args], an ack reply as ["ack", name, ...args], connection changes as ["connect"],
// ["connect_error", message], ["disconnect", reason], the Engine.IO transport as ["transport", name] when the
// connection opens and ["upgrade", name] when it changes.
const readline = require('readline');

const [url, auth, client = 'socket.io-client', transports = 'websocket'] = process.argv.slice(2);
const lib = require(client);
const io = lib.io || lib;
const queryAuth = !lib.io; // 1.x and 2.x
const options = { reconnection: false, forceNew: true };
if (transports !== 'library') {
  options.transports = [transports];
}
if (auth) {
  options[queryAuth ? 'query' : 'auth'] = JSON.parse(auth);
}
const socket = io(url, options);
const out = (value) => process.stdout.write(JSON.stringify(value) + '\n');
socket.io.on('open', () => {
  const engine = socket.io.engine;
  out(['transport', engine.transport.name]);
  engine.on('upgrade', () => out(['upgrade', engine.transport.name]));
});
socket.on('connect', () => out(['connect']));
socket.on('connect_error', (e) => out(['connect_error', (e && e.message) || String(e)]));
// a moment for the close handshake: exiting at once would look like a crash to the server
socket.on('disconnect', (reason) => { out(['disconnect', reason]); setTimeout(() => process.exit(0), 200); });
if (socket.onAny) {
  socket.onAny((event, ...args) => out([event, ...args]));
} else {
  // 1.x and 2.x have no onAny: every incoming event passes through onevent
  const onevent = socket.onevent;
  socket.onevent = function (packet) {
    out(packet.data || []);
    return onevent.call(this, packet);
  };
}
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line);
  const args = c.data === undefined ? [] : [c.data];
  if (c.ack) {
    socket.emit(c.emit, ...args, (...reply) => out(['ack', c.emit, ...reply]));
  } else {
    socket.emit(c.emit, ...args);
  }
}).on('close', () => socket.close());
