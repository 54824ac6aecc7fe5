/**
 * An org session: a persistent in-memory org (not a test context) built from an sfdx project, in which callers run
 * anonymous Apex, call static Apex methods (e.g. `@AuraEnabled` controllers) and Apex REST resources as a given
 * user, each in its own transaction with commit semantics:
 *
 * - success commits; an uncaught exception rolls the database back, discards publish-after-commit events and the
 *   async jobs the transaction enqueued (publish-immediately events survive, as on the platform);
 * - after a commit, platform events are delivered to their triggers (as the Automated Process user; publish
 *   callbacks' `onSuccess` runs then too, as that user) and queued async jobs run, each as its own transaction with
 *   fresh static state and async limits, as the user that enqueued it; work they queue in turn is processed the same
 *   way until the org is quiet (`drain()`);
 * - `asyncMode`: `immediate` drains before the call returns, `deferred` drains on the next event-loop turn (an
 *   HTTP front can answer first), `manual` waits for `drain()`;
 * - scheduled jobs (`System.schedule`) are kept and run only when fired (`fireScheduled`), like a cron; a job
 *   removed with `System.abortJob` is forgotten and never fires;
 * - callouts to named credentials go over real loopback HTTP to the configured base URL, with
 *   `Authorization: Bearer <token>` when the credential is authenticated (`setCredential`);
 * - every transaction is recorded with its governor counters (SOQL, DML, callouts, async jobs queued).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { join, resolve } from 'node:path';
import { ApexError, type ExceptionState } from '../interpreter/exceptions.js';
import { Frame } from '../interpreter/frame.js';
import type { Interpreter } from '../interpreter/interpreter.js';
import type { MethodInfo } from '../interpreter/classes.js';
import { parseUnit } from '../interpreter/parse.js';
import { ApexBlob, ApexList, ApexMap, ApexObject, NativeObject } from '../interpreter/rvalues.js';
import { isSObject } from '../interpreter/sobj.js';
import { prim, type RType } from '../interpreter/types.js';
import type { OrgDatabase } from '../data/database.js';
import { SObjectRecord } from '../data/record.js';
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { PlatformError, UnsupportedError, isUnsupportedError } from '../values/errors.js';
import { nowMillis, setClock } from '../values/timezone.js';
import { type AsyncJob, type Runtime, TxState } from '../stdlib/runtime.js';
import { dmlState } from '../stdlib/dml.js';
import { JsonWriter } from '../stdlib/json.js';
import type { LimitCounters } from '../stdlib/limits.js';
import type { CalloutTransport } from '../stdlib/http.js';
import { createRegistry } from '../stdlib/index.js';
import { Runtime as RuntimeClass } from '../stdlib/runtime.js';
import { DataBridge } from '../stdlib/data-bridge.js';
import { installDml } from '../stdlib/dml.js';
import { installSchema } from '../stdlib/schema.js';
import { installAsync } from '../stdlib/async.js';
import { installEventBus } from '../stdlib/eventbus.js';
import { installTestHooks } from '../testing/hooks.js';
import { loadOrgSchema } from '../data/schema.js';
import { Interpreter as InterpreterClass } from '../interpreter/interpreter.js';
import { loadProject } from '../testing/project.js';
import { SyncHttpClient } from './sync-http.js';
import { loadState, saveState, schemaFingerprint } from './state.js';

export type AsyncMode = 'immediate' | 'deferred' | 'manual';

export interface CalloutRoute {
    /** Base URL that replaces the Named Credential's endpoint (e.g. the emulator's `http://127.0.0.1:PORT`). */
    baseUrl: string;
    /** Bearer token of the authenticated principal; null/absent = the credential sends no Authorization header. */
    token?: string | null;
}

export interface OrgSessionOptions {
    projectDir: string;
    /** JSON file the database is loaded from (when present and compatible) and saved to by `save()`. */
    stateFile?: string | null;
    asyncMode?: AsyncMode;
    /** Named Credential name → route. Callouts to other credentials fail loudly. */
    callouts?: Record<string, CalloutRoute>;
    /**
     * Session-only custom metadata records, by type (`CoSellTrustedCertificate__mdt`): each `DeveloperName` replaces
     * a record of the project with that name or is added. Never written to the project.
     */
    customMetadata?: Record<string, Record<string, unknown>[]>;
    /** Echo System.debug to stderr. */
    debug?: boolean;
    /** Parse cache directory (default: the runtime's). */
    cacheDir?: string | null;
    /** Multi-currency on/off (default: from the project's scratch definition, as the test runner does). */
    multiCurrency?: boolean;
    /** Upper bound of drain iterations (events batches + jobs) before the session reports a runaway loop. */
    maxDrainSteps?: number;
}

export type TxKind = 'anonymous' | 'apex' | 'rest' | 'event' | 'queueable' | 'future' | 'batch' | 'schedule';

/** One committed or rolled-back transaction with its governor counters. */
export interface TxRecord {
    seq: number;
    kind: TxKind;
    label: string;
    userId: string;
    limits: Omit<LimitCounters, 'cpuStart'>;
    ok: boolean;
    error: string | null;
    limitException: boolean;
    ms: number;
    /** Sequence number of the transaction whose commit queued this one (async hops), or null. */
    parent: number | null;
}

