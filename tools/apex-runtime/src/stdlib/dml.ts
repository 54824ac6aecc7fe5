/**
 * DML statements and Database methods, triggers and their context variables, savepoints, System.runAs, custom
 * settings and custom metadata accessors. Delegates storage and validation to the data layer's OrgDatabase.
 * Sources: Apex Developer Guide "DML Statements vs. Database Class Methods", "Trigger Context Variables",
 * "Transaction Control", "Using the runAs Method"; Apex Reference "Database Class", "Custom Settings Methods".
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { DmlError, type DmlOptions, type DmlResult, OrgDatabase, type TriggerOp } from '../data/database.js';
import { SoqlEngine } from '../data/soql.js';
import { SObjectRecord } from '../data/record.js';
import type { OrgSchema } from '../data/schema-types.js';
import type { OrgSchemaExtras } from '../data/schema.js';
import { ApexError, type ExceptionState } from '../interpreter/exceptions.js';
import type { ClassInfo } from '../interpreter/classes.js';
import { ApexEnumValue, ApexList, ApexMap, ApexSet, NativeObject } from '../interpreter/rvalues.js';
import { isSObject } from '../interpreter/sobj.js';
import { ANY, prim } from '../interpreter/types.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import { setUserTimeZoneProvider } from '../values/timezone.js';
import { isValidId, to18 } from '../values/id.js';
import type { NativeRegistry } from './registry.js';
import type { Runtime } from './runtime.js';
import { npe } from './util.js';

export const STATUS_CODES = [
    'ALREADY_IN_PROCESS', 'CANNOT_EXECUTE_FLOW_TRIGGER', 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'CANNOT_UPDATE_CONVERTED_LEAD',
    'CIRCULAR_DEPENDENCY', 'DELETE_FAILED', 'DUPLICATE_EXTERNAL_ID', 'DUPLICATE_VALUE', 'DUPLICATES_DETECTED', 'ENTITY_IS_ARCHIVED',
    'ENTITY_IS_DELETED', 'ENTITY_IS_LOCKED', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'FIELD_FILTER_VALIDATION_EXCEPTION',
    'FIELD_INTEGRITY_EXCEPTION', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    'INSUFFICIENT_ACCESS_OR_READONLY', 'INVALID_CROSS_REFERENCE_KEY', 'INVALID_EMAIL_ADDRESS', 'INVALID_FIELD',
    'INVALID_FIELD_FOR_INSERT_UPDATE', 'INVALID_ID_FIELD', 'INVALID_OPERATION', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    'INVALID_TYPE', 'LIMIT_EXCEEDED', 'MALFORMED_ID', 'MIXED_DML_OPERATION', 'NUMBER_OUTSIDE_VALID_RANGE',
    'REQUIRED_FIELD_MISSING', 'STORAGE_LIMIT_EXCEEDED', 'STRING_TOO_LONG', 'UNABLE_TO_LOCK_ROW', 'UNKNOWN_EXCEPTION',
];

interface TriggerCtx {
    type: string;
    op: TriggerOp;
    before: boolean;
    newList: SObjectRecord[] | null;
    oldList: SObjectRecord[] | null;
    isEvent: boolean;
}

export interface DmlState {
    db: OrgDatabase;
    seeded: ReturnType<OrgDatabase['snapshot']>;
    triggerStack: TriggerCtx[];
    userStack: string[];
    triggersByObject: Map<string, ClassInfo[]>;
    /** Whether the running code enforces sharing (its class's sharing keyword; `ip.sharingEnforced`). */
    sharingEnforced: () => boolean;
}

export function dmlState(rt: Runtime): DmlState {
    return rt.extensions.get('dmlState');
}

function toRecords(rt: Runtime, v: any): SObjectRecord[] {
    if (v === null || v === undefined) npe();
    if (isSObject(v)) return [v as unknown as SObjectRecord];
    if (v instanceof ApexList) {
        return v.items.map((x) => {
            if (x === null) npe();
            return x as SObjectRecord;
        });
    }
    void rt;
    throw new UnsupportedError('DML on a non-SObject value');
}

/** Converts the data layer's DmlError into System.DmlException. */
export function dmlException(rt: Runtime, e: DmlError): ApexError {
    const obj = rt.ip.makeException('System.DmlException', e.message);
    (obj.native as ExceptionState).dml = e.failures.map((f) => ({ ...f }));
    return new ApexError(obj);
}

