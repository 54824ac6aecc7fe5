/**
 * `npm run bench`: figures from the local org (the package's Apex in the org session against the emulator). Prints,
 * never asserts timings. Sizes can be lowered for a quick look: BENCH_BACKFILL (10000), BENCH_BURST (1000),
 * BENCH_BULK (200). BENCH_ONLY / BENCH_SKIP take a comma list of steps: webhook, bulk, burst, backfill, tests.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadProject } from '@cosell-tools/apex-runtime/src/testing/project.ts';
import type { TxRecord } from '@cosell-tools/apex-runtime/src/org/session.ts';
import { LocalOrg, REPO_ROOT } from './local-org.ts';

const BACKFILL = Number(process.env.BENCH_BACKFILL ?? 10_000);
const BURST = Number(process.env.BENCH_BURST ?? 1000);
const BULK = Number(process.env.BENCH_BULK ?? 200);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const step = (name: string): boolean => !SKIP.has(name) && (ONLY.size === 0 || ONLY.has(name));

type Json = Record<string, unknown>;

function out(line = ''): void {
    process.stdout.write(line + '\n');
}

function sum(txs: TxRecord[], key: keyof TxRecord['limits']): number {
    return txs.reduce((n, t) => n + t.limits[key], 0);
}

function max(txs: TxRecord[], key: keyof TxRecord['limits']): number {
    return txs.reduce((n, t) => Math.max(n, t.limits[key]), 0);
}

function failedJobs(org: LocalOrg): Json[] {
    return org.query("SELECT Id, ApexClassId, ExtendedStatus FROM AsyncApexJob WHERE Status = 'Failed'");
}

function limitFailures(txs: TxRecord[]): number {
    return txs.filter((t) => t.limitException).length;
}

function describeTx(txs: TxRecord[]): string {
    const by = new Map<string, number>();
    for (const t of txs) by.set(t.kind, (by.get(t.kind) ?? 0) + 1);
    return [...by].map(([k, n]) => `${n} ${k}`).join(', ');
}

async function waitFor(org: LocalOrg, check: () => boolean, timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
        if (check()) return true;
        await new Promise((r) => setTimeout(r, 5));
    }
    return check();
}

async function webhookToOpportunity(org: LocalOrg): Promise<void> {
    out('## Webhook → Opportunity updated (one referral-updated notification)');
    const ref = await org.emulator.admin<{ id: string }>('POST', '/seller/referrals', { name: 'Bench - webhook latency', details: { dealValue: 10000 } });
    await org.settle();
    const oppId = String(org.query(`SELECT Id FROM Opportunity WHERE CoSellReferralId__c = '${ref.id}'`)[0]?.Id ?? '');
    if (!oppId) throw new Error('the incoming referral did not create an Opportunity');
    const amount = (): number => Number(org.query(`SELECT Amount FROM Opportunity WHERE Id = '${oppId}'`)[0].Amount);
    const before = org.session.transactions.length;
    const t0 = performance.now();
    await org.emulator.admin('POST', `/seller/referrals/${ref.id}/deal`, { dealValue: 12345 });
    const ok = await waitFor(org, () => amount() === 12345, 20_000);
    const wall = performance.now() - t0;
    await org.settle();
    const txs = org.session.transactions.slice(before);
    const chain = txs.filter((t) => t.kind !== 'rest');
    out(`  applied:            ${ok ? 'yes' : 'NO'}`);
    out(`  wall time:          ${wall.toFixed(0)} ms (emulator change → Opportunity.Amount updated, loopback HTTP)`);
    out(`  transactions:       ${txs.length} (${describeTx(txs)})`);
    out(`  async hops:         ${chain.length} after the webhook's REST transaction (event deliveries + queueables + finalizers)`);
    out(`  callouts:           ${sum(txs, 'callouts')} (certificate download in the webhook + referral fetch)`);
    out(`  SOQL / DML:         ${sum(txs, 'soql')} / ${sum(txs, 'dml')}`);
    out();
}

async function bulkUpdate(org: LocalOrg): Promise<void> {
    out(`## Bulk: ${BULK} Opportunities shared in one DML, then ${BULK} updated in one DML`);
    org.session.asyncMode = 'manual';
    org.anonymous(`
        List<Account> accounts = new List<Account>();
        for (Integer i = 0; i < ${BULK}; i++) accounts.add(new Account(Name = 'Bench account ' + i, BillingCountryCode = 'US'));
        insert accounts;
        List<Opportunity> opps = new List<Opportunity>();
        for (Integer i = 0; i < ${BULK}; i++) opps.add(new Opportunity(Name = 'Bench deal ' + i, AccountId = accounts[i].Id, StageName = 'Prospecting', CloseDate = Date.today().addDays(30), Amount = 1000 + i));
        insert opps;
        List<CoSellSolution__c> sols = new List<CoSellSolution__c>();
        for (Opportunity o : opps) sols.add(new CoSellSolution__c(Opportunity__c = o.Id, SolutionId__c = '1-BENCH', SolutionName__c = 'Bench solution', SolutionType__c = 'IP'));
        insert sols;`);
    const report = async (label: string, code: string): Promise<void> => {
        const start = org.session.transactions.length;
        const t0 = performance.now();
        org.anonymous(code);
        const trigger = org.session.transactions[org.session.transactions.length - 1];
        org.session.drain();
        await org.settle();
        const asyncTx = org.session.transactions.slice(start + 1);
        out(`  ${label}`);
        out(`    the seller's DML transaction: SOQL ${trigger.limits.soql}, DML ${trigger.limits.dml} (rows ${trigger.limits.dmlRows}), callouts ${trigger.limits.callouts}${trigger.ok ? '' : `, FAILED: ${trigger.error}`}`);
        out(`    async work: ${asyncTx.length} transactions (${describeTx(asyncTx)}), callouts ${sum(asyncTx, 'callouts')} (most in one transaction: ${max(asyncTx, 'callouts')}), SOQL ${sum(asyncTx, 'soql')} (max ${max(asyncTx, 'soql')}), DML ${sum(asyncTx, 'dml')} (max ${max(asyncTx, 'dml')}), limit exceptions ${limitFailures(asyncTx)}`);
        out(`    wall time until settled: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    await report(
        `share ${BULK} (CoSellSyncEnabled__c = true):`,
        `List<Opportunity> opps = [SELECT Id FROM Opportunity WHERE Name LIKE 'Bench deal %' WITH USER_MODE];
         for (Opportunity o : opps) o.CoSellSyncEnabled__c = true;
         update as user opps;`,
    );
    const synced = org.query("SELECT Id FROM Opportunity WHERE Name LIKE 'Bench deal %' AND CoSellSyncStatus__c = 'Synced'").length;
    out(`    synced: ${synced}/${BULK}`);
    await report(
        `update ${BULK} (Amount changed):`,
        `List<Opportunity> opps = [SELECT Id, Amount FROM Opportunity WHERE Name LIKE 'Bench deal %' WITH USER_MODE];
         for (Opportunity o : opps) o.Amount = o.Amount + 500;
         update as user opps;`,
    );
    const patched = (await org.emulator.admin<{ status: number }[]>('GET', '/requests?method=PATCH')).filter((r) => r.status < 300).length;
    out(`    successful PATCHes in Partner Center so far: ${patched}`);
    org.session.asyncMode = 'deferred';
    out();
}

async function backfill(org: LocalOrg): Promise<void> {
    out(`## Backfill of ${BACKFILL} referrals from the emulator`);
    await org.emulator.admin('POST', '/referrals/bulk', { count: BACKFILL, seed: 7 });
    org.session.asyncMode = 'manual';
    const start = org.session.transactions.length;
    const jobsFailedBefore = failedJobs(org).length;
    const t0 = performance.now();
    org.apex('CoSellSetupController.startBackfill', {}, 'admin');
    org.session.drain();
    // delayed pages (throttling) are released by moving the org clock
    while (org.session.delayedJobs.length) org.session.advanceClock(10 * 60_000);
    const secs = (performance.now() - t0) / 1000;
    const txs = org.session.transactions.slice(start);
    const status = org.apex<Json>('CoSellSetupController.getBackfillStatus', {}, 'admin');
    const opps = org.query('SELECT Id FROM Opportunity WHERE CoSellReferralId__c != null').length;
    out(`  status:             ${status.status} (${status.processed}/${status.total}, ${status.percent}%) ${status.message ?? ''}`);
    out(`  time:               ${secs.toFixed(1)} s`);
    out(`  transactions:       ${txs.length} (${describeTx(txs)})`);
    out(`  callouts:           ${sum(txs, 'callouts')}, most in one transaction: ${max(txs, 'callouts')}`);
    out(`  SOQL max / DML max: ${max(txs, 'soql')} / ${max(txs, 'dml')} per transaction; DML rows max ${max(txs, 'dmlRows')}`);
    out(`  limit exceptions:   ${limitFailures(txs)}; failed async jobs: ${failedJobs(org).length - jobsFailedBefore}; other failed transactions: ${txs.filter((t) => !t.ok && !t.limitException).length}`);
    out(`  Opportunities with a referral id in the org: ${opps}`);
    org.session.asyncMode = 'deferred';
    out();
}

async function burst(org: LocalOrg): Promise<void> {
    const referrals = Math.floor(BURST / 2);
    out(`## Burst: ${BURST} webhook deliveries (${referrals} referral-created events, each delivered twice)`);
    const seeded = await org.emulator.admin<{ id: string }[]>(
        'POST',
        '/referrals',
        Array.from({ length: referrals }, (_, i) => ({
            name: `Burst referral ${i}`,
            direction: 'Incoming',
            status: 'New',
            substatus: 'Pending',
            type: 'Shared',
            customerProfile: { name: `Burst customer ${i}`, address: { country: 'US' } },
            details: { dealValue: 5000 + i, currency: 'USD' },
        })),
    );
    const ids = (Array.isArray(seeded) ? seeded : ((seeded as unknown as { referrals: { id: string }[] }).referrals ?? [])).map((r) => r.id);
    await org.emulator.admin('POST', '/webhooks/faults', { kind: 'duplicate', copies: 2, count: ids.length });
    const before = org.session.transactions.length;
    const getsBefore = (await org.emulator.admin<unknown[]>('GET', '/requests?method=GET&path=referrals/[0-9a-f-]%2B%24')).length;
    const t0 = performance.now();
    await Promise.all(ids.map((referralId) => org.emulator.admin('POST', '/webhooks/send', { referralId, eventName: 'referral-created' })));
    await org.settle(300_000);
    const secs = (performance.now() - t0) / 1000;
    const txs = org.session.transactions.slice(before);
    const rest = txs.filter((t) => t.kind === 'rest');
    const idList = ids.map((i) => `'${i}'`).join(',');
    const opps = ids.length ? org.query(`SELECT CoSellReferralId__c FROM Opportunity WHERE CoSellReferralId__c IN (${idList})`) : [];
    const distinct = new Set(opps.map((o) => o.CoSellReferralId__c)).size;
    const inbox = ids.length ? org.query(`SELECT Key__c FROM CoSellInbox__c WHERE ReferralId__c IN (${idList})`).length : 0;
    const fetches = (await org.emulator.admin<unknown[]>('GET', '/requests?method=GET&path=referrals/[0-9a-f-]%2B%24')).length - getsBefore;
    const deliveries = await org.emulator.admin<{ state: string; attempts?: unknown[] }[]>('GET', '/webhooks/deliveries');
    out(`  deliveries received by the webhook resource: ${rest.length} (answered 2xx: ${rest.filter((t) => t.ok).length})`);
    out(`  time until settled: ${secs.toFixed(1)} s (${(rest.length / secs).toFixed(0)} deliveries/s)`);
    out(`  Opportunities created: ${opps.length} for ${ids.length} referrals (distinct: ${distinct}) → ${opps.length === ids.length && distinct === ids.length ? 'exactly once' : 'NOT exactly once'}`);
    out(`  inbox rows: ${inbox}; referral fetches (GET by id): ${fetches}`);
    out(`  transactions: ${txs.length} (${describeTx(txs)}), callouts ${sum(txs, 'callouts')}, limit exceptions ${limitFailures(txs)}`);
    out(`  emulator delivery states: ${JSON.stringify(countBy(deliveries.map((d) => d.state)))}`);
    out();
}

function countBy(xs: string[]): Record<string, number> {
    const m: Record<string, number> = {};
    for (const x of xs) m[x] = (m[x] ?? 0) + 1;
    return m;
}

function runtimeThroughput(): void {
    out('## Runtime test throughput (the package\'s Apex tests on the local runtime)');
    const t0 = performance.now();
    const cold = loadProject(REPO_ROOT, null);
    const parseMs = performance.now() - t0;
    out(`  parse (no cache):   ${cold.lines} lines in ${parseMs.toFixed(0)} ms → ${((parseMs / cold.lines) * 1000).toFixed(1)} ms per 1,000 lines`);
    if (!step('tests')) {
        out('  test run skipped (BENCH_ONLY / BENCH_SKIP)');
        return;
    }
    const cli = resolve(REPO_ROOT, 'tools/apex-runtime/bin/apex-runtime.mjs');
    const r = spawnSync(process.execPath, [cli, 'test', REPO_ROOT], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const lines = (r.stdout ?? '').trim().split('\n');
    const summary = lines.filter((l) => /test methods in|passed, .* failed/.test(l));
    for (const l of summary) out(`  ${l.trim()}`);
    if (!summary.length) out(`  the runtime CLI printed no summary (exit ${r.status}): ${(r.stderr ?? '').slice(0, 300)}`);
}

export async function runBench(): Promise<void> {
    out(`# Partner Center Co-sell benchmarks (local org: org session of the local Apex runtime + emulator over loopback HTTP)`);
    out(`# ${new Date().toISOString()}, Node ${process.version}; figures are printed, never asserted`);
    out();
    const t0 = performance.now();
    const org = await LocalOrg.start({ stateDir: null, asyncMode: 'deferred', verbose: process.env.BENCH_VERBOSE === '1', emulatorConfig: { retryBaseMs: 50, retryMaxMs: 2000, deliveryTimeoutMs: 120_000, requestLogLimit: 100_000 } });
    out(`local org started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    out();
    try {
        if (step('webhook')) await webhookToOpportunity(org);
        if (step('bulk')) await bulkUpdate(org);
        if (step('burst')) await burst(org);
        if (step('backfill')) await backfill(org);
    } finally {
        await org.close();
    }
    runtimeThroughput();
}
