/**
 * Asynchronous Apex: Queueable (System.enqueueJob, AsyncOptions, DuplicateSignature, Finalizers), @future,
 * Schedulable (System.schedule), Batchable (Database.executeBatch). In tests, queued work runs at Test.stopTest().
 * Sources: Apex Developer Guide "Queueable Apex", "Transaction Finalizers", "Future Methods", "Apex Scheduler",
 * "Using Batch Apex"; Apex Reference "AsyncOptions Class", "QueueableDuplicateSignature Class", "AsyncInfo Class".
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { MethodInfo } from '../interpreter/classes.js';
import { ApexError } from '../interpreter/exceptions.js';
import { ApexList, ApexMap, ApexObject, ApexSet, NativeObject } from '../interpreter/rvalues.js';
import { isSObject } from '../interpreter/sobj.js';
import { ApexDatetime } from '../values/datetime.js';
import { PlatformError, UnsupportedError, isUnsupportedError } from '../values/errors.js';
import type { NativeRegistry } from './registry.js';
import { type AsyncJob, type Runtime, TxState } from './runtime.js';
import { dmlState } from './dml.js';
import { npe } from './util.js';

/** A deep copy of a value graph (what serializing a job between transactions amounts to). */
function deepCopy(v: any, seen: Map<any, any>): any {
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    if (v instanceof ApexList) {
        const c = new ApexList(v.el, []);
        seen.set(v, c);
        for (const x of v.items) c.items.push(deepCopy(x, seen));
        return c;
    }
    if (v instanceof ApexSet) {
        const c = new ApexSet(v.el);
        seen.set(v, c);
        for (const x of v.values()) c.add(deepCopy(x, seen));
        return c;
    }
    if (v instanceof ApexMap) {
        const c = new ApexMap(v.keyT, v.valT);
        c.ci = v.ci;
        seen.set(v, c);
        for (const [k, x] of v.map.values()) c.put(deepCopy(k, seen), deepCopy(x, seen));
        return c;
    }
    if (v instanceof ApexObject) {
        const c = new ApexObject(v.cls);
        c.native = v.native;
        seen.set(v, c);
        for (const [k, x] of v.fields) c.fields.set(k, deepCopy(x, seen));
        return c;
    }
    if (isSObject(v)) return v.clone();
    return v;
}

function deepCopyFields(o: ApexObject): Map<string, any> {
    const seen = new Map<any, any>();
    const out = new Map<string, any>();
    for (const [k, x] of o.fields) out.set(k, deepCopy(x, seen));
    return out;
}

function restoreFields(o: ApexObject, saved: Map<string, any>): void {
    const seen = new Map<any, any>();
    for (const [k, x] of saved) o.fields.set(k, deepCopy(x, seen));
}

interface JobRun {
    job: AsyncJob;
    finalizer: any;
    depth: number;
    allowsCallouts?: boolean;
}

/** Interfaces that user classes implement: registered before classes are linked. */
export function installAsyncInterfaces(reg: NativeRegistry): void {
    reg.add({ name: 'System.Queueable', key: 'queueable', isInterface: true });
    reg.add({ name: 'System.Finalizer', key: 'finalizer', isInterface: true });
    reg.add({ name: 'System.Schedulable', key: 'schedulable', isInterface: true });
    reg.add({ name: 'Database.Batchable', key: 'database.batchable', isInterface: true });
    reg.add({ name: 'Database.Stateful', key: 'database.stateful', isInterface: true });
    reg.add({ name: 'Database.AllowsCallouts', key: 'database.allowscallouts', isInterface: true });
    reg.add({ name: 'Database.RaisesPlatformEvents', key: 'database.raisesplatformevents', isInterface: true });
    reg.add({ name: 'System.QueueableContext', key: 'queueablecontext', isInterface: true, methods: { getjobid: (_r, s) => s.data.jobId } });
    reg.add({ name: 'System.SchedulableContext', key: 'schedulablecontext', isInterface: true, methods: { gettriggerid: (_r, s) => s.data.triggerId } });
    reg.add({
        name: 'Database.BatchableContext',
        key: 'database.batchablecontext',
        isInterface: true,
        methods: { getjobid: (_r, s) => s.data.jobId, getchildjobid: (_r, s) => s.data.jobId },
    });
    reg.add({
        name: 'System.FinalizerContext',
        key: 'finalizercontext',
        isInterface: true,
        methods: {
            getasyncapexjobid: (_r, s) => s.data.jobId,
            getexception: (_r, s) => s.data.exception,
            getresult: (r, s) => r.natives.enumByName('parentjobresult', s.data.result),
            getrequestid: (_r, s) => s.data.requestId,
        },
    });
    reg.add({ name: 'System.ParentJobResult', key: 'parentjobresult', enumValues: ['SUCCESS', 'UNHANDLED_EXCEPTION'] });
    reg.add({
        name: 'Database.QueryLocator',
        key: 'database.querylocator',
        methods: {
            getquery: (_r, s) => s.data.query,
            iterator: (_r, s) => new NativeObject('System.Iterator', { items: s.data.rows, i: 0 }),
        },
    });
}

