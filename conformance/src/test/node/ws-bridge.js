// Bridges stdin/stdout to one WebSocket with the npm "ws" client: each stdin line is sent as a text frame,
// each received frame is printed as one line, and the close is printed as ["close", code].
const WebSocket = require('ws');
const readline = require('readline');

const [url, token] = process.argv.slice(2);
const ws = new WebSocket(url, token ? { headers: { Authorization: 'Bearer ' + token } } : {});
const out = (line) => process.stdout.write(line + '\n');
ws.on('open', () => out(JSON.stringify(['open'])));
ws.on('message', (data) => out(data.toString()));
ws.on('close', (code) => { out(JSON.stringify(['close', code])); process.exit(0); });
ws.on('error', (e) => { out(JSON.stringify(['error', e.message])); process.exit(1); });
readline.createInterface({ input: process.stdin }).on('line', (line) => ws.send(line)).on('close', () => ws.close());