export interface RunAs {
    /** User Id (default: the org's admin user). */
    userId?: string;
}

export interface RestCall {
    method: string;
    /** Path after `/services/apexrest` (query string allowed). */
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string | null;
    remoteAddress?: string;
    userId?: string;
}

export interface RestResult {
    statusCode: number;
    headers: Record<string, string>;
    body: Buffer;
}

/** An Apex exception that escaped a transaction (which was rolled back). */
export class ApexTransactionError extends Error {
    constructor(
        readonly apexType: string,
        readonly apexMessage: string,
        readonly apexStack: string | null,
        readonly tx: TxRecord,
    ) {
        super(`${apexType}: ${apexMessage}`);
    }
}

interface PendingJob {
    job: AsyncJob;
    userId: string;
    parent: number | null;
    /** Org clock time (ms) before which the job does not start (AsyncOptions.MinimumQueueableDelayInMinutes). */
    dueAt: number;
}

interface ScheduledJob {
    job: AsyncJob;
    userId: string;
    name: string | null;
}

const ANON_CLASS = 'AnonymousApex';
const LIMIT_KEYS = ['soql', 'soqlRows', 'dml', 'dmlRows', 'callouts', 'queueables', 'futures', 'publishImmediate', 'emails'] as const;

export class OrgSession {
    readonly ip: Interpreter;
    readonly rt: Runtime;
    readonly db: OrgDatabase;
    readonly projectDir: string;
    readonly transactions: TxRecord[] = [];
    asyncMode: AsyncMode;
    /** Loaded from the state file (true) or a fresh org (false); `stateSkipped` says why not. */
    readonly restored: boolean;
    readonly stateSkipped: string | null;
    /** Data the host stored with `save(extra)` (e.g. the demo user ids). */
    readonly restoredExtra: unknown;
    /** Listeners for committed platform events (e.g. the preview's empApi channel). */
    readonly eventListeners: ((type: string, payload: Record<string, unknown>) => void)[] = [];

    private readonly http = new SyncHttpClient();
    private readonly routes = new Map<string, CalloutRoute>();
    private readonly pending: PendingJob[] = [];
    private readonly scheduled: ScheduledJob[] = [];
    private readonly stateFile: string | null;
    private readonly fingerprint: string;
    private readonly maxDrainSteps: number;
    private txSeq = 0;
    private current: { record: TxRecord; tx: TxState } | null = null;
    private currentKind: { kind: TxKind; label: string; userId: string; parent: number | null } | null = null;
    private draining = false;
    private drainTimer: NodeJS.Immediate | null = null;
    private idleWaiters: (() => void)[] = [];
    private anonCounter = 0;
    /** Transactions started by the current top-level unit of work (a job and its finalizer, a batch's chunks). */
    private runRecords: TxRecord[] = [];
    private clockOffsetMs = 0;
    private readonly delays = new Map<string, number>();

    constructor(opts: OrgSessionOptions) {
        this.projectDir = resolve(opts.projectDir);
        this.asyncMode = opts.asyncMode ?? 'immediate';
        this.maxDrainSteps = opts.maxDrainSteps ?? 100_000;
        const project = loadProject(this.projectDir, opts.cacheDir === undefined ? undefined : opts.cacheDir);
        // as testing/runner.ts createRuntime, plus the schema options
        const schema = loadOrgSchema(this.projectDir, opts.multiCurrency === undefined ? {} : { multiCurrency: opts.multiCurrency });
        const registry = createRegistry();
        const ip = new InterpreterClass(project.units, registry);
        const rt = new RuntimeClass(ip, registry, new DataBridge(schema));
        installDml(registry, rt, schema);
        installSchema(registry, rt);
        installAsync(registry, rt);
        installEventBus(registry, rt);
        installTestHooks(rt);
        this.ip = ip;
        this.rt = rt;
        this.db = rt.extensions.get('db') as OrgDatabase;
        rt.echoDebug = !!opts.debug;
        rt.test.running = false;
        for (const [name, route] of Object.entries(opts.callouts ?? {})) this.routes.set(name.toLowerCase(), { ...route });
        if (opts.customMetadata) for (const [type, recs] of Object.entries(opts.customMetadata)) this.overrideCustomMetadata(type, recs);
        rt.extensions.set('calloutTransport', this.transport);
        this.captureQueueableDelays();
        setClock(() => Date.now() + this.clockOffsetMs);
        this.trackTransactions();
        this.fingerprint = schemaFingerprint(this.db, project.units.map((u) => u.file));
        this.stateFile = opts.stateFile ? resolve(opts.stateFile) : null;
        let restored = false;
        let skipped: string | null = null;
        let extra: unknown = null;
        if (this.stateFile) {
            const r = loadState(this.db, this.stateFile, this.fingerprint);
            if ('extra' in r) {
                restored = true;
                extra = r.extra;
            } else skipped = r.skipped;
        }
        this.restored = restored;
        this.stateSkipped = skipped;
        this.restoredExtra = extra;
        dmlState(rt).seeded = this.db.snapshot();
    }

    // ------------------------------------------------------------------ configuration

