// Bridges stdin/stdout to one socket.io-client socket (websocket transport only). Each stdin line is
// {"emit": name, "data": payload, "ack": bool}; every event received is printed as [name, ...args], an ack
// reply as ["ack", name, ...args], connection changes as ["connect", id], ["connect_error", message],
// ["disconnect", reason].
const { io } = require('socket.io-client');
const readline = require('readline');

const [url, auth] = process.argv.slice(2);
const socket = io(url, { transports: ['websocket'], reconnection: false, auth: auth ? JSON.parse(auth) : undefined });
const out = (value) => process.stdout.write(JSON.stringify(value) + '\n');
socket.on('connect', () => out(['connect', socket.id]));
socket.on('connect_error', (e) => out(['connect_error', e.message]));
socket.on('disconnect', (reason) => { out(['disconnect', reason]); process.exit(0); });
socket.onAny((event, ...args) => out([event, ...args]));
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line);
  const args = c.data === undefined ? [] : [c.data];
  if (c.ack) {
    socket.emit(c.emit, ...args, (...reply) => out(['ack', c.emit, ...reply]));
  } else {
    socket.emit(c.emit, ...args);
  }
}).on('close', () => socket.close());