export function installAsync(reg: NativeRegistry, rt: Runtime): void {
    const st = dmlState(rt);
    const db = st.db;
    const running: JobRun[] = [];
    const pendingSignatures = new Set<string>();
    const current = (): JobRun | null => running[running.length - 1] ?? null;
    const allJobs = new Map<string, AsyncJob>();

    rt.extensions.set('asyncKind', () => current()?.job.kind ?? null);
    rt.extensions.set('calloutAllowed', (): string | null => {
        // Apex Developer Guide "Queueable Apex" / "Using Batch Apex" (Database.AllowsCallouts), "Future Methods"
        // (callout=true); scheduled Apex cannot call out itself.
        const cur = current();
        if (!cur) return null;
        if (cur.job.kind === 'schedule') return 'Callout from scheduled Apex not supported.';
        if (!cur.allowsCallouts) return 'Callout not allowed from this future method. Please enable callout=true';
        return null;
    });
    rt.onReset(() => {
        running.length = 0;
        pendingSignatures.clear();
        allJobs.clear();
    });

    const classIdOf = (name: string): string | null => {
        for (const r of db.rows('ApexClass')) if (String(r.get('Name')).toLowerCase() === name.split('.')[0].toLowerCase()) return r.get('Id') as string;
        return null;
    };

    const newJobRow = (jobType: string, className: string, method: string | null): string =>
        db.systemInsert('AsyncApexJob', {
            JobType: jobType,
            Status: 'Queued',
            ApexClassId: classIdOf(className),
            MethodName: method,
            JobItemsProcessed: 0,
            TotalJobItems: 0,
            NumberOfErrors: 0,
            ParentJobId: current()?.job.id ?? null,
        });

    const markJob = (id: string, status: string, extra: Record<string, unknown> = {}): void => {
        try {
            db.systemUpdate(id, { Status: status, ...(status === 'Completed' || status === 'Failed' ? { CompletedDate: ApexDatetime.now() } : {}), ...extra });
        } catch {
            /* rolled back with the transaction */
        }
    };

    /** Runs `fn` as its own transaction (fresh limits, async limits). Database changes roll back on failure. */
    const inTransaction = (kind: AsyncJob['kind'], fn: () => void): void => {
        const savedTx = rt.tx;
        const wasExecuting = rt.test.executingAsync;
        rt.tx = new TxState();
        rt.tx.isAsync = kind !== 'schedule';
        rt.test.executingAsync = true;
        db.resetTransaction();
        const sp = db.snapshot();
        try {
            fn();
        } catch (e) {
            db.restore(sp);
            throw e;
        } finally {
            rt.tx = savedTx;
            rt.test.executingAsync = wasExecuting;
        }
    };

    const enqueue = (job: Omit<AsyncJob, 'chained'>): void => {
        rt.tx.uncommittedWork = true;
        const full = { ...job, chained: rt.test.executingAsync };
        allJobs.set(full.id, full);
        rt.test.asyncQueue.push(full);
    };

    const ctxObj = (type: string, data: any): NativeObject => new NativeObject(type, data);

    // ---------------------------------------------------------------- Queueable
    const runQueueable = (job: AsyncJob, q: ApexObject, signature: string | null, depth: number): void => {
        const run: JobRun = { job, finalizer: null, depth, allowsCallouts: q.cls.hasNativeSuper('database.allowscallouts') };
        running.push(run);
        markJob(job.id, 'Processing');
        let failure: ApexError | null = null;
        try {
            inTransaction('queueable', () => rt.ip.callMethod(q, 'execute', [ctxObj('System.QueueableContext', { jobId: job.id })]));
            markJob(job.id, 'Completed');
        } catch (e) {
            if (isUnsupportedError(e)) throw e;
            const ae = rt.ip.toApexError(e);
            if (!ae) throw e;
            // a failed assertion always fails the test, even inside a job with a finalizer
            if (ae.obj.cls.name === 'System.AssertException') throw ae;
            failure = ae;
            markJob(job.id, 'Failed', { ExtendedStatus: String(ae.message).slice(0, 255), NumberOfErrors: 1 });
        } finally {
            running.pop();
            if (signature) pendingSignatures.delete(signature);
        }
        if (run.finalizer) {
            const fctx = ctxObj('System.FinalizerContext', {
                jobId: job.id,
                exception: failure ? failure.obj : null,
                result: failure ? 'UNHANDLED_EXCEPTION' : 'SUCCESS',
                requestId: job.id,
            });
            // finalizers may make callouts (Apex Developer Guide, "Transaction Finalizers")
            const frun: JobRun = { job: { ...job, kind: 'queueable' }, finalizer: null, depth, allowsCallouts: true };
            running.push(frun);
            try {
                inTransaction('queueable', () => rt.ip.callMethod(run.finalizer, 'execute', [fctx]));
            } finally {
                running.pop();
            }
            return;
        }
        if (failure) throw failure;
    };

    const enqueueJob = (r: Runtime, a: any[]): string => {
        const q = a[0];
        if (q === null) npe();
        if (!(q instanceof ApexObject) || !q.cls.hasNativeSuper('queueable')) throw new UnsupportedError('System.enqueueJob with a non-Queueable');
        const opts = a[1] instanceof NativeObject && a[1].typeName === 'System.AsyncOptions' ? a[1] : null;
        const sig = opts?.data.props.get('duplicatesignature') as NativeObject | null | undefined;
        const sigKey = sig ? String(sig.data.key) : null;
        if (sigKey && pendingSignatures.has(sigKey)) {
            throw new PlatformError('System.DuplicateMessageException', 'Attempt to enqueue job with a duplicate queueable signature');
        }
        const maxDepth = opts?.data.props.get('maximumqueueablestackdepth');
        const depth = (current()?.depth ?? 0) + 1;
        if (typeof maxDepth === 'number' && depth > maxDepth) {
            throw new PlatformError('System.AsyncException', `Maximum stack depth has been reached.`);
        }
        r.limit('queueables');
        const id = newJobRow('Queueable', q.cls.name, null);
        if (sigKey) pendingSignatures.add(sigKey);
        // the job is serialized when enqueued: later changes to the caller's object are not seen, and vice versa
        const copy = deepCopy(q, new Map()) as ApexObject;
        enqueue({ id, kind: 'queueable', className: q.cls.name, run: () => runQueueable(queued(id)!, copy, sigKey, depth) });
        return id;
    };
    const queued = (id: string): AsyncJob | undefined => allJobs.get(id);

    // ---------------------------------------------------------------- @future
    rt.extensions.set('futureCall', (m: MethodInfo, args: any[]) => {
        if (current() && (current()!.job.kind === 'future' || current()!.job.kind === 'batch')) {
            throw new PlatformError('System.AsyncException', 'Future method cannot be called from a future or batch method: ' + `${m.owner.name}.${m.decl.name}`);
        }
        rt.limit('futures');
        const id = newJobRow('Future', m.owner.name, m.decl.name);
        enqueue({
            id,
            kind: 'future',
            className: m.owner.name,
            run: () => {
                const fa = m.decl.annos.find((x) => x.name === 'future');
                running.push({ job: allJobs.get(id)!, finalizer: null, depth: 0, allowsCallouts: fa?.params['callout'] === true });
                markJob(id, 'Processing');
                try {
                    inTransaction('future', () => rt.ip.invoke(m, null, args, true));
                    markJob(id, 'Completed');
                } catch (e) {
                    markJob(id, 'Failed');
                    throw e;
                } finally {
                    running.pop();
                }
            },
        });
        return null;
    });

    // ---------------------------------------------------------------- Batch
    const executeBatch = (r: Runtime, a: any[]): string => {
        const b0 = a[0];
        if (b0 === null) npe();
        if (!(b0 instanceof ApexObject) || !b0.cls.hasNativeSuper('database.batchable')) throw new UnsupportedError('Database.executeBatch with a non-Batchable');
        const scope = a[1] === undefined || a[1] === null ? 200 : Number(a[1]);
        if (scope < 1 || scope > 2000) throw new PlatformError('System.InvalidParameterValueException', 'The scope size must be between 1 and 2000');
        const id = newJobRow('BatchApex', b0.cls.name, null);
        const b = deepCopy(b0, new Map()) as ApexObject;
        void r;
        enqueue({
            id,
            kind: 'batch',
            className: b0.cls.name,
            run: () => {
                const bc = ctxObj('Database.BatchableContext', { jobId: id });
                running.push({ job: allJobs.get(id)!, finalizer: null, depth: 0, allowsCallouts: b.cls.hasNativeSuper('database.allowscallouts') });
                markJob(id, 'Processing');
                try {
                    let rows: any[] = [];
                    inTransaction('batch', () => {
                        const start = rt.ip.callMethod(b, 'start', [bc]);
                        if (start instanceof NativeObject && start.typeName === 'Database.QueryLocator') rows = start.data.rows;
                        else if (start instanceof ApexList) rows = start.items;
                        else if (start === null) rows = [];
                        else throw new UnsupportedError('Batchable.start returning a custom Iterable');
                    });
                    const chunks = Math.ceil(rows.length / scope);
                    markJob(id, 'Processing', { TotalJobItems: chunks });
                    let errors = 0;
                    // Without Database.Stateful each transaction gets a fresh copy of the job's state as it was
                    // serialized after start() (Apex Developer Guide, "Using State in Batch Apex").
                    const stateful = b.cls.hasNativeSuper('database.stateful');
                    const saved = stateful ? null : deepCopyFields(b);
                    for (let i = 0; i < rows.length; i += scope) {
                        const chunk = rows.slice(i, i + scope);
                        const el = isSObject(chunk[0]) ? { k: 'sobject' as const, name: null } : { k: 'any' as const };
                        if (saved) restoreFields(b, saved);
                        try {
                            inTransaction('batch', () => rt.ip.callMethod(b, 'execute', [bc, new ApexList(el, chunk)]));
                        } catch (e) {
                            if (isUnsupportedError(e)) throw e;
                            const ae = rt.ip.toApexError(e);
                            if (!ae || ae.obj.cls.name === 'System.AssertException') throw ae ?? e;
                            errors++;
                        }
                        markJob(id, 'Processing', { JobItemsProcessed: i / scope + 1, NumberOfErrors: errors });
                    }
                    if (saved) restoreFields(b, saved);
                    inTransaction('batch', () => rt.ip.callMethod(b, 'finish', [bc]));
                    markJob(id, 'Completed', { JobItemsProcessed: chunks, NumberOfErrors: errors });
                    void chunks;
                } finally {
                    running.pop();
                }
            },
        });
        return id;
    };

    // ---------------------------------------------------------------- Schedulable
    const schedule = (r: Runtime, a: any[]): string => {
        const [name, cron, job] = a;
        if (job === null || name === null || cron === null) npe();
        if (!(job instanceof ApexObject) || !job.cls.hasNativeSuper('schedulable')) throw new UnsupportedError('System.schedule with a non-Schedulable');
        for (const ct of db.rows('CronJobDetail')) {
            if (String(ct.get('Name')) === String(name)) {
                throw new PlatformError('System.AsyncException', `The Apex job named "${name}" is already scheduled for execution.`);
            }
        }
        if (String(cron).trim().split(/\s+/).length < 6) throw new PlatformError('System.StringException', `Unexpected end of expression.`);
        // Execution Governors and Limits: at most 100 scheduled Apex jobs at one time in an org.
        const active = [...db.rows('CronTrigger')].filter((t) => !['DELETED', 'COMPLETE'].includes(String(t.get('State')))).length;
        if (active >= 100) {
            throw new PlatformError('System.AsyncException', 'You have exceeded the maximum number (100) of Apex scheduled jobs.');
        }
        const detail = db.systemInsert('CronJobDetail', { Name: name, JobType: '7' });
        const trig = db.systemInsert('CronTrigger', {
            CronJobDetailId: detail,
            CronExpression: cron,
            State: 'WAITING',
            TimesTriggered: 0,
            StartTime: ApexDatetime.now(),
            NextFireTime: null,
            TimeZoneSidKey: 'GMT',
        });
        const id = newJobRow('ScheduledApex', job.cls.name, null);
        db.systemUpdate(id, { CronTriggerId: trig });
        const jobCopy = deepCopy(job, new Map()) as ApexObject;
        void r;
        enqueue({
            id,
            kind: 'schedule',
            className: job.cls.name,
            run: () => {
                running.push({ job: allJobs.get(id)!, finalizer: null, depth: 0 });
                try {
                    inTransaction('schedule', () => rt.ip.callMethod(jobCopy, 'execute', [ctxObj('System.SchedulableContext', { triggerId: trig })]));
                    db.systemUpdate(trig, { TimesTriggered: 1, PreviousFireTime: ApexDatetime.now() });
                } finally {
                    running.pop();
                }
            },
        });
        return trig;
    };

    // keep a registry of jobs by id (for nested lookups)
    const queue = rt.test;
    const track = (): void => {
        for (const j of queue.asyncQueue) allJobs.set(j.id, j);
    };

    rt.extensions.set('drainAsync', (r: Runtime) => {
        track();
        if (!r.test.running) {
            // outside tests (the REST entry point) every queued job runs, chained ones included, in order
            for (let round = 0; round < 100 && r.test.asyncQueue.length; round++) {
                const j = r.test.asyncQueue.shift()!;
                j.run();
                track();
            }
            return;
        }
        // In tests: the jobs enqueued by the test run; jobs they enqueue in turn (chained jobs) are recorded but
        // not executed.
        const jobs = r.test.asyncQueue.filter((j) => !j.chained);
        r.test.asyncQueue = r.test.asyncQueue.filter((j) => j.chained);
        for (const j of jobs) {
            j.run();
            track();
        }
    });

    reg.add({
        name: 'System.AsyncOptions',
        key: 'asyncoptions',
        construct: () =>
            new NativeObject('System.AsyncOptions', {
                props: new Map<string, any>([
                    ['duplicatesignature', null],
                    ['maximumqueueablestackdepth', null],
                    ['minimumqueueabledelayinminutes', null],
                ]),
            }),
    });
    reg.add({
        name: 'System.QueueableDuplicateSignature',
        key: 'queueableduplicatesignature',
    });
    const builderAdd = (_r: Runtime, s: NativeObject, a: any[]) => {
        s.data.parts.push(a[0] === null ? 'null' : String(a[0]));
        return s;
    };
    reg.add({
        name: 'System.QueueableDuplicateSignature.Builder',
        key: 'queueableduplicatesignature.builder',
        construct: () => new NativeObject('System.QueueableDuplicateSignature.Builder', { parts: [] as string[] }),
        methods: {
            addstring: builderAdd,
            addid: builderAdd,
            addinteger: builderAdd,
            addlong: builderAdd,
            build: (_r, s: NativeObject) => new NativeObject('System.QueueableDuplicateSignature', { key: s.data.parts.join('\u0000') }),
        },
    });
    reg.add({
        name: 'System.AsyncInfo',
        key: 'asyncinfo',
        statics: {
            getcurrentqueueablestackdepth: () => current()?.depth ?? 0,
            getmaximumqueueablestackdepth: () => null,
            hasmaxstackdepth: () => false,
            getminimumqueueabledelayinminutes: () => null,
        },
    });
    reg.add({
        name: 'System',
        statics: {
            enqueuejob: (r, a) => {
                const id = enqueueJob(r, a);
                track();
                return id;
            },
            attachfinalizer: (_r, a) => {
                const cur = current();
                if (!cur || cur.job.kind !== 'queueable') throw new PlatformError('System.AsyncException', 'Finalizers can only be attached to Queueable jobs');
                if (cur.finalizer) throw new PlatformError('System.AsyncException', 'A Finalizer has already been attached to this Queueable job');
                cur.finalizer = a[0];
                return null;
            },
            schedule: (r, a) => {
                const id = schedule(r, a);
                track();
                return id;
            },
            schedulebatch: () => {
                throw new UnsupportedError('System.scheduleBatch');
            },
            abortjob: (_r, a) => {
                const id = String(a[0]);
                const row = db.getById(id);
                if (!row) throw new PlatformError('System.StringException', `Invalid id: ${id}`);
                rt.test.asyncQueue = rt.test.asyncQueue.filter((j) => j.id !== id && (row.type !== 'CronTrigger' || db.getById(j.id)?.get('CronTriggerId') !== row.get('Id')));
                if (row.type === 'CronTrigger') {
                    const detail = row.get('CronJobDetailId') as string | null;
                    db.systemDelete(id);
                    if (detail) db.systemDelete(detail);
                } else markJob(id, 'Aborted');
                return null;
            },
        },
    });
    reg.add({
        name: 'Database',
        key: 'database',
        statics: {
            executebatch: (r, a) => {
                const id = executeBatch(r, a);
                track();
                return id;
            },
            getquerylocator: (r, a) => {
                const v = a[0];
                if (v instanceof ApexList) return new NativeObject('Database.QueryLocator', { rows: v.items, query: null });
                if (typeof v === 'string') {
                    const q = r.extensions.get('dynamicQuery');
                    if (!q) throw new UnsupportedError('Database.getQueryLocator(String)');
                    return new NativeObject('Database.QueryLocator', { rows: (q(r, v, null, a[1] ?? null) as ApexList).items, query: v });
                }
                throw new UnsupportedError('Database.getQueryLocator argument');
            },
            getquerylocatorwithbinds: (r, a) => {
                const q = r.extensions.get('dynamicQuery');
                if (a[0] === null || a[1] === null) npe();
                return new NativeObject('Database.QueryLocator', { rows: (q(r, a[0], a[1], a[2] ?? null) as ApexList).items, query: a[0] });
            },
        },
    });
}