    /** Sets (or replaces) the route and token of a named credential; `token: null` = not authenticated. */
    setCredential(name: string, route: Partial<CalloutRoute>): void {
        const prev = this.routes.get(name.toLowerCase());
        const baseUrl = route.baseUrl ?? prev?.baseUrl;
        if (!baseUrl) throw new Error(`No base URL for the named credential ${name}`);
        this.routes.set(name.toLowerCase(), { baseUrl, token: route.token === undefined ? prev?.token ?? null : route.token });
    }

    /** Adds or replaces session-only custom metadata records (never written to the project). */
    overrideCustomMetadata(type: string, records: Record<string, unknown>[]): void {
        const schema = this.db.schema as any;
        const def = schema.getObject(type);
        if (!def || def.kind !== 'customMetadata') throw new Error(`${type} is not a custom metadata type of the project`);
        const key = def.name.toLowerCase();
        const list: SObjectRecord[] = schema.customMetadataRecords.get(key) ?? [];
        for (const values of records) {
            const devName = String(values.DeveloperName ?? '');
            if (!devName) throw new Error(`A ${type} override needs a DeveloperName`);
            const rec = new SObjectRecord(def.name);
            rec.put('Id', schema.metadataIds.next(def.keyPrefix));
            rec.put('DeveloperName', devName);
            rec.put('MasterLabel', values.MasterLabel ?? devName);
            rec.put('Label', values.MasterLabel ?? devName);
            rec.put('Language', 'en_US');
            rec.put('NamespacePrefix', null);
            rec.put('QualifiedApiName', devName);
            for (const f of def.fields.values()) if (f.custom) rec.put(f.name, f.type === 'Checkbox' ? false : null);
            for (const [k, v] of Object.entries(values)) {
                if (k === 'DeveloperName' || k === 'MasterLabel') continue;
                const f = def.fields.get(k.toLowerCase());
                if (!f) throw new Error(`${type} has no field ${k}`);
                rec.put(f.name, typeof v === 'number' ? Decimal.of(v) : v);
            }
            const i = list.findIndex((r) => String(r.get('DeveloperName')).toLowerCase() === devName.toLowerCase());
            if (i >= 0) list[i] = rec;
            else list.push(rec);
        }
        schema.customMetadataRecords.set(key, list);
    }

    // ------------------------------------------------------------------ users

    get adminUserId(): string {
        return this.db.adminUserId;
    }

    /** Creates an active user with the given profile and project permission sets (system context). */
    createUser(u: { username: string; lastName: string; firstName?: string; profile?: string; permissionSets?: string[]; timeZone?: string }): string {
        const profileId = this.db.profileId(u.profile ?? 'Standard User');
        if (!profileId) throw new Error(`Unknown profile ${u.profile}`);
        return this.inSystemTransaction(`create user ${u.username}`, () => {
            const user = new SObjectRecord('User', {
                Username: u.username,
                LastName: u.lastName,
                FirstName: u.firstName ?? null,
                Email: u.username,
                Alias: u.lastName.slice(0, 8),
                CommunityNickname: u.username.split('@')[0],
                TimeZoneSidKey: u.timeZone ?? 'GMT',
                LocaleSidKey: 'en_US',
                EmailEncodingKey: 'UTF-8',
                LanguageLocaleKey: 'en_US',
                ProfileId: profileId,
                IsActive: true,
            });
            this.db.insert([user], { accessLevel: 'SYSTEM' });
            const id = String(user.get('Id'));
            const psas = (u.permissionSets ?? []).map((name) => {
                const ps = this.db.permissionSetId(name);
                if (!ps) throw new Error(`Unknown permission set ${name}`);
                return new SObjectRecord('PermissionSetAssignment', { AssigneeId: id, PermissionSetId: ps });
            });
            if (psas.length) this.db.insert(psas, { accessLevel: 'SYSTEM' });
            return id;
        });
    }

    /** Finds a user by username. */
    userId(username: string): string | null {
        for (const r of this.db.rows('User')) if (String(r.get('Username')).toLowerCase() === username.toLowerCase()) return String(r.get('Id'));
        return null;
    }

    // ------------------------------------------------------------------ transactions

    /** Runs anonymous Apex (statements, local declarations allowed) as a user. Returns the System.debug lines. */
    runAnonymous(code: string, as: RunAs = {}): { debug: string[]; tx: TxRecord } {
        const unit = parseUnit(`public class ${ANON_CLASS}${++this.anonCounter} {\npublic static void run() {\n${code}\n}\n}`, '<anonymous>') as any;
        const body = unit.members.find((m: any) => m.k === 'method')?.body;
        if (!body) throw new Error('anonymous Apex did not parse into a block');
        let debug: string[] = [];
        const tx = this.transaction('anonymous', 'anonymous Apex', as.userId, () => {
            const f = new Frame(null, null, 'anonymous');
            this.ip.pushFrame(f);
            try {
                this.ip.execBlock(body, f);
            } finally {
                this.ip.popFrame();
                debug = [...this.rt.debugLog];
            }
            return null;
        });
        return { debug, tx: tx.tx };
    }

