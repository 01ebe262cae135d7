// A receiver written with Node's own crypto, sharing no code with the kit: it verifies Standard Webhooks
// signatures (v1, HMAC-SHA256 over "{id}.{timestamp}.{body}" of the raw bytes received) and answers
// 200 when one of the signatures matches, 401 otherwise. One line per request on stdout:
// "verified <webhook-id>" or "refused <reason>". The first line is "listening <port>".
// Usage: SIGNING_SECRET=whsec_... node standard-webhooks-receiver.js
'use strict';
const http = require('http');
const crypto = require('crypto');

const secret = process.env.SIGNING_SECRET || '';
const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

function verify(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return 'missing webhook headers';
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 'timestamp outside 5 minutes';
  const expected = crypto.createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), body])).digest();
  const ok = signatures.split(' ').some((s) => {
    const [version, value] = s.split(',', 2);
    const presented = Buffer.from(value || '', 'base64');
    return version === 'v1' && presented.length === expected.length && crypto.timingSafeEqual(presented, expected);
  });
  return ok ? null : 'no signature matches';
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const problem = verify(req.headers, Buffer.concat(chunks));
    console.log(problem ? `refused ${problem}` : `verified ${req.headers['webhook-id']}`);
    res.writeHead(problem ? 401 : 200, { 'Content-Type': 'application/json' });
    res.end(problem ? '{"status":"error","error":"unauthorized","message":"bad signature"}' : '{"status":"ok"}');
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
