// A bounded load on `crosswalk serve` (loopback only): CLIENTS concurrent clients, each with its own kept-alive
// connection, asking for the dashboard pages' API calls in turn for SECONDS; then the latency per page (p50, p95,
// p99) beside a baseline measured in the same run: GET /api/v1/openapi.json, a static answer that computes
// nothing (the cost of the HTTP round trip, the server's threads and the client itself).
//
//   node bench/api_load.mjs URL TOKEN [--clients 50] [--seconds 60] [--json]
//
// Exits 1 if any request failed (a status other than 200, or no answer). Needs Node.js 20 (no npm packages).
import http from 'node:http';

const [url, token, ...rest] = process.argv.slice(2);
if (!url || token === undefined) {
  console.error('usage: node bench/api_load.mjs URL TOKEN [--clients N] [--seconds S] [--json]');
  process.exit(2);
}
const option = (name, fallback) => {
  const at = rest.indexOf(name);
  return at >= 0 ? Number(rest[at + 1]) : fallback;
};
const clients = option('--clients', 50);
const seconds = option('--seconds', 60);
const asJson = rest.includes('--json');
const target = new URL(url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
  console.error(`refusing to load ${target.hostname}: loopback only`);
  process.exit(2);
}

// What each dashboard page asks the API for (web/dashboard/app.js), once its snapshot's reports are computed.
const PAGES = {
  overview: ['/api/v1/me', '/api/v1/snapshot', '/api/v1/reports/taxonomy?limit=1000', '/api/v1/reports/forecast?limit=1000',
    '/api/v1/reports/chargeback?limit=100000', '/api/v1/reports/kpis?limit=200'],
  statement: ['/api/v1/reports/chargeback?sort=-total_billed&limit=200', '/api/v1/reports/showback?sort=-total_billed&limit=200',
    '/api/v1/reports/chargeback?sort=-total_billed&limit=200&provider=AWS'],
  license: ['/api/v1/reports/license-position?limit=200', '/api/v1/reports/license-findings?limit=200',
    '/api/v1/reports/renewals?limit=200'],
  baseline: ['/api/v1/openapi.json'],
};
const requests = Object.entries(PAGES).flatMap(([page, paths]) => paths.map((path) => ({ page, path })));

const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const headers = token ? { Authorization: 'Bearer ' + token } : {};

function get(path) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const request = http.get({ host: target.hostname.replace(/[[\]]/g, ''), port: target.port, path, agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    request.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

// Every path once first: the server computes what is not cached yet (the first visitor's cost, reported apart).
const warmStarted = Date.now();
for (const { path } of requests) {
  const { status } = await get(path);
  if (status !== 200) {
    console.error(`GET ${path}: ${status}`);
    process.exit(1);
  }
}

const warmSeconds = (Date.now() - warmStarted) / 1000;
const latencies = Object.fromEntries(Object.keys(PAGES).map((page) => [page, []]));
let errors = 0;
let total = 0;
const deadline = Date.now() + seconds * 1000;
await Promise.all(Array.from({ length: clients }, async (_, client) => {
  for (let i = client; Date.now() < deadline; ++i) {
    const { page, path } = requests[i % requests.length];
    const { status, ms } = await get(path);
    total += 1;
    if (status !== 200) errors += 1; else latencies[page].push(ms);
  }
}));
agent.destroy();

const percentile = (values, p) => values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const result = { clients, seconds, first_pass_seconds: warmSeconds, requests: total, errors, requests_per_second: Math.round(total / seconds), pages: {} };
for (const [page, values] of Object.entries(latencies)) {
  values.sort((a, b) => a - b);
  result.pages[page] = { requests: values.length, p50_ms: percentile(values, 50), p95_ms: percentile(values, 95), p99_ms: percentile(values, 99) };
}
if (asJson) {
  console.log(JSON.stringify(result));
} else {
  console.log(`first pass over the ${requests.length} paths (what was not computed yet): ${warmSeconds.toFixed(1)} s`);
  console.log(`${clients} clients, ${seconds} s: ${total} requests (${result.requests_per_second}/s), ${errors} errors`);
  console.log('| page | requests | p50 | p95 | p99 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [page, r] of Object.entries(result.pages)) {
    const name = page === 'baseline' ? 'baseline: GET /api/v1/openapi.json' : page;
    console.log(`| ${name} | ${r.requests} | ${r.p50_ms.toFixed(1)} ms | ${r.p95_ms.toFixed(1)} ms | ${r.p99_ms.toFixed(1)} ms |`);
  }
}
process.exit(errors > 0 ? 1 : 0);