    /**
     * Calls a static Apex method with JSON-like arguments (by parameter name or position), as a user, in its own
     * transaction. The result is converted to plain JSON as Aura/JSON.serialize would.
     */
    callStatic(className: string, methodName: string, args: Record<string, unknown> | unknown[] = {}, as: RunAs = {}): { result: unknown; tx: TxRecord } {
        const cls = this.ip.classes.get(className.toLowerCase());
        if (!cls) throw new Error(`No Apex class ${className}`);
        const cands = (cls.methods.get(methodName.toLowerCase()) ?? []).filter((m) => m.isStatic);
        const m = this.pickMethod(cands, args, `${className}.${methodName}`);
        const out = this.transaction('apex', `${cls.name}.${m.decl.name}`, as.userId, () => {
            const values = m.decl.params.map((p: any, i: number) => {
                const raw = Array.isArray(args) ? args[i] : findArg(args, p.name);
                return this.toApex(raw === undefined ? null : raw, this.ip.resolveType(p.type, cls), `${p.name}`);
            });
            const ret = this.ip.invoke(m, null, values);
            return m.decl.ret === null ? null : this.toJson(ret);
        });
        return { result: out.value, tx: out.tx };
    }

    /** Invokes the `@RestResource` whose urlMapping matches `call.path`, as the platform's Apex REST would. */
    invokeRestResource(call: RestCall): RestResult {
        const path = call.path.split('?')[0];
        const resource = this.findRestResource(path);
        if (!resource) return { statusCode: 404, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }])) };
        const httpAnno = `http${call.method.toLowerCase()}`;
        const m = [...resource.methods.values()].flat().find((x) => x.isStatic && x.decl.annos.some((a) => a.name === httpAnno));
        if (!m) return { statusCode: 405, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify([{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP ${call.method} not allowed` }])) };
        if (m.decl.params.length) throw new UnsupportedError('Apex REST methods with parameters');
        const natives = this.rt.natives as any;
        const restState = natives.restState as { request: NativeObject | null; response: NativeObject | null };
        let statusCode = 200;
        let headers: Record<string, string> = {};
        let body: Buffer = Buffer.alloc(0);
        try {
            this.transaction('rest', `${call.method} ${path} (${resource.name})`, call.userId, () => {
                const req = natives.getByKey('restrequest').construct(this.rt, []) as NativeObject;
                const res = natives.getByKey('restresponse').construct(this.rt, []) as NativeObject;
                const p = req.data.props as Map<string, any>;
                p.set('requesturi', call.path);
                p.set('httpmethod', call.method.toUpperCase());
                p.set('resourcepath', `/services/apexrest${resourcePattern(resource)}`);
                p.set('remoteaddress', call.remoteAddress ?? '127.0.0.1');
                const raw = call.body === undefined || call.body === null ? Buffer.alloc(0) : Buffer.isBuffer(call.body) ? call.body : Buffer.from(call.body, 'utf8');
                p.set('requestbody', new ApexBlob(raw));
                for (const [k, v] of Object.entries(call.headers ?? {})) (p.get('headers') as ApexMap).put(k, v);
                const q = call.path.includes('?') ? new URLSearchParams(call.path.slice(call.path.indexOf('?') + 1)) : null;
                if (q) for (const [k, v] of q) (p.get('params') as ApexMap).put(k, v);
                restState.request = req;
                restState.response = res;
                const ret = this.ip.invoke(m, null, []);
                const rp = res.data.props as Map<string, any>;
                statusCode = rp.get('statuscode') ?? 200;
                const rb = rp.get('responsebody');
                if (rb instanceof ApexBlob) body = Buffer.from(rb.bytes);
                else if (m.decl.ret !== null && ret !== null) body = Buffer.from(JSON.stringify(this.toJson(ret)));
                const hm = rp.get('headers') as ApexMap;
                headers = {};
                for (const k of hm.keys()) headers[String(k)] = String(hm.get(k));
                return null;
            });
        } catch (e) {
            if (!(e instanceof ApexTransactionError)) throw e;
            statusCode = 500;
            headers = { 'Content-Type': 'application/json' };
            body = Buffer.from(JSON.stringify([{ errorCode: 'APEX_ERROR', message: `${e.apexType}: ${e.apexMessage}` }]));
        } finally {
            restState.request = null;
            restState.response = null;
        }
        return { statusCode, headers, body };
    }

    /** Reads rows in system mode, outside any transaction's limits (for assertions and the CLI). */
    query(soql: string): Record<string, unknown>[] {
        const st = dmlState(this.rt);
        const savedTx = this.rt.tx;
        const savedHooks = this.db.hooks.onSoql;
        this.db.hooks.onSoql = () => undefined;
        this.rt.tx = new TxState();
        st.userStack.push(this.db.adminUserId);
        try {
            const rows = this.runQuery(soql);
            return rows.map((r) => recordToJson(r));
        } finally {
            st.userStack.pop();
            this.rt.tx = savedTx;
            this.db.hooks.onSoql = savedHooks;
        }
    }

    // ------------------------------------------------------------------ async processing

    /** Jobs waiting to run (queued after commits, not yet drained). */
    get pendingJobs(): { id: string; kind: string; className: string }[] {
        return this.pending.map((p) => ({ id: p.job.id, kind: p.job.kind, className: p.job.className }));
    }

    /** Jobs scheduled with `System.schedule` and not aborted since. */
    get scheduledJobs(): { id: string; className: string; name: string | null }[] {
        this.pruneScheduled();
        return this.scheduled.map((s) => ({ id: s.job.id, className: s.job.className, name: s.name }));
    }

    /** True when no event or due job is waiting (delayed jobs wait for the org clock: `advanceClock`). */
    get isIdle(): boolean {
        const now = nowMillis();
        return !this.draining && !this.pending.some((p) => p.dueAt <= now) && this.rt.test.events.length === 0 && this.rt.test.asyncQueue.length === 0;
    }

    /** Jobs queued with a delay that has not passed yet. */
    get delayedJobs(): { id: string; className: string; dueAt: string }[] {
        const now = nowMillis();
        return this.pending.filter((p) => p.dueAt > now).map((p) => ({ id: p.job.id, className: p.job.className, dueAt: new Date(p.dueAt).toISOString() }));
    }

    /** The org's clock (System.now()): real time plus the offset moved by `advanceClock`. */
    now(): Date {
        return new Date(nowMillis());
    }

    /** Moves the org clock forward (delayed jobs, NextAttemptAt__c back-off) and drains what became due. */
    advanceClock(ms: number): TxRecord[] {
        if (ms < 0) throw new Error('The org clock only moves forward');
        this.clockOffsetMs += ms;
        if (this.asyncMode === 'manual') return [];
        return this.drain();
    }

    /**
     * Delivers committed platform events and runs queued jobs (and whatever they queue) until the org is quiet.
     * Returns the transactions it ran.
     */
    drain(): TxRecord[] {
        if (this.draining) return [];
        this.draining = true;
        const start = this.transactions.length;
        try {
            let steps = 0;
            for (;;) {
                if (++steps > this.maxDrainSteps) throw new Error(`drain did not settle after ${this.maxDrainSteps} steps (a job re-queues itself forever?)`);
                this.collectQueued(null);
                if (this.rt.test.events.length) {
                    this.deliverEvents();
                    continue;
                }
                const now = nowMillis();
                const i = this.pending.findIndex((p) => p.dueAt <= now);
                if (i < 0) break;
                const [next] = this.pending.splice(i, 1);
                this.runJob(next);
            }
        } finally {
            this.draining = false;
        }
        this.notifyIdle();
        return this.transactions.slice(start);
    }

    /** In deferred mode, starts a drain when delayed work became due (call it periodically). */
    tick(): void {
        if (this.asyncMode === 'deferred') this.scheduleDrain();
    }

    /** True when `save()` has a file to write. */
    get hasStateFile(): boolean {
        return this.stateFile !== null;
    }

    /** Resolves once deferred draining has finished (immediately when idle). */
    idle(): Promise<void> {
        if (this.isIdle && !this.drainTimer) return Promise.resolve();
        return new Promise((r) => this.idleWaiters.push(r));
    }

    /** Runs a scheduled job now (as its scheduler would), e.g. `fireScheduled('CoSellReconciliationJob')`. */
    fireScheduled(classOrName: string): TxRecord[] {
        this.pruneScheduled();
        const key = classOrName.toLowerCase();
        const s = this.scheduled.find((x) => x.job.className.toLowerCase() === key || (x.name ?? '').toLowerCase() === key);
        if (!s) throw new Error(`No scheduled job ${classOrName} (scheduled: ${this.scheduled.map((x) => x.name ?? x.job.className).join(', ') || 'none'})`);
        const start = this.transactions.length;
        this.runJob({ job: s.job, userId: s.userId, parent: null, dueAt: 0 }, 'schedule');
        this.afterCommit();
        return this.transactions.slice(start);
    }

    /** Writes the database (and `extra`) to the state file. */
    save(extra: unknown = this.restoredExtra): void {
        if (!this.stateFile) throw new Error('This session has no state file');
        saveState(this.db, this.stateFile, this.fingerprint, extra);
    }

    async close(): Promise<void> {
        if (this.drainTimer) clearImmediate(this.drainTimer);
        this.drainTimer = null;
        await this.http.close();
        this.notifyIdle();
    }

    // ------------------------------------------------------------------ internals: transactions

    private inSystemTransaction<T>(label: string, fn: () => T): T {
        return this.transaction('apex', label, this.db.adminUserId, fn).value;
    }

    private beginTx(): void {
        this.runRecords = [];
        this.ip.statics = new Map();
        this.ip.frames.length = 0;
        this.rt.test.running = false;
        this.rt.test.executingAsync = false;
        this.rt.debugLog = [];
        this.db.resetTransaction();
        dmlState(this.rt).triggerStack.length = 0;
    }

    private transaction<T>(kind: TxKind, label: string, userId: string | undefined, fn: () => T): { value: T; tx: TxRecord } {
        if (this.currentKind) throw new Error(`a transaction is already running (${this.currentKind.label}): calls into the org are not re-entrant`);
        const user = userId ?? this.db.adminUserId;
        if (!this.db.getById(user)) throw new Error(`Unknown user ${user}`);
        this.beginTx();
        const st = dmlState(this.rt);
        const snap = this.db.snapshot();
        const eventsBefore = this.rt.test.events.length;
        const queueBefore = this.rt.test.asyncQueue.length;
        this.currentKind = { kind, label, userId: user, parent: null };
        st.userStack.push(user);
        const t0 = performance.now();
        this.rt.tx = new TxState();
        const rec = this.current!.record;
        let value: T;
        try {
            value = fn();
            rec.ok = true;
        } catch (e) {
            this.db.restore(snap);
            this.rt.test.events = this.rt.test.events.filter((ev, i) => i < eventsBefore || ev.immediate);
            this.rt.test.asyncQueue.length = Math.min(this.rt.test.asyncQueue.length, queueBefore);
            rec.ok = false;
            const err = this.describeError(e);
            rec.error = err.text;
            rec.limitException = err.type === 'System.LimitException';
            rec.ms = performance.now() - t0;
            st.userStack.pop();
            this.currentKind = null;
            this.current = null;
            this.afterCommit();
            if (isUnsupportedError(e)) throw e;
            if (err.apex) throw new ApexTransactionError(err.type, err.message, err.stack, rec);
            throw e;
        }
        rec.ms = performance.now() - t0;
        st.userStack.pop();
        this.collectQueued(rec.seq, user);
        this.currentKind = null;
        this.current = null;
        this.afterCommit();
        return { value, tx: rec };
    }

    private afterCommit(): void {
        this.pruneScheduled();
        if (this.asyncMode === 'immediate') this.drain();
        else if (this.asyncMode === 'deferred') this.scheduleDrain();
    }

    private scheduleDrain(): void {
        if (this.drainTimer || this.isIdle) return;
        this.drainTimer = setImmediate(() => {
            this.drainTimer = null;
            try {
                this.drain();
            } catch (e) {
                process.stderr.write(`org session: drain failed: ${(e as Error).stack ?? e}\n`);
            }
            this.notifyIdle();
        });
    }

    private notifyIdle(): void {
        if (!this.isIdle || this.drainTimer) return;
        const w = this.idleWaiters;
        this.idleWaiters = [];
        for (const r of w) r();
    }

    /** Moves jobs from the runtime's queue to the session's, tagged with the enqueuing user and transaction. */
    private collectQueued(parent: number | null, userId?: string): void {
        const q = this.rt.test.asyncQueue;
        if (!q.length) return;
        this.rt.test.asyncQueue = [];
        for (const job of q) {
            const user = userId ?? this.lastJobUser ?? this.db.automatedProcessUserId;
            if (job.kind === 'schedule') {
                const row = this.db.getById(job.id);
                const trig = row ? this.db.getById(String(row.get('CronTriggerId') ?? '')) : null;
                const detail = trig ? this.db.getById(String(trig.get('CronJobDetailId') ?? '')) : null;
                this.scheduled.push({ job, userId: user, name: detail ? String(detail.get('Name')) : null });
            } else {
                const delay = this.delays.get(job.id) ?? 0;
                this.delays.delete(job.id);
                this.pending.push({ job, userId: user, parent: parent ?? this.lastJobSeq, dueAt: nowMillis() + delay * 60_000 });
            }
        }
    }

    /**
     * Forgets scheduled jobs that no longer exist in the org: `System.abortJob` deletes the CronTrigger (or marks the
     * job Aborted when given its AsyncApexJob id), and an aborted schedule never fires again. The database decides, so
     * an abort in a transaction that rolled back keeps the schedule.
     */
    private pruneScheduled(): void {
        for (let i = this.scheduled.length - 1; i >= 0; i--) {
            const job = this.db.getById(this.scheduled[i].job.id);
            const trigger = job ? this.db.getById(String(job.get('CronTriggerId') ?? '')) : null;
            const live = !!job && job.get('Status') !== 'Aborted' && !!trigger && !['DELETED', 'COMPLETE'].includes(String(trigger.get('State')));
            if (!live) this.scheduled.splice(i, 1);
        }
    }

    private lastJobUser: string | null = null;
    private lastJobSeq: number | null = null;

    private runJob(p: PendingJob, kindOverride?: TxKind): void {
        const st = dmlState(this.rt);
        const kind: TxKind = kindOverride ?? (p.job.kind as TxKind);
        this.beginTx();
        this.currentKind = { kind, label: p.job.className, userId: p.userId, parent: p.parent };
        st.userStack.push(p.userId);
        const eventsBefore = this.rt.test.events.length;
        const queueBefore = this.rt.test.asyncQueue.length;
        let failure: unknown = null;
        try {
            p.job.run();
        } catch (e) {
            failure = e;
        } finally {
            st.userStack.pop();
        }
        const rec = this.runRecords[0] ?? null;
        if (failure) {
            this.rt.test.events = this.rt.test.events.filter((ev, i) => i < eventsBefore || ev.immediate);
            this.rt.test.asyncQueue.length = Math.min(this.rt.test.asyncQueue.length, queueBefore);
            const err = this.describeError(failure);
            if (rec) {
                rec.ok = false;
                rec.error = err.text;
                rec.limitException = err.type === 'System.LimitException';
            }
            if (isUnsupportedError(failure)) {
                this.currentKind = null;
                this.current = null;
                throw failure;
            }
            this.rt.debug(`async job ${p.job.className} failed: ${err.text}`);
        } else if (rec) {
            const row = this.db.getById(p.job.id);
            if (row && row.get('Status') === 'Failed') {
                rec.ok = false;
                rec.error = String(row.get('ExtendedStatus') ?? 'failed');
                rec.limitException = /LimitException/.test(rec.error);
            }
        }
        this.lastJobUser = p.userId;
        this.lastJobSeq = rec?.seq ?? p.parent;
        this.collectQueued(rec?.seq ?? p.parent, p.userId);
        this.lastJobUser = null;
        this.lastJobSeq = null;
        this.currentKind = null;
        this.current = null;
    }

    private deliverEvents(): void {
        const deliver = this.rt.extensions.get('deliverEvents') as (r: Runtime) => void;
        const events = this.rt.test.events;
        for (const ev of events) {
            const payload = recordToJson(ev.record as unknown as SObjectRecord);
            for (const l of this.eventListeners) {
                try {
                    l(ev.record.type as string, payload);
                } catch {
                    /* a listener's failure never affects the org */
                }
            }
        }
        this.beginTx();
        this.currentKind = { kind: 'event', label: `events ${[...new Set(events.map((e) => e.record.type))].join(', ')}`, userId: this.db.automatedProcessUserId, parent: null };
        try {
            deliver(this.rt);
        } finally {
            this.lastJobUser = this.db.automatedProcessUserId;
            this.lastJobSeq = this.current?.record.seq ?? null;
            this.collectQueued(this.lastJobSeq, this.db.automatedProcessUserId);
            this.lastJobUser = null;
            this.lastJobSeq = null;
            this.currentKind = null;
            this.current = null;
        }
    }

    /** Records every new TxState the runtime creates (ours, async jobs', event batches') as a transaction. */
    private trackTransactions(): void {
        const rt = this.rt as any;
        let tx: TxState = rt.tx;
        const seen = new WeakSet<TxState>();
        seen.add(tx);
        Object.defineProperty(rt, 'tx', {
            configurable: true,
            enumerable: true,
            get: () => tx,
            set: (v: TxState) => {
                tx = v;
                if (seen.has(v) || !this.currentKind) return;
                seen.add(v);
                const k = this.currentKind;
                const asyncKind = (this.rt.extensions.get('asyncKind') as () => string | null)();
                const kind: TxKind = k.kind === 'event' && asyncKind ? (asyncKind as TxKind) : k.kind;
                const nth = this.runRecords.length;
                const label = kind === 'queueable' && nth > 0 ? `${k.label} (finalizer)` : kind === 'batch' ? `${k.label} #${nth}` : k.label;
                const record: TxRecord = {
                    seq: ++this.txSeq,
                    kind,
                    label,
                    userId: k.userId,
                    limits: null as any,
                    ok: true,
                    error: null,
                    limitException: false,
                    ms: 0,
                    parent: k.parent,
                };
                Object.defineProperty(record, 'limits', { enumerable: true, get: () => pickLimits(v.limits) });
                this.transactions.push(record);
                this.runRecords.push(record);
                this.current = { record, tx: v };
            },
        });
    }

    private describeError(e: unknown): { apex: boolean; type: string; message: string; stack: string | null; text: string } {
        if (isUnsupportedError(e)) return { apex: false, type: 'unsupported', message: (e as Error).message, stack: null, text: `unsupported: ${(e as Error).message}` };
        const ae = e instanceof ApexError ? e : e instanceof PlatformError ? this.ip.toApexError(e) : null;
        if (ae) {
            const st = ae.obj.native as ExceptionState;
            return { apex: true, type: ae.obj.cls.name, message: st.message ?? '', stack: st.stack ?? null, text: `${ae.obj.cls.name}: ${st.message ?? ''}` };
        }
        const err = e as Error;
        return { apex: false, type: 'internal', message: err?.message ?? String(e), stack: err?.stack ?? null, text: `internal runtime error: ${err?.message ?? String(e)}` };
    }

    /** Remembers AsyncOptions.MinimumQueueableDelayInMinutes per enqueued job (the runtime itself ignores it). */
    private captureQueueableDelays(): void {
        const sys = (this.rt.natives as any).get('system');
        const original = sys?.statics?.enqueuejob;
        if (!original) throw new Error('System.enqueueJob is not installed');
        sys.statics.enqueuejob = (r: Runtime, a: any[]) => {
            const id = original(r, a);
            const opts = a[1];
            const d = opts instanceof NativeObject ? opts.data.props?.get('minimumqueueabledelayinminutes') : null;
            const minutes = typeof d === 'number' ? d : d instanceof Decimal ? d.intValue() : 0;
            if (minutes > 0) this.delays.set(String(id), minutes);
            return id;
        };
    }

    // ------------------------------------------------------------------ internals: callouts

    private readonly transport: CalloutTransport = (req) => {
        if (!req.credential) throw new PlatformError('System.CalloutException', `Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = ${req.url}`);
        const route = this.routes.get(req.credential.toLowerCase());
        if (!route) throw new UnsupportedError(`a callout to the named credential ${req.credential} (no route configured in the org session)`);
        const m = /^callout:[^/?]+(.*)$/.exec(req.endpoint);
        const url = route.baseUrl.replace(/\/$/, '') + (m ? m[1] : '');
        const headers = req.headers.filter(([k]) => k.toLowerCase() !== 'authorization');
        if (route.token) headers.push(['Authorization', `Bearer ${route.token}`]);
        try {
            return this.http.request({ url, method: req.method, headers, body: req.body, timeoutMs: req.timeoutMs });
        } catch (e) {
            throw new PlatformError('System.CalloutException', (e as Error).message);
        }
    };

    // ------------------------------------------------------------------ internals: values

    private pickMethod(cands: MethodInfo[], args: Record<string, unknown> | unknown[], name: string): MethodInfo {
        if (!cands.length) throw new Error(`No static method ${name}`);
        const n = Array.isArray(args) ? args.length : null;
        const byArity = cands.filter((m) => (n === null ? true : m.decl.params.length === n));
        if (!Array.isArray(args)) {
            const keys = Object.keys(args).map((k) => k.toLowerCase());
            const exact = byArity.filter((m) => m.decl.params.length === keys.length && m.decl.params.every((p: any) => keys.includes(p.name.toLowerCase())));
            if (exact.length === 1) return exact[0];
            const covering = byArity.filter((m) => keys.every((k) => m.decl.params.some((p: any) => p.name.toLowerCase() === k)));
            if (covering.length >= 1) return covering.sort((a, b) => a.decl.params.length - b.decl.params.length)[0];
        } else if (byArity.length === 1) return byArity[0];
        throw new Error(`Cannot choose an overload of ${name} for the given arguments`);
    }

    /** JSON-like value → Apex value of type `t` (as Aura does for @AuraEnabled parameters). */
    toApex(v: unknown, t: RType, where: string): any {
        if (v === null || v === undefined) return null;
        const tn = t.k === 'prim' ? t.n : t.k;
        if (t.k === 'prim') {
            switch (tn) {
                case 'string':
                case 'id':
                    return String(v);
                case 'boolean':
                    return v === true || v === 'true';
                case 'integer':
                    return Math.trunc(Number(v));
                case 'long':
                    return BigInt(Math.trunc(Number(v)));
                case 'decimal':
                    return Decimal.parse(String(v));
                case 'double':
                    return this.ip.coerce(Number(v), t);
                case 'date':
                    return ApexDate.valueOf(String(v));
                case 'datetime':
                    return ApexDatetime.parseIso(String(v));
                case 'time':
                    throw new UnsupportedError(`a Time argument (${where})`);
            }
        }
        if (t.k === 'list' && Array.isArray(v)) {
            const el = (t as any).el as RType;
            return new ApexList(el, v.map((x, i) => this.toApex(x, el, `${where}[${i}]`)));
        }
        if (t.k === 'any') return v;
        throw new UnsupportedError(`converting ${JSON.stringify(v).slice(0, 60)} to ${JSON.stringify(t)} (${where})`);
    }

    /** Apex value → plain JSON (JSON.serialize rules, nulls kept). */
    toJson(v: unknown): unknown {
        if (v === null || v === undefined) return null;
        const text = JsonWriter.write(new JsonWriter(this.rt, false).toTree(v), false);
        return JSON.parse(text);
    }

    private runQuery(soql: string): SObjectRecord[] {
        const dyn = this.rt.extensions.get('dynamicQuery') as (r: Runtime, q: string, binds: unknown, access: unknown) => ApexList;
        const out = dyn(this.rt, soql, null, new NativeObject('System.AccessLevel', { mode: 'SYSTEM' }));
        return out.items as SObjectRecord[];
    }

    private findRestResource(path: string): import('../interpreter/classes.js').ClassInfo | null {
        for (const cls of this.ip.classes.values()) {
            const pat = restMapping(cls);
            if (!pat) continue;
            const re = new RegExp('^' + pat.split('*').map(escapeRe).join('.*') + '$', 'i');
            if (re.test(path)) return cls;
        }
        return null;
    }
}

