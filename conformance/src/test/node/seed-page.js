// Seed 002's chat page (seed-002/chat.html) in headless Chromium, Debian's, driven by playwright-core. Serves the
// page and socket.io 1.3.6's browser bundle (the path given) on 127.0.0.1 and prints ["page", origin]; then each
// stdin line drives it: {"open": query} loads the page with that query, {"send": text} types the text and clicks
// Send. What the page reports is printed as [channel, data], its errors as ["pageerror", message].
const fs = require('fs');
const http = require('http');
const path = require('path');
const readline = require('readline');
const { chromium } = require('playwright-core');

const [bundle, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const files = {
  '/chat.html': [path.join(__dirname, 'seed-002', 'chat.html'), 'text/html; charset=utf-8'],
  '/socket.io.js': [bundle, 'application/javascript'],
};
const out = (value) => process.stdout.write(JSON.stringify(value) + '\n');

const server = http.createServer((request, response) => {
  const file = files[new URL(request.url, 'http://127.0.0.1').pathname];
  if (!file) {
    response.writeHead(404);
    response.end();
    return;
  }
  response.writeHead(200, { 'Content-Type': file[1] });
  fs.createReadStream(file[0]).pipe(response);
});

server.listen(0, '127.0.0.1', async () => {
  const origin = 'http://127.0.0.1:' + server.address().port;
  // without the background-networking flags Chromium keeps dialling Google's hosts, which this machine refuses
  const browser = await chromium.launch({ executablePath, args: ['--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage();
  await page.exposeFunction('testReport', (channel, data) => out([channel, data]));
  page.on('pageerror', (e) => out(['pageerror', e.message]));
  // one step after another, in the order given
  let steps = Promise.resolve();
  const then = (step) => { steps = steps.then(step).catch((e) => out(['pageerror', e.message])); };
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const c = JSON.parse(line);
    then(c.open ? () => page.goto(origin + '/chat.html?' + new URLSearchParams(c.open))
      : async () => { await page.fill('#text', c.send); await page.click('#send'); });
  }).on('close', () => then(async () => { await browser.close(); server.close(); process.exit(0); }));
  out(['page', origin]);
});
