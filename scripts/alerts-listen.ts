// `npm run alerts:listen [-- --port 8789] [--secret <signing secret>]`: a tiny local receiver that
// prints every alert Lotwise sends it. Add it as a channel (development only allows http://localhost):
//   POST /api/alert-channels {"name":"local","type":"webhook","url":"http://localhost:8789/alerts"}
// With --secret (the signingSecret shown when the channel was created) it also checks signatures.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8789' }, secret: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('usage: npm run alerts:listen -- [--port 8789] [--secret <webhook signing secret>]');
  process.exit(0);
}

const MAX_AGE_S = 300;

function checkSignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: string): string {
  if (!timestamp || !signature) return 'unsigned';
  const age = Math.abs(Date.now() / 1000 - Number(timestamp));
  if (!(age <= MAX_AGE_S)) return `REJECTED: timestamp ${age.toFixed(0)} s old (replay?)`;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const got = Buffer.from(signature);
  return expected.length === got.length && timingSafeEqual(expected, got) ? 'signature ok' : 'REJECTED: bad signature';
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const ts = req.headers['x-lotwise-timestamp'] as string | undefined;
    const sig = req.headers['x-lotwise-signature'] as string | undefined;
    const check = values.secret ? checkSignature(values.secret, ts, sig, body) : sig ? 'signed (pass --secret to check)' : 'unsigned';
    let pretty = body;
    try {
      pretty = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      /* not JSON: print as is */
    }
    console.log(`\n[${new Date().toISOString()}] ${req.method} ${req.url}  (${check})\n${pretty}`);
    res.writeHead(check.startsWith('REJECTED') ? 401 : 200, { 'content-type': 'text/plain' }).end('ok');
  });
});
server.listen(Number(values.port), '127.0.0.1', () =>
  console.log(`listening for Lotwise alerts on http://localhost:${values.port}/ (Ctrl-C to stop)`),
);