function restMapping(cls: any): string | null {
    const a = (cls.annos ?? []).find((x: any) => x.name === 'restresource');
    if (!a) return null;
    const key = Object.keys(a.params ?? {}).find((k) => k.toLowerCase() === 'urlmapping');
    const v = key ? a.params[key] : null;
    return typeof v === 'string' ? v.replace(/^'|'$/g, '') : null;
}

function resourcePattern(cls: any): string {
    return restMapping(cls) ?? '';
}

function escapeRe(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findArg(args: Record<string, unknown>, name: string): unknown {
    const k = Object.keys(args).find((x) => x.toLowerCase() === name.toLowerCase());
    return k === undefined ? undefined : args[k];
}

function pickLimits(l: LimitCounters): Omit<LimitCounters, 'cpuStart'> {
    const out: any = {};
    for (const k of LIMIT_KEYS) out[k] = l[k];
    return out;
}

/** A record as plain JSON: Decimal → number, dates → ISO strings, parent records nested, children as arrays. */
export function recordToJson(r: SObjectRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of r.fields) out[r.canonicalNames.get(k) ?? k] = valueToJson(v);
    if (r.children) for (const [k, list] of r.children) out[r.childNames?.get(k) ?? k] = list.map(recordToJson);
    return out;
}

function valueToJson(v: unknown): unknown {
    if (v === null || v === undefined) return null;
    if (v instanceof Decimal) return Number(v.toString());
    if (v instanceof ApexDatetime) return v.toJSON();
    if (v instanceof ApexDate) return v.toString();
    if (v instanceof ApexTime) return v.toString();
    if (typeof v === 'bigint') return Number(v);
    if (isSObject(v)) return recordToJson(v as unknown as SObjectRecord);
    if (v instanceof ApexObject || v instanceof NativeObject) return String(v);
    return v;
}

void join;
void prim;