export function runDml(
    rt: Runtime,
    op: string,
    records: SObjectRecord[],
    opts: { allOrNone?: boolean; externalIdField?: string | null; accessLevel?: 'USER' | 'SYSTEM'; allowFieldTruncation?: boolean },
): DmlResult[] {
    const st = dmlState(rt);
    rt.limit('dml');
    // System-mode DML still respects record sharing when the calling class enforces it (user mode always does).
    const dmlOpts: DmlOptions = { ...opts, withSharing: st.sharingEnforced() };
    try {
        let results: DmlResult[];
        switch (op) {
            case 'insert':
                results = st.db.insert(records, dmlOpts);
                break;
            case 'update':
                results = st.db.update(records, dmlOpts);
                break;
            case 'upsert':
                results = st.db.upsert(records, dmlOpts);
                break;
            case 'delete':
                results = st.db.delete(records, dmlOpts);
                break;
            case 'undelete':
                results = st.db.undelete(records, dmlOpts);
                break;
            default:
                throw new UnsupportedError(`${op} DML`);
        }
        rt.tx.uncommittedWork = true;
        return results;
    } catch (e) {
        if (e instanceof DmlError) {
            rt.tx.uncommittedWork = true;
            throw dmlException(rt, e);
        }
        throw e;
    }
}

function accessLevelOf(v: any): 'USER' | 'SYSTEM' | undefined {
    if (v instanceof NativeObject && v.typeName === 'System.AccessLevel') return v.data.mode;
    return undefined;
}

function resultObject(rt: Runtime, kind: string, r: DmlResult): NativeObject {
    return new NativeObject(kind, { r, rt });
}

function runTriggers(rt: Runtime, ctx: TriggerCtx): void {
    const st = dmlState(rt);
    const list = st.triggersByObject.get(ctx.type.toLowerCase());
    if (!list || !list.length) return;
    const event = `${ctx.before ? 'before' : 'after'} ${ctx.op}`;
    const matching = list.filter((t) => ((t.decl as any).events as string[]).includes(event));
    if (!matching.length) return;
    if (rt.tx.triggerDepth >= 16) throw new PlatformError('System.LimitException', 'Maximum trigger depth exceeded');
    rt.tx.triggerDepth++;
    rt.tx.inTrigger++;
    st.triggerStack.push(ctx);
    // Trigger.old is always read-only, Trigger.new is read-only in after triggers (Apex Developer Guide,
    // "Trigger Context Variables Considerations")
    const locked: object[] = [...(ctx.oldList ?? []), ...(!ctx.before && !ctx.isEvent ? ctx.newList ?? [] : [])];
    for (const r of locked) rt.data.readOnly.add(r);
    try {
        for (const t of matching) {
            try {
                rt.ip.runTriggerBody(t);
            } catch (e) {
                if (ctx.isEvent) throw e;
                throw triggerFailure(rt, t, ctx, e);
            }
        }
    } finally {
        for (const r of locked) rt.data.readOnly.delete(r);
        st.triggerStack.pop();
        rt.tx.inTrigger--;
        rt.tx.triggerDepth--;
    }
}

/**
 * An unhandled exception in a trigger fails the DML statement with CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY and the
 * message `<Trigger>: execution of <BeforeInsert> caused by: <type>: <message> <stack>` (Apex Developer Guide,
 * "Triggers and Exceptions"; message layout as the platform prints it — VERIFY).
 */
