/**
 * The org session's semantics on a small fixture project (test/fixtures/session-project): commit and rollback,
 * after-commit vs immediate events, async jobs as the enqueuing user, delayed jobs and the org clock, Apex REST,
 * parameter conversion, callouts with and without a bearer token, governor counters, the state file.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ApexTransactionError, OrgSession } from '@cosell-tools/apex-runtime/src/org/session.ts';

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/session-project');

function widgets(s: OrgSession): Record<string, unknown>[] {
    return s.query('SELECT Name, Status__c FROM Widget__c ORDER BY Name');
}

describe('org session', () => {
    let s: OrgSession;
    before(() => {
        s = new OrgSession({ projectDir: PROJECT, asyncMode: 'immediate', cacheDir: null });
    });
    after(async () => {
        await s.close();
    });

    test('a committed transaction delivers its events and runs its job as the calling user', () => {
        const user = s.createUser({ username: 'maker@session.test', lastName: 'Maker', profile: 'System Administrator' });
        const { result, tx } = s.callStatic('WidgetService', 'create', { name: 'alpha' }, { userId: user });
        assert.match(String(result), /^[a-zA-Z0-9]{18}$/);
        assert.equal(tx.ok, true);
        assert.equal(tx.limits.queueables, 1);
        const rows = widgets(s);
        assert.deepEqual(
            rows.map((r) => [r.Name, r.Status__c]),
            [
                ['alpha', 'Processed by maker@session.test'],
                ['ping:alpha', String(s.query(`SELECT Username FROM User WHERE Id = '${s.db.automatedProcessUserId}'`)[0].Username)],
            ],
        );
        const kinds = s.transactions.slice(-3).map((t) => t.kind);
        assert.deepEqual(kinds, ['apex', 'event', 'queueable']);
    });

    test('an exception rolls back the data, after-commit events and queued jobs; immediate events survive', () => {
        const before = s.transactions.length;
        assert.throws(
            () => s.callStatic('WidgetService', 'createThenFail', { name: 'beta' }),
            (e: unknown) => e instanceof ApexTransactionError && e.apexType === 'System.IllegalArgumentException' && e.apexMessage === 'boom beta',
        );
        const names = widgets(s).map((r) => r.Name);
        assert.ok(!names.includes('beta') && !names.includes('ping:beta'), `rolled back: ${names}`);
        assert.ok(names.includes('alarm:beta'), 'the publish-immediately event was delivered');
        const after = s.transactions.slice(before);
        assert.equal(after[0].ok, false);
        assert.ok(!after.some((t) => t.kind === 'queueable'), 'the queued job was discarded');
    });

    test('anonymous Apex runs statements with local variables and returns System.debug lines', () => {
        const { debug, tx } = s.runAnonymous(`Integer n = [SELECT COUNT() FROM Widget__c]; List<String> xs = new List<String>{ 'a', 'b' }; System.debug(n + ':' + xs.size());`);
        assert.deepEqual(debug, [`${widgets(s).length}:2`]);
        assert.equal(tx.limits.soql, 1);
    });

    test('parameters are converted by their declared types; results are plain JSON', () => {
        const { result } = s.callStatic('WidgetService', 'echo', { text: 'x', n: 41, amount: '1.25', flag: false, day: '2026-02-28', tags: ['a', 'b', 'c'] });
        assert.deepEqual(result, { text: 'x', n: 42, amount: 2.5, flag: true, day: '2026-03-01', tags: 3 });
    });

    test('Apex REST: the resource matching the urlMapping answers with its status, headers and body', () => {
        const r = s.invokeRestResource({ method: 'POST', path: '/widgets/new?x=1', headers: { 'x-test': 'yes' }, body: 'from-rest' });
        assert.equal(r.statusCode, 201);
        const body = JSON.parse(r.body.toString('utf8'));
        assert.equal(body.uri, '/widgets/new?x=1');
        assert.equal(body.h, 'yes');
        assert.ok(widgets(s).some((w) => w.Name === 'from-rest'));
        assert.equal(s.invokeRestResource({ method: 'POST', path: '/nothing/here' }).statusCode, 404);
        assert.equal(s.invokeRestResource({ method: 'DELETE', path: '/widgets/1' }).statusCode, 405);
    });

    test('a publish callback reports success after the commit, as the Automated Process user', () => {
        // Platform Events Developer Guide, "Callback Running User and Debug Logs"; one callback run per publish call
        s.callStatic('WidgetService', 'publishWithCallback', { name: 'cb' });
        const rows = s.query(`SELECT Status__c FROM Widget__c WHERE Name = 'published:2'`);
        assert.equal(rows.length, 1, 'onSuccess ran once with both events');
        const automated = s.query(`SELECT Username FROM User WHERE Id = '${s.db.automatedProcessUserId}'`)[0].Username;
        assert.equal(rows[0].Status__c, automated);
        assert.equal(s.query(`SELECT Id FROM Widget__c WHERE Name = 'ping:cb'`).length, 2, 'and the events were delivered');
    });

    test('a schedule aborted with System.abortJob never fires again and leaves the list of scheduled jobs', () => {
        const schedule = (name: string): string =>
            String(s.runAnonymous(`System.debug(System.schedule('${name}', '0 0 * * * ?', new WidgetSchedule()));`).debug[0]);
        const ticks = (): number => s.query(`SELECT Id FROM Widget__c WHERE Name = 'tick'`).length;
        const first = schedule('tick a');
        assert.deepEqual(
            s.scheduledJobs.map((j) => j.name),
            ['tick a'],
        );
        s.fireScheduled('tick a');
        assert.equal(ticks(), 1);

        // an abort that rolls back keeps the schedule
        assert.throws(() => s.runAnonymous(`System.abortJob('${first}'); throw new IllegalArgumentException('undo');`), ApexTransactionError);
        assert.equal(s.scheduledJobs.length, 1);

        s.runAnonymous(`System.abortJob('${first}');`);
        assert.deepEqual(s.scheduledJobs, [], 'aborted jobs are not kept');
        assert.throws(() => s.fireScheduled('tick a'), /No scheduled job tick a/);
        assert.throws(() => s.fireScheduled('WidgetSchedule'), /No scheduled job WidgetSchedule/);
        assert.equal(ticks(), 1, 'the aborted schedule did not run');

        // the name is free again; only the new schedule fires
        schedule('tick a');
        const fired = s.fireScheduled('WidgetSchedule');
        assert.deepEqual(
            fired.map((t) => t.kind),
            ['schedule'],
        );
        assert.equal(ticks(), 2);
    });

    test('delayed queueables wait for the org clock', () => {
        s.asyncMode = 'manual';
        try {
            const { result } = s.callStatic('WidgetService', 'later', { name: 'gamma' });
            const status = (): unknown => s.query(`SELECT Status__c FROM Widget__c WHERE Id = '${result}'`)[0].Status__c;
            s.drain();
            assert.equal(status(), 'New');
            assert.equal(s.delayedJobs.length, 1);
            s.asyncMode = 'immediate';
            s.advanceClock(4 * 60_000);
            assert.equal(status(), 'New', 'not yet due after 4 minutes');
            s.advanceClock(2 * 60_000);
            assert.match(String(status()), /^Processed by /);
            assert.equal(s.delayedJobs.length, 0);
        } finally {
            s.asyncMode = 'immediate';
        }
    });
});

describe('org session callouts', () => {
    let server: ChildProcess;
    let base = '';
    before(async () => {
        // a loopback server in another process (the session blocks its own thread during a callout)
        server = spawn(process.execPath, [
            '-e',
            `require('http').createServer((q, r) => { r.writeHead(q.headers.authorization ? 200 : 401, { 'content-type': 'text/plain' }); r.end(q.url + '|' + (q.headers.authorization || 'none')); }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
        ]);
        base = await new Promise<string>((r) => server.stdout!.once('data', (d: Buffer) => r(`http://127.0.0.1:${String(d).trim()}`)));
    });
    after(() => {
        server.kill();
    });

    test('a routed named credential sends the bearer token; without a token the server refuses', async () => {
        const s = new OrgSession({ projectDir: PROJECT, cacheDir: null, callouts: { Widgets: { baseUrl: base, token: 't0k3n' } } });
        try {
            const ok = s.callStatic('WidgetService', 'fetch', { path: '/items?id=7' });
            assert.equal(ok.result, '200 /items?id=7|Bearer t0k3n');
            assert.equal(ok.tx.limits.callouts, 1);
            s.setCredential('Widgets', { token: null });
            assert.equal(s.callStatic('WidgetService', 'fetch', { path: '/items' }).result, '401 /items|none');
        } finally {
            await s.close();
        }
    });

    test('an unrouted named credential fails loudly', async () => {
        const s = new OrgSession({ projectDir: PROJECT, cacheDir: null });
        try {
            assert.throws(() => s.callStatic('WidgetService', 'fetch', { path: '/x' }), /no route configured/);
        } finally {
            await s.close();
        }
    });
});

describe('org session state file', () => {
    test('the database survives a restart', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'org-session-'));
        try {
            const file = join(dir, 'state.json');
            const a = new OrgSession({ projectDir: PROJECT, cacheDir: null, stateFile: file });
            assert.equal(a.restored, false);
            const { result: id } = a.callStatic('WidgetService', 'create', { name: 'persisted' });
            a.save({ note: 'kept' });
            await a.close();
            const b = new OrgSession({ projectDir: PROJECT, cacheDir: null, stateFile: file });
            assert.equal(b.restored, true);
            assert.deepEqual(b.restoredExtra, { note: 'kept' });
            const row = b.query(`SELECT Name, Status__c, CreatedDate FROM Widget__c WHERE Id = '${id}'`)[0];
            assert.equal(row.Name, 'persisted');
            assert.match(String(row.Status__c), /^Processed by /);
            const { result: id2 } = b.callStatic('WidgetService', 'create', { name: 'second' });
            assert.notEqual(id2, id, 'new Ids do not collide with restored ones');
            await b.close();
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
