// `npm run refresh`: fires the hourly refresh cron against the running `npm start` (PORT overrides),
// as Cloudflare's scheduler would: every tenant's plan and snapshots are rebuilt, alerts raised.
export {};
const port = Number(process.env.PORT ?? 8787);
const cron = process.argv[2] ?? '0 * * * *';
const url = `http://127.0.0.1:${port}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron)}`;
const res = await fetch(url).catch((e: unknown) => {
  console.error(`No Lotwise server answers on port ${port} (${String(e)}). Start it with npm start.`);
  process.exit(1);
});
console.log(
  `cron "${cron}": ${res.status} ${res.statusText} — the refresh runs through the queue; GET /api/status shows when it finished.`,
);
process.exit(res.ok ? 0 : 1);