function triggerFailure(rt: Runtime, t: ClassInfo, ctx: TriggerCtx, e: unknown): unknown {
    const ae = rt.ip.toApexError(e);
    if (!ae || ae.state.uncatchable || ae.obj.cls.name === 'System.AssertException') return e;
    const phase = `${ctx.before ? 'Before' : 'After'}${ctx.op[0].toUpperCase()}${ctx.op.slice(1)}`;
    const detail = `${t.name}: execution of ${phase}\n\ncaused by: ${ae.obj.cls.name}: ${ae.message}\n\n${ae.state.stack}`;
    const rows = ctx.newList ?? ctx.oldList ?? [];
    const id = (rows[0]?.get('Id') as string | null) ?? null;
    const label = ctx.op[0].toUpperCase() + ctx.op.slice(1);
    const err = new PlatformError(
        'System.DmlException',
        `${label} failed. First exception on row 0${id && ctx.op !== 'insert' ? ` with id ${id}` : ''}; first error: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, ${detail}: []`,
    );
    (err as any).dml = [{ index: 0, message: detail, statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', fields: [], id }];
    return err;
}

/** Runs platform-event triggers (after insert) for delivered events. */
export function runEventTriggers(rt: Runtime, type: string, events: SObjectRecord[]): void {
    runTriggers(rt, { type, op: 'insert', before: false, newList: events, oldList: null, isEvent: true });
}

export function hasEventTrigger(rt: Runtime, type: string): boolean {
    return (dmlState(rt).triggersByObject.get(type.toLowerCase()) ?? []).length > 0;
}

function typedList(type: string, recs: SObjectRecord[] | null): ApexList | null {
    return recs ? new ApexList({ k: 'sobject', name: type }, recs) : null;
}

function idMap(type: string, recs: SObjectRecord[] | null): ApexMap | null {
    if (!recs) return null;
    const m = new ApexMap(prim('id'), { k: 'sobject', name: type });
    for (const r of recs) m.put(r.get('Id'), r);
    return m;
}

export function installDml(reg: NativeRegistry, rt: Runtime, schema: OrgSchema & OrgSchemaExtras): void {
    const db = new OrgDatabase(schema);
    const triggersByObject = new Map<string, ClassInfo[]>();
    for (const t of rt.ip.triggers) {
        const obj = (t.decl as any).object as string;
        const canonical = schema.getObject(obj)?.name ?? obj;
        const key = canonical.toLowerCase();
        triggersByObject.set(key, [...(triggersByObject.get(key) ?? []), t]);
    }
    const st: DmlState = {
        db,
        seeded: db.snapshot(),
        triggerStack: [],
        userStack: [],
        triggersByObject,
        sharingEnforced: () => rt.ip.sharingEnforced(Number(schema.apiVersion)),
    };
    rt.extensions.set('dmlState', st);
    rt.extensions.set('db', db);
    setUserTimeZoneProvider(() => {
        const u = db.getById(db.currentUserId());
        return String(u?.get('TimeZoneSidKey') ?? 'GMT');
    });
    db.hooks = {
        beforeTrigger: (type, op, newList, oldList) => runTriggers(rt, { type, op, before: true, newList, oldList, isEvent: false }),
        afterTrigger: (type, op, newList, oldList) => runTriggers(rt, { type, op, before: false, newList, oldList, isEvent: false }),
        onSoql: (rows) => {
            rt.limit('soql');
            rt.limit('soqlRows', rows);
        },
        onDml: (rows) => rt.limit('dmlRows', rows),
        currentUser: () => st.userStack[st.userStack.length - 1] ?? null,
        isUserMode: () => rt.tx.inTrigger === 0 && Number(schema.apiVersion) >= 67,
        mixedDmlAllowed: () => st.userStack.length > 0,
    };
    rt.extensions.set('resetDatabase', () => {
        db.restore(st.seeded);
        db.resetTransaction();
        st.userStack.length = 0;
        st.triggerStack.length = 0;
    });
    rt.extensions.set('currentUser', () => db.getById(db.currentUserId()));
    rt.onReset(() => {
        st.userStack.length = 0;
        st.triggerStack.length = 0;
        db.resetTransaction();
    });
    rt.extensions.set('organizationId', () => db.organizationId);
    rt.extensions.set('dmlStatement', (r: Runtime, op: string, value: any, node: any) => {
        if (op === 'merge') throw new UnsupportedError('merge statement');
        const recs = toRecords(r, value);
        runDml(r, op, recs, {
            allOrNone: true,
            accessLevel: node.access === 'user' ? 'USER' : node.access === 'system' ? 'SYSTEM' : undefined,
            externalIdField: node.extId ? String(node.extId).split('.').pop() : null,
        });
    });
    rt.extensions.set('runAs', (r: Runtime, args: any[], body: () => any) => {
        const u = args[0];
        if (!isSObject(u)) {
            if (u instanceof NativeObject && u.typeName === 'System.Version') throw new UnsupportedError('System.runAs(Version)');
            npe();
        }
        const id = u.get('Id');
        if (!id) throw new PlatformError('System.DmlException', 'runAs requires a saved user');
        st.userStack.push(String(id));
        db.resetTransaction();
        try {
            return body();
        } finally {
            st.userStack.pop();
        }
    });

    // ---------------------------------------------------------------- SOQL
    const engine = new SoqlEngine(db);
    rt.extensions.set('soqlEngine', engine);
    const defaultLevel = (): 'USER' | 'SYSTEM' => (rt.tx.inTrigger === 0 && Number(schema.apiVersion) >= 67 ? 'USER' : 'SYSTEM');
    const withSharing = st.sharingEnforced;
    const wrapRows = (result: SObjectRecord[] | number, objectType: string | null): any => {
        if (typeof result === 'number') return result;
        return new ApexList({ k: 'sobject', name: objectType }, result);
    };
    rt.extensions.set('soql', (r: Runtime, e: any, f: any) => {
        const compiled = engine.compile(e.text);
        const res = engine.execute(compiled, (b) => r.ip.evalBind(b.text, f), { accessLevel: defaultLevel(), withSharing: withSharing() });
        return wrapRows(res, compiled.resultKind === 'aggregate' ? 'AggregateResult' : compiled.objectType);
    });
    const dynamicQuery = (r: Runtime, q: any, binds: ApexMap | null, level: any): any => {
        if (q === null) npe();
        const f = r.ip.currentFrame();
        const compiled = engine.compile(String(q));
        const accessLevel = accessLevelOf(level) ?? defaultLevel();
        let res: SObjectRecord[] | number;
        if (binds) {
            const m = new Map<string, unknown>();
            for (const [k, v] of binds.map.values()) m.set(String(k), v);
            res = engine.queryWithBinds(String(q), m, { accessLevel, withSharing: withSharing() });
        } else {
            res = engine.execute(compiled, (b) => {
                if (!f) throw new PlatformError('System.QueryException', `Variable does not exist: ${b.text}`);
                return r.ip.evalBind(b.text, f);
            }, { accessLevel, withSharing: withSharing() });
        }
        return wrapRows(res, compiled.resultKind === 'aggregate' ? 'AggregateResult' : compiled.objectType);
    };
    rt.extensions.set('dynamicQuery', dynamicQuery);
    reg.add({
        name: 'Database',
        key: 'database',
        statics: {
            query: (r, a) => dynamicQuery(r, a[0], null, a[1]),
            querywithbinds: (r, a) => dynamicQuery(r, a[0], a[1] ?? new ApexMap(prim('string'), ANY), a[2]),
            countquery: (r, a) => {
                const v = dynamicQuery(r, a[0], null, a[1]);
                if (typeof v !== 'number') throw new PlatformError('System.QueryException', 'countQuery requires a SELECT COUNT() query');
                return v;
            },
            countquerywithbinds: (r, a) => dynamicQuery(r, a[0], a[1], a[2]),
        },
    });

    // ---------------------------------------------------------------- Trigger context
    const ctx = (): TriggerCtx | null => st.triggerStack[st.triggerStack.length - 1] ?? null;
    reg.add({
        name: 'System.Trigger',
        key: 'trigger',
        getStatic: (_r, l) => {
            const c = ctx();
            if (l === 'isexecuting') return c !== null;
            if (!c) return l.startsWith('is') ? false : null;
            switch (l) {
                case 'new':
                    return c.op === 'delete' ? null : typedList(c.type, c.newList);
                case 'old':
                    return c.op === 'insert' || c.op === 'undelete' ? null : typedList(c.type, c.oldList);
                case 'newmap':
                    if (c.isEvent || c.op === 'delete' || (c.op === 'insert' && c.before)) return null;
                    return idMap(c.type, c.newList);
                case 'oldmap':
                    return c.op === 'insert' || c.op === 'undelete' ? null : idMap(c.type, c.oldList);
                case 'isbefore':
                    return c.before;
                case 'isafter':
                    return !c.before;
                case 'isinsert':
                    return c.op === 'insert';
                case 'isupdate':
                    return c.op === 'update';
                case 'isdelete':
                    return c.op === 'delete';
                case 'isundelete':
                    return c.op === 'undelete';
                case 'size':
                    return (c.newList ?? c.oldList ?? []).length;
                case 'operationtype':
                    return rt.natives.enumByName('system.triggeroperation', `${c.before ? 'BEFORE' : 'AFTER'}_${c.op.toUpperCase()}`);
            }
            return undefined;
        },
    });
    reg.add({
        name: 'System.TriggerOperation',
        key: 'triggeroperation',
        enumValues: ['BEFORE_INSERT', 'BEFORE_UPDATE', 'BEFORE_DELETE', 'AFTER_INSERT', 'AFTER_UPDATE', 'AFTER_DELETE', 'AFTER_UNDELETE'],
    });
    reg.add({ name: 'System.StatusCode', key: 'statuscode', enumValues: STATUS_CODES });

    reg.add({
        name: 'System.Test',
        key: 'test',
        statics: {
            setcreateddate: (_r, a) => {
                if (a[0] === null || a[1] === null) npe();
                db.systemUpdate(String(a[0]), { CreatedDate: a[1] });
                return null;
            },
        },
    });
    reg.add({
        name: 'System.FeatureManagement',
        key: 'featuremanagement',
        statics: {
            checkpermission: (_r, a) => {
                if (a[0] === null) npe();
                return db.checkCustomPermission(String(a[0]));
            },
            checkpackagebooleanvalue: () => {
                throw new UnsupportedError('FeatureManagement.checkPackageBooleanValue');
            },
            checkpackageintegervalue: () => {
                throw new UnsupportedError('FeatureManagement.checkPackageIntegerValue');
            },
        },
    });

    // ---------------------------------------------------------------- AccessLevel
    const USER_MODE = new NativeObject('System.AccessLevel', { mode: 'USER' });
    const SYSTEM_MODE = new NativeObject('System.AccessLevel', { mode: 'SYSTEM' });
    reg.add({
        name: 'System.AccessLevel',
        key: 'accesslevel',
        getStatic: (_r, l) => (l === 'user_mode' ? USER_MODE : l === 'system_mode' ? SYSTEM_MODE : undefined),
        methods: { tostring: (_r, s: NativeObject) => `${s.data.mode}_MODE` },
    });

    // ---------------------------------------------------------------- Database
    const resultMethods = {
        issuccess: (_r: Runtime, s: NativeObject) => s.data.r.success,
        getid: (_r: Runtime, s: NativeObject) => s.data.r.id,
        iscreated: (_r: Runtime, s: NativeObject) => !!s.data.r.created,
        geterrors: (r: Runtime, s: NativeObject) =>
            new ApexList(
                { k: 'native', name: 'Database.Error' },
                (s.data.r as DmlResult).errors.map((e) => new NativeObject('Database.Error', { e, rt: r })),
            ),
    };
    for (const n of ['SaveResult', 'UpsertResult', 'DeleteResult', 'UndeleteResult']) {
        reg.add({ name: `Database.${n}`, key: `database.${n.toLowerCase()}`, methods: resultMethods });
    }
    reg.add({
        name: 'Database.Error',
        key: 'database.error',
        methods: {
            getmessage: (_r, s: NativeObject) => s.data.e.message,
            getstatuscode: (r, s: NativeObject) => {
                const code = s.data.e.statusCode as string | null;
                if (code === null || code === undefined) return null; // a deserialized error without a statusCode
                const nt = r.natives.getByKey('statuscode')!;
                if (!nt.enumValues!.includes(code)) nt.enumValues!.push(code);
                return r.natives.enumByName('statuscode', code);
            },
            getfields: (r, s: NativeObject) => (s.data.e.fields ? r.strList(s.data.e.fields) : null),
        },
    });
    const dmlOpts = (a: any[], from: number): { allOrNone: boolean; accessLevel?: 'USER' | 'SYSTEM'; allowFieldTruncation?: boolean } => {
        let allOrNone = true;
        let truncate = false;
        let accessLevel: 'USER' | 'SYSTEM' | undefined;
        for (let i = from; i < a.length; i++) {
            const v = a[i];
            if (typeof v === 'boolean') allOrNone = v;
            else if (accessLevelOf(v)) accessLevel = accessLevelOf(v);
            else if (v instanceof NativeObject && v.typeName === 'Database.DMLOptions') {
                allOrNone = v.data.props.get('optallornone') !== false;
                if (v.data.props.get('allowfieldtruncation') === true) truncate = true;
            }
            else if (v !== null && v !== undefined) throw new UnsupportedError('Database DML option argument');
        }
        return truncate ? { allOrNone, accessLevel, allowFieldTruncation: true } : { allOrNone, accessLevel };
    };
    const wrapResults = (r: Runtime, kind: string, single: boolean, results: DmlResult[]): any => {
        const objs = results.map((x) => resultObject(r, `Database.${kind}`, x));
        if (single) return objs[0];
        return new ApexList({ k: 'native', name: `Database.${kind}` }, objs);
    };
    const dbOp = (op: string, kind: string) => (r: Runtime, a: any[]) => {
        const single = isSObject(a[0]) || typeof a[0] === 'string';
        let recs: SObjectRecord[];
        if (typeof a[0] === 'string') recs = [a[0] as any];
        else if (a[0] instanceof ApexList && a[0].items.some((x: any) => typeof x === 'string')) recs = a[0].items;
        else recs = toRecords(r, a[0]);
        const o = dmlOpts(a, 1);
        return wrapResults(r, kind, single, runDml(r, op, recs, o));
    };
    reg.add({
        name: 'Database',
        key: 'database',
        statics: {
            insert: dbOp('insert', 'SaveResult'),
            update: dbOp('update', 'SaveResult'),
            delete: dbOp('delete', 'DeleteResult'),
            undelete: dbOp('undelete', 'UndeleteResult'),
            upsert: (r, a) => {
                const single = isSObject(a[0]);
                const recs = toRecords(r, a[0]);
                let ext: string | null = null;
                let from = 1;
                if (a[1] instanceof NativeObject && a[1].typeName === 'Schema.SObjectField') {
                    ext = a[1].data.field;
                    from = 2;
                } else if (a[1] === null) from = 2;
                const o = dmlOpts(a, from);
                return wrapResults(r, 'UpsertResult', single, runDml(r, 'upsert', recs, { ...o, externalIdField: ext }));
            },
            setsavepoint: (r) => {
                r.limit('dml');
                return new NativeObject('System.Savepoint', { snap: db.snapshot(), eventSeq: r.test.eventSeq, asyncLen: r.test.asyncQueue.length });
            },
            rollback: (r, a) => {
                const sp = a[0] as NativeObject;
                if (sp === null) npe();
                r.limit('dml');
                db.restore(sp.data.snap);
                r.test.events = r.test.events.filter((e) => e.immediate || e.seq <= sp.data.eventSeq);
                r.test.asyncQueue.length = Math.min(r.test.asyncQueue.length, sp.data.asyncLen);
                return null;
            },
            releasesavepoint: () => null,
            emptyrecyclebin: () => {
                throw new UnsupportedError('Database.emptyRecycleBin');
            },
            merge: () => {
                throw new UnsupportedError('Database.merge');
            },
            convertlead: () => {
                throw new UnsupportedError('Database.convertLead');
            },
        },
    });
    reg.add({ name: 'System.Savepoint', key: 'savepoint' });
    reg.add({
        name: 'Database.DMLOptions',
        key: 'database.dmloptions',
        construct: () => new NativeObject('Database.DMLOptions', { props: new Map<string, any>([['optallornone', null], ['allowfieldtruncation', false]]) }),
    });

    // ---------------------------------------------------------------- custom settings and custom metadata
    rt.extensions.set('sobjectStaticCall', (r: Runtime, objectName: string, lname: string, args: any[]) => {
        const def = schema.getObject(objectName)!;
        if (def.kind === 'customSetting') {
            if (def.customSettingsType === 'Hierarchy') {
                switch (lname) {
                    case 'getinstance':
                        return db.hierarchySetting(def.name, args.length ? args[0] : db.currentUserId(), true);
                    case 'getorgdefaults':
                        return db.hierarchySetting(def.name, db.organizationId, false);
                    case 'getvalues':
                        return db.hierarchySetting(def.name, args[0], false);
                }
            } else {
                switch (lname) {
                    case 'getall': {
                        const m = new ApexMap(prim('string'), { k: 'sobject', name: def.name });
                        for (const [k, v] of db.listSettings(def.name)) m.put(k, v);
                        return m;
                    }
                    case 'getinstance':
                    case 'getvalues':
                        return db.listSettings(def.name).get(args[0]) ?? null;
                }
            }
        }
        if (def.kind === 'customMetadata') {
            switch (lname) {
                case 'getall': {
                    const m = new ApexMap(prim('string'), { k: 'sobject', name: def.name });
                    for (const [k, v] of db.customMetadataAll(def.name)) m.put(k, v.clone());
                    return m;
                }
                case 'getinstance':
                    return db.customMetadataInstance(def.name, String(args[0]))?.clone() ?? null;
            }
        }
        const ext = r.extensions.get('sobjectStaticCall2');
        if (ext) return ext(r, objectName, lname, args);
        throw new UnsupportedError(`${objectName}.${lname}()`);
    });

    void ApexSet;
    void ApexEnumValue;
    void ANY;
    void isValidId;
    void to18;
}
