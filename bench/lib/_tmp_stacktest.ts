import { startSubgraphs, startGateway } from '/work/main/bench/lib/stack';
import { stopAll } from '/work/main/bench/lib/processes';
import { analystToken } from '/work/main/bench/lib/auth';
async function main() {
  const t = Date.now();
  const s = await startSubgraphs();
  const g = await startGateway(s);
  const token = await analystToken();
  const r = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ customers(first: 5) { edges { node { id region behaviour { lifecycleStage } creditLine { jointLimit } } } } }' }) });
  console.log(r.status, (await r.text()).slice(0, 600));
  console.log('total', Date.now() - t);
  await stopAll();
}
main().catch(async (e) => { console.error(e); await stopAll(); process.exit(1); });
