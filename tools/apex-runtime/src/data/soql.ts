/**
 * SOQL compile + execute against the `OrgDatabase`.
 *
 * Semantics follow the "SOQL and SOSL Reference":
 * - comparison operators (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm):
 *   text comparisons and LIKE are case-insensitive; `!=` / `NOT IN` also return rows whose value is null;
 * - ORDER BY (…/sforce_api_calls_soql_select_orderby.htm): ascending by default, nulls first by default, sorting is
 *   case-insensitive;
 * - date literals (…/sforce_api_calls_soql_select_dateformats.htm), evaluated in the running user's time zone;
 * - aggregate functions and GROUP BY (…/sforce_api_calls_soql_select_agg_functions.htm): `expr0`, `expr1` … aliases;
 * - ContentDocumentLink needs a filter on ContentDocumentId or LinkedEntityId (Object Reference, ContentDocumentLink).
 * User mode (`WITH USER_MODE` or an AccessLevel.USER_MODE operation) checks object read access and FLS on every
 * field the query references (Apex Developer Guide, "Set an Access Mode for Database Operations").
 */
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import { isValidId, to18 } from '../values/id.js';
import { localToEpoch, normalizeTimeZone, userTimeZone } from '../values/timezone.js';
import { SObjectRecord } from './record.js';
import type { FieldDef, ObjectDef, OrgSchema } from './schema-types.js';
import { UNMODELLED_STANDARD_OBJECTS } from './schema-standard.js';
import type { OrgDatabase } from './database.js';
import { canAccessField, canAccessObject, type EffectivePermissions } from './permissions.js';
import {
    SoqlLiteral,
    parseSoql,
    type AggregateRef,
    type BindRef,
    type Condition,
    type FieldRef,
    type SoqlQuery,
    type SoqlValue
} from './soql-parser.js';

export type { BindRef } from './soql-parser.js';

export interface CompiledQuery {
    source: string;
    query: SoqlQuery;
    /** Bind expressions in order of appearance (Apex source text). */
    binds: BindRef[];
    /** Canonical name of the queried object. */
    objectType: string;
    resultKind: 'records' | 'count' | 'aggregate';
    accessMode: 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED' | null;
    forUpdate: boolean;
}

export type EvalBind = (bind: BindRef) => unknown;

export interface ExecuteOptions {
    /** Access level of the operation when the query has no WITH clause (Database.query(…, AccessLevel)). */
    accessLevel?: 'USER' | 'SYSTEM';
    /** Skip the `onSoql` hook (sub-selects of semi-joins, internal queries). */
    internal?: boolean;
    /**
     * Whether the running code enforces sharing (a `with sharing` class, or `inherited sharing` called from one). In
     * system mode (`WITH SYSTEM_MODE`, `AccessLevel.SYSTEM_MODE`, or the default in triggers and before API 67.0)
     * this alone decides whether record-level sharing applies; user mode always applies it. Apex Developer Guide,
     * "Set an Access Mode for Database Operations": "if you set the operation to system mode, the sharing keyword on
     * the calling class determines whether the operation respects the user's record-level permissions".
     */
    withSharing?: boolean;
}

const NO_SUCH_COLUMN = (field: string, obj: string): string =>
    `No such column '${field}' on entity '${obj}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
const NOT_SUPPORTED = (obj: string): string =>
    `sObject type '${obj}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
const BAD_RELATIONSHIP = (rel: string): string =>
    `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;
const BAD_CHILD_RELATIONSHIP = (rel: string): string =>
    `Didn't understand relationship '${rel}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;

function queryError(message: string): PlatformError {
    return new PlatformError('System.QueryException', message);
}

/** A field path resolved against the schema. */
interface Resolved {
    /** Relationship fields traversed (AccountId for `Account.Name`), with the possible target objects. */
    hops: { field: FieldDef; owner: ObjectDef; targets: ObjectDef[]; name: string }[];
    /** The leaf field (null for a polymorphic leaf not on every target). */
    leaf: FieldDef | null;
    leafName: string;
    leafOwner: ObjectDef | null;
}

/** Compiles (parses + validates) SOQL text against the schema. */
export function compileSoql(source: string, schema: OrgSchema): CompiledQuery {
    const { query, binds } = parseSoql(source);
    const apiVersion = parseFloat(schema.apiVersion);
    if (query.withClause === 'SECURITY_ENFORCED' && apiVersion >= 67) {
        throw queryError(
            `WITH SECURITY_ENFORCED is not supported in API version ${schema.apiVersion} and later. Use WITH USER_MODE instead.`
        );
    }
    const def = schema.getObject(query.from);
    if (!def && UNMODELLED_STANDARD_OBJECTS.has(query.from.toLowerCase()))
        throw new UnsupportedError(`standard object ${query.from}`);
    if (!def || !def.queryable) throw queryError(NOT_SUPPORTED(query.from));
    validateQuery(schema, def, query, false);
    if (def.kind === 'customMetadata') checkCustomMetadataQuery(query);
    const hasAgg = query.select.some((s) => s.kind === 'aggregate') || !!query.groupBy;
    return {
        source,
        query,
        binds,
        objectType: def.name,
        resultKind: query.countOnly ? 'count' : hasAgg ? 'aggregate' : 'records',
        accessMode: query.withClause ?? null,
        forUpdate: query.forClause === 'UPDATE'
    };
}

/**
 * Custom metadata types accept a subset of SOQL: AND only (no OR / NOT), ORDER BY on non-relationship fields
 * ("SOQL and SOSL Reference", "SOQL Limits on Objects").
 */
function checkCustomMetadataQuery(q: SoqlQuery): void {
    const walk = (c: Condition | undefined): void => {
        if (!c) return;
        if (c.kind === 'or') throw queryError(`Custom metadata type ${q.from} queries do not support OR`);
        if (c.kind === 'not') throw queryError(`Custom metadata type ${q.from} queries do not support NOT`);
        if (c.kind === 'and') c.items.forEach(walk);
    };
    walk(q.where);
    for (const o of q.orderBy ?? []) {
        if (o.target.kind === 'field' && o.target.path.length > 1) {
            throw queryError(`Custom metadata type ${q.from} queries cannot order by a relationship field`);
        }
    }
}

function stripAlias(q: SoqlQuery, def: ObjectDef, path: string[]): string[] {
    if (path.length > 1) {
        const head = path[0].toLowerCase();
        if ((q.alias && head === q.alias.toLowerCase()) || head === def.name.toLowerCase()) {
            const isRel = [...def.fields.values()].some((f) => f.relationshipName?.toLowerCase() === head);
            if (!isRel) return path.slice(1);
        }
    }
    return path;
}

const resolvedCache = new WeakMap<OrgSchema, Map<string, Resolved>>();

/** Resolves a field path (memoised per schema: the hot path of WHERE/ORDER BY evaluation). */
function resolvePath(schema: OrgSchema, def: ObjectDef, path: string[]): Resolved {
    let cache = resolvedCache.get(schema);
    if (!cache) {
        cache = new Map();
        resolvedCache.set(schema, cache);
    }
    const key = `${def.name}|${path.join('.').toLowerCase()}`;
    let r = cache.get(key);
    if (!r) {
        r = resolvePathUncached(schema, def, path);
        cache.set(key, r);
    }
    return r;
}

function resolvePathUncached(schema: OrgSchema, def: ObjectDef, path: string[]): Resolved {
    const hops: Resolved['hops'] = [];
    let current: ObjectDef[] = [def];
    for (let i = 0; i < path.length - 1; i++) {
        const relName = path[i].toLowerCase();
        let found: { field: FieldDef; owner: ObjectDef } | null = null;
        for (const o of current) {
            const f = [...o.fields.values()].find((x) => x.relationshipName?.toLowerCase() === relName);
            if (f) {
                found = { field: f, owner: o };
                break;
            }
        }
        if (!found) throw queryError(BAD_RELATIONSHIP(path[i]));
        const targetNames = found.field.referenceTo ?? [];
        let targets: ObjectDef[];
        if (targetNames.includes('*'))
            targets = [...schema.objects.values()].filter((o) => o.kind === 'standard' || o.kind === 'custom');
        else targets = targetNames.map((t) => schema.getObject(t)).filter((o): o is ObjectDef => !!o);
        if (!targets.length) throw queryError(BAD_RELATIONSHIP(path[i]));
        hops.push({ field: found.field, owner: found.owner, targets, name: found.field.relationshipName! });
        current = targets;
    }
    const leafName = path[path.length - 1];
    if (hops.length && hops[hops.length - 1].targets.length > 1) {
        // Polymorphic relationship: Name, Id, Type and fields common to the targets are allowed.
        if (/^(type)$/i.test(leafName)) return { hops, leaf: null, leafName: 'Type', leafOwner: null };
        const owner = current.find((o) => o.fields.has(leafName.toLowerCase()));
        if (!owner) throw queryError(NO_SUCH_COLUMN(leafName, hops[hops.length - 1].name));
        return {
            hops,
            leaf: owner.fields.get(leafName.toLowerCase())!,
            leafName: owner.fields.get(leafName.toLowerCase())!.name,
            leafOwner: owner
        };
    }
    const owner = current[0];
    const leaf = owner.fields.get(leafName.toLowerCase());
    if (!leaf) {
        if (
            owner.fields.has(`${leafName.toLowerCase()}id`) ||
            [...owner.fields.values()].some((f) => f.relationshipName?.toLowerCase() === leafName.toLowerCase())
        ) {
            throw queryError(
                `Didn't understand relationship '${leafName}' in field path. A relationship needs a field after it, such as ${leafName}.Name.`
            );
        }
        throw queryError(NO_SUCH_COLUMN(leafName, owner.name));
    }
    return { hops, leaf, leafName: leaf.name, leafOwner: owner };
}

function validateQuery(schema: OrgSchema, def: ObjectDef, q: SoqlQuery, isChild: boolean): void {
    const checkField = (f: FieldRef): void => {
        const r = resolvePath(schema, def, stripAlias(q, def, f.path));
        if (r.leaf?.formula) throw new UnsupportedError('formula field', `${r.leafOwner?.name}.${r.leaf.name}`);
        if (r.leaf?.type === 'Summary')
            throw new UnsupportedError('roll-up summary field', `${r.leafOwner?.name}.${r.leaf.name}`);
    };
    const checkCondition = (c: Condition | undefined): void => {
        if (!c) return;
        if (c.kind === 'and' || c.kind === 'or') c.items.forEach(checkCondition);
        else if (c.kind === 'not') checkCondition(c.item);
        else {
            if (c.left.kind === 'field') checkField(c.left);
            else if (c.left.field) checkField(c.left.field);
            if (c.value.kind === 'subquery') {
                const sub = c.value.query;
                const subDef = schema.getObject(sub.from);
                if (!subDef) throw queryError(NOT_SUPPORTED(sub.from));
                validateQuery(schema, subDef, sub, false);
                if (sub.select.length !== 1 || sub.select[0].kind !== 'field') {
                    throw queryError('The inner select field must be a single Id or reference field');
                }
            }
        }
    };
    for (const item of q.select) {
        if (item.kind === 'field') checkField(item.field);
        else if (item.kind === 'aggregate') {
            if (item.agg.field) checkField(item.agg.field);
        } else if (item.kind === 'subquery') {
            if (isChild)
                throw queryError('Nested child relationship queries are not supported beyond one level in Apex');
            const rel = def.childRelationships.find(
                (c) => c.relationshipName.toLowerCase() === item.query.from.toLowerCase()
            );
            if (!rel) throw queryError(BAD_CHILD_RELATIONSHIP(item.query.from));
            const childDef = schema.getObject(rel.childObject)!;
            validateQuery(schema, childDef, item.query, true);
        }
    }
    checkCondition(q.where);
    q.groupBy?.forEach(checkField);
    checkCondition(q.having);
    q.orderBy?.forEach((o) =>
        o.target.kind === 'field' ? checkField(o.target) : o.target.field && checkField(o.target.field)
    );
    if (!q.countOnly && !q.groupBy) {
        const aggs = q.select.filter((s) => s.kind === 'aggregate').length;
        const plain = q.select.filter((s) => s.kind === 'field').length;
        if (aggs && plain) {
            const firstPlain = q.select.find((s) => s.kind === 'field') as { field: FieldRef };
            throw queryError(`Field must be grouped or aggregated: ${firstPlain.field.path.join('.')}`);
        }
    }
}

// ------------------------------------------------------------------ values

/** Turns interpreter collections (ApexList / ApexSet / arrays / JS Sets) into arrays; null when not a collection. */
function asCollection(v: unknown): unknown[] | null {
    if (Array.isArray(v)) return v;
    if (v instanceof Set) return [...v];
    if (v && typeof v === 'object') {
        const o = v as { items?: unknown; values?: unknown; map?: unknown };
        if (Array.isArray(o.items)) return o.items;
        if (typeof o.values === 'function' && o.map instanceof Map) return (o.values as () => unknown[]).call(v);
    }
    return null;
}

function isDoubleLike(v: unknown): v is { v: number } {
    return (
        typeof v === 'object' &&
        v !== null &&
        typeof (v as { v?: unknown }).v === 'number' &&
        Object.keys(v).length === 1
    );
}

/** Converts a literal/bind value to the comparable form of a field's type. */
function coerceOperand(v: unknown, field: FieldDef | null): unknown {
    if (v === null || v === undefined) return null;
    if (v instanceof SObjectRecord) return v.get('Id');
    if (v instanceof SoqlLiteral) {
        if (v.kind === 'number') return field?.type === 'Integer' ? Number(v.text) : Decimal.parse(v.text);
        if (v.kind === 'date') return ApexDate.valueOf(v.text);
        return ApexDatetime.parseIso(v.text);
    }
    const type = field?.type;
    if (type && ['Lookup', 'MasterDetail', 'Id'].includes(type) && typeof v === 'string') {
        if (!isValidId(v)) throw queryError(`invalid ID field: ${v}`);
        return to18(v);
    }
    if (isDoubleLike(v)) return Decimal.fromDouble(v.v);
    if (typeof v === 'bigint') return Decimal.fromInteger(v);
    if (typeof v === 'number' && type && ['Number', 'Currency', 'Percent'].includes(type)) return Decimal.of(v);
    if (type === 'DateTime' && v instanceof ApexDate) return ApexDatetime.newInstanceGmt(v.year, v.month, v.day);
    // Stored DateTime values have whole seconds and SOQL compares at that precision (milliseconds of a bind are
    // ignored).
    if (v instanceof ApexDatetime && v.millis % 1000 !== 0) return new ApexDatetime(Math.floor(v.millis / 1000) * 1000);
    return v;
}

function numeric(v: unknown): Decimal | null {
    if (v instanceof Decimal) return v;
    if (typeof v === 'number' || typeof v === 'bigint') return Decimal.of(v);
    if (isDoubleLike(v)) return Decimal.fromDouble(v.v);
    return null;
}

/** Compares two non-null values of one field; strings case-insensitively. Returns -1, 0, 1. */
export function compareValues(a: unknown, b: unknown): number {
    const na = numeric(a);
    const nb = numeric(b);
    if (na && nb) return na.compareTo(nb);
    if (a instanceof ApexDate && b instanceof ApexDate) return a.compareTo(b);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.compareTo(b);
    if (a instanceof ApexDatetime && b instanceof ApexDate)
        return a.compareTo(ApexDatetime.newInstanceGmt(b.year, b.month, b.day));
    if (a instanceof ApexTime && b instanceof ApexTime) return a.compareTo(b);
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
    const sa = String(a);
    const sb = String(b);
    if (isValidId(sa) && isValidId(sb) && sa.length >= 15 && sb.length >= 15) {
        const x = sa.slice(0, 15);
        const y = sb.slice(0, 15);
        return x === y ? 0 : x < y ? -1 : 1;
    }
    const ua = sa.toUpperCase();
    const ub = sb.toUpperCase();
    return ua === ub ? 0 : ua < ub ? -1 : 1;
}

const likeCache = new Map<string, RegExp>();

function likeToRegex(pattern: string): RegExp {
    let re = likeCache.get(pattern);
    if (!re) {
        re = buildLikeRegex(pattern);
        if (likeCache.size > 1000) likeCache.clear();
        likeCache.set(pattern, re);
    }
    return re;
}

function buildLikeRegex(pattern: string): RegExp {
    let re = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\' && i + 1 < pattern.length) {
            re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        } else if (c === '%') re += '[\\s\\S]*';
        else if (c === '_') re += '[\\s\\S]';
        else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`, 'i');
}

/** [start, end) of a date literal, as dates in the user's calendar. */
function dateLiteralRange(name: string, n: number | null): [ApexDate, ApexDate] {
    const today = ApexDate.today();
    const startOfWeek = today.toStartOfWeek();
    const startOfMonth = today.toStartOfMonth();
    const quarterStart = ApexDate.newInstance(today.year, Math.floor((today.month - 1) / 3) * 3 + 1, 1);
    const yearStart = ApexDate.newInstance(today.year, 1, 1);
    const k = n ?? 0;
    switch (name) {
        case 'YESTERDAY':
            return [today.addDays(-1), today];
        case 'TODAY':
            return [today, today.addDays(1)];
        case 'TOMORROW':
            return [today.addDays(1), today.addDays(2)];
        case 'LAST_WEEK':
            return [startOfWeek.addDays(-7), startOfWeek];
        case 'THIS_WEEK':
            return [startOfWeek, startOfWeek.addDays(7)];
        case 'NEXT_WEEK':
            return [startOfWeek.addDays(7), startOfWeek.addDays(14)];
        case 'LAST_MONTH':
            return [startOfMonth.addMonths(-1), startOfMonth];
        case 'THIS_MONTH':
            return [startOfMonth, startOfMonth.addMonths(1)];
        case 'NEXT_MONTH':
            return [startOfMonth.addMonths(1), startOfMonth.addMonths(2)];
        case 'LAST_90_DAYS':
            return [today.addDays(-90), today.addDays(1)];
        case 'NEXT_90_DAYS':
            return [today.addDays(1), today.addDays(91)];
        case 'LAST_N_DAYS':
            return [today.addDays(-k), today.addDays(1)];
        case 'NEXT_N_DAYS':
            return [today.addDays(1), today.addDays(k + 1)];
        case 'N_DAYS_AGO':
            return [today.addDays(-k), today.addDays(-k + 1)];
        case 'LAST_N_WEEKS':
            return [startOfWeek.addDays(-7 * k), startOfWeek];
        case 'NEXT_N_WEEKS':
            return [startOfWeek.addDays(7), startOfWeek.addDays(7 * (k + 1))];
        case 'N_WEEKS_AGO':
            return [startOfWeek.addDays(-7 * k), startOfWeek.addDays(-7 * k + 7)];
        case 'LAST_N_MONTHS':
            return [startOfMonth.addMonths(-k), startOfMonth];
        case 'NEXT_N_MONTHS':
            return [startOfMonth.addMonths(1), startOfMonth.addMonths(k + 1)];
        case 'N_MONTHS_AGO':
            return [startOfMonth.addMonths(-k), startOfMonth.addMonths(-k + 1)];
        case 'THIS_QUARTER':
            return [quarterStart, quarterStart.addMonths(3)];
        case 'LAST_QUARTER':
            return [quarterStart.addMonths(-3), quarterStart];
        case 'NEXT_QUARTER':
            return [quarterStart.addMonths(3), quarterStart.addMonths(6)];
        case 'LAST_N_QUARTERS':
            return [quarterStart.addMonths(-3 * k), quarterStart];
        case 'NEXT_N_QUARTERS':
            return [quarterStart.addMonths(3), quarterStart.addMonths(3 * (k + 1))];
        case 'N_QUARTERS_AGO':
            return [quarterStart.addMonths(-3 * k), quarterStart.addMonths(-3 * k + 3)];
        case 'THIS_YEAR':
            return [yearStart, yearStart.addYears(1)];
        case 'LAST_YEAR':
            return [yearStart.addYears(-1), yearStart];
        case 'NEXT_YEAR':
            return [yearStart.addYears(1), yearStart.addYears(2)];
        case 'LAST_N_YEARS':
            return [yearStart.addYears(-k), yearStart];
        case 'NEXT_N_YEARS':
            return [yearStart.addYears(1), yearStart.addYears(k + 1)];
        case 'N_YEARS_AGO':
            return [yearStart.addYears(-k), yearStart.addYears(-k + 1)];
        default:
            throw new UnsupportedError(`SOQL date literal ${name}`, 'fiscal periods are not modelled');
    }
}

function dateBoundary(d: ApexDate, forDatetime: boolean): ApexDate | ApexDatetime {
    if (!forDatetime) return d;
    const tz = normalizeTimeZone(userTimeZone());
    return new ApexDatetime(localToEpoch(tz, d.dayNumber() * 86_400_000));
}

function applyDateFunction(fn: string, v: unknown): unknown {
    if (v === null) return null;
    const date = v instanceof ApexDatetime ? v.date() : v instanceof ApexDate ? v : null;
    if (!date) return null;
    switch (fn) {
        case 'CALENDAR_YEAR':
        case 'FISCAL_YEAR':
            return date.year;
        case 'CALENDAR_MONTH':
        case 'FISCAL_MONTH':
            return date.month;
        case 'CALENDAR_QUARTER':
        case 'FISCAL_QUARTER':
            return Math.floor((date.month - 1) / 3) + 1;
        case 'DAY_IN_MONTH':
            return date.day;
        case 'DAY_IN_WEEK':
            return date.dayOfWeek() + 1;
        case 'DAY_IN_YEAR':
            return date.dayOfYear();
        case 'DAY_ONLY':
            return date;
        case 'HOUR_IN_DAY':
            return v instanceof ApexDatetime ? v.hour() : null;
        case 'WEEK_IN_MONTH':
            return Math.floor((date.day - 1) / 7) + 1;
        case 'WEEK_IN_YEAR':
            return Math.floor((date.dayOfYear() - 1) / 7) + 1;
        default:
            return v;
    }
}

// ------------------------------------------------------------------ engine

interface Ctx {
    db: OrgDatabase;
    schema: OrgSchema;
    evalBind: EvalBind;
    perms: EffectivePermissions | null;
    securityEnforced: boolean;
    bindCache: Map<number, unknown>;
    /** Running user and permissions when record sharing applies (user mode, or code that enforces sharing). */
    sharing: { userId: string; perms: EffectivePermissions } | null;
}

/** The SOQL engine of one database; caches compiled queries by text. */
export class SoqlEngine {
    private cache = new Map<string, CompiledQuery>();

    constructor(readonly db: OrgDatabase) {}

    compile(source: string): CompiledQuery {
        let c = this.cache.get(source);
        if (!c) {
            c = compileSoql(source, this.db.schema);
            this.cache.set(source, c);
        }
        return c;
    }

    /**
     * Executes a compiled query. Returns records (`SObjectRecord[]`), a number (`COUNT()`), or `AggregateResult`
     * records (type `AggregateResult`).
     */
    execute(compiled: CompiledQuery, evalBind: EvalBind, opts: ExecuteOptions = {}): SObjectRecord[] | number {
        const mode = compiled.accessMode;
        const userMode = mode === 'USER_MODE' || (mode === null && opts.accessLevel === 'USER');
        const ctx: Ctx = {
            db: this.db,
            schema: this.db.schema,
            evalBind,
            perms: userMode || mode === 'SECURITY_ENFORCED' ? this.db.permissionsOf() : null,
            securityEnforced: mode === 'SECURITY_ENFORCED',
            bindCache: new Map(),
            // System mode drops object and field permissions, never sharing: the class keyword decides that.
            sharing:
                userMode || opts.withSharing
                    ? { userId: this.db.currentUserId(), perms: this.db.permissionsOf() }
                    : null
        };
        const def = this.db.schema.getObject(compiled.objectType)!;
        if (ctx.perms) this.checkAccess(ctx, def, compiled.query);
        const result = this.run(ctx, def, compiled.query);
        if (!opts.internal) {
            const rows =
                typeof result === 'number'
                    ? 1
                    : result.reduce(
                          (n, r) => n + 1 + [...(r.children?.values() ?? [])].reduce((m, c) => m + c.length, 0),
                          0
                      );
            this.db.hooks.onSoql?.(rows);
        }
        return result;
    }

    /** `Database.query(text)` / static SOQL: compile (cached) and execute. */
    query(source: string, evalBind: EvalBind, opts: ExecuteOptions = {}): SObjectRecord[] | number {
        return this.execute(this.compile(source), evalBind, opts);
    }

    /** `Database.queryWithBinds(text, bindMap, accessLevel)`: binds are simple names looked up in the map. */
    queryWithBinds(
        source: string,
        binds: Map<string, unknown> | Record<string, unknown>,
        opts: ExecuteOptions = {}
    ): SObjectRecord[] | number {
        const map = binds instanceof Map ? binds : new Map(Object.entries(binds));
        return this.query(
            source,
            (b) => {
                const name = b.text;
                if (map.has(name)) return map.get(name);
                for (const [k, v] of map) if (k.toLowerCase() === name.toLowerCase()) return v;
                throw queryError(`Key '${name}' does not exist in the bindMap`);
            },
            opts
        );
    }

    /** `Database.countQuery(text)`. */
    countQuery(source: string, evalBind: EvalBind, opts: ExecuteOptions = {}): number {
        const c = this.compile(source);
        if (c.resultKind !== 'count') throw queryError('countQuery requires a SELECT COUNT() query');
        return this.execute(c, evalBind, opts) as number;
    }

    // ---------------------------------------------------------------- access checks

    private checkAccess(ctx: Ctx, def: ObjectDef, q: SoqlQuery): void {
        const perms = ctx.perms!;
        if (!canAccessObject(ctx.schema, perms, def, 'read')) {
            if (ctx.securityEnforced)
                throw queryError('Insufficient permissions: secure query included inaccessible field');
            throw queryError(NOT_SUPPORTED(def.name));
        }
        const inaccessible: string[] = [];
        const checkField = (f: FieldRef, inSelect: boolean): void => {
            if (ctx.securityEnforced && !inSelect) return;
            const r = resolvePath(ctx.schema, def, stripAlias(q, def, f.path));
            for (const hop of r.hops) {
                if (!canAccessField(perms, hop.owner, hop.field, false))
                    inaccessible.push(`${hop.owner.name}.${hop.field.name}`);
                if (hop.targets.length === 1 && !canAccessObject(ctx.schema, perms, hop.targets[0], 'read')) {
                    inaccessible.push(`${hop.targets[0].name}`);
                }
            }
            if (r.leaf && r.leafOwner && !canAccessField(perms, r.leafOwner, r.leaf, false))
                inaccessible.push(`${r.leafOwner.name}.${r.leaf.name}`);
        };
        const walk = (c: Condition | undefined): void => {
            if (!c) return;
            if (c.kind === 'and' || c.kind === 'or') c.items.forEach(walk);
            else if (c.kind === 'not') walk(c.item);
            else {
                if (c.left.kind === 'field') checkField(c.left, false);
                else if (c.left.field) checkField(c.left.field, false);
                if (c.value.kind === 'subquery') {
                    const subDef = ctx.schema.getObject(c.value.query.from)!;
                    this.checkAccess(ctx, subDef, c.value.query);
                }
            }
        };
        for (const item of q.select) {
            if (item.kind === 'field') checkField(item.field, true);
            else if (item.kind === 'aggregate' && item.agg.field) checkField(item.agg.field, true);
            else if (item.kind === 'subquery') {
                const rel = def.childRelationships.find(
                    (c) => c.relationshipName.toLowerCase() === item.query.from.toLowerCase()
                )!;
                this.checkAccess(ctx, ctx.schema.getObject(rel.childObject)!, item.query);
            }
        }
        walk(q.where);
        q.groupBy?.forEach((f) => checkField(f, false));
        q.orderBy?.forEach((o) =>
            o.target.kind === 'field'
                ? checkField(o.target, false)
                : o.target.field && checkField(o.target.field, false)
        );
        if (inaccessible.length) {
            if (ctx.securityEnforced)
                throw queryError('Insufficient permissions: secure query included inaccessible field');
            const first = inaccessible[0];
            const [obj, field] = first.includes('.') ? first.split('.') : [first, ''];
            const e = queryError(field ? NO_SUCH_COLUMN(field, obj) : NOT_SUPPORTED(obj));
            // For QueryException.getInaccessibleFields(): object name → field names.
            const byObject: Record<string, string[]> = {};
            for (const x of inaccessible) {
                const [o, f] = x.includes('.') ? x.split('.') : [x, 'Id'];
                (byObject[o] ??= []).includes(f) || byObject[o].push(f);
            }
            (e as PlatformError & { inaccessibleFields?: Record<string, string[]> }).inaccessibleFields = byObject;
            throw e;
        }
    }

    // ---------------------------------------------------------------- evaluation

    private bindValue(ctx: Ctx, bind: BindRef): unknown {
        if (!ctx.bindCache.has(bind.index)) ctx.bindCache.set(bind.index, ctx.evalBind(bind));
        return ctx.bindCache.get(bind.index);
    }

    private rowsOf(ctx: Ctx, def: ObjectDef, q: SoqlQuery): SObjectRecord[] {
        if (def.name === 'UserRecordAccess') return this.userRecordAccessRows(ctx, q);
        const rows = [...ctx.db.rows(def.name)];
        if (q.allRows) rows.push(...ctx.db.deletedRows(def.name));
        return this.visible(ctx, def, rows);
    }

    /** Rows the running user may see when sharing applies. */
    private visible(ctx: Ctx, def: ObjectDef, rows: SObjectRecord[]): SObjectRecord[] {
        if (!ctx.sharing || (def.kind !== 'custom' && def.kind !== 'standard')) return rows;
        const { userId, perms } = ctx.sharing;
        return rows.filter((r) => ctx.db.recordAccess(def, r, userId, perms) !== 'None');
    }

    /** Value of a field path on a stored row (follows relationships through the database). */
    private valueOf(
        ctx: Ctx,
        def: ObjectDef,
        q: SoqlQuery,
        row: SObjectRecord,
        f: FieldRef
    ): { value: unknown; field: FieldDef | null } {
        const r = resolvePath(ctx.schema, def, stripAlias(q, def, f.path));
        let current: SObjectRecord | null = row;
        for (const hop of r.hops) {
            const id: unknown = current.get(hop.field.name);
            current = id === null ? null : this.resolveReference(ctx, hop.field, String(id));
            if (!current) return { value: null, field: r.leaf };
        }
        let value = r.leafName === 'Type' && !r.leaf ? current.type : current.get(r.leafName);
        if (f.fn)
            value =
                f.fn === 'TOLABEL'
                    ? this.toLabel(r.leaf, value)
                    : f.fn === 'CONVERTCURRENCY' || f.fn === 'FORMAT'
                      ? value
                      : applyDateFunction(f.fn, value);
        return {
            value,
            field: f.fn && f.fn !== 'TOLABEL' && f.fn !== 'CONVERTCURRENCY' && f.fn !== 'FORMAT' ? null : r.leaf
        };
    }

    private toLabel(field: FieldDef | null, value: unknown): unknown {
        if (value === null || !field?.picklistValues) return value;
        return field.picklistValues.find((p) => p.value === value)?.label ?? value;
    }

    private resolveReference(ctx: Ctx, field: FieldDef, id: string): SObjectRecord | null {
        if (field.type === 'MetadataRelationship') {
            const target = field.referenceTo?.[0] ?? '';
            if (/^(EntityDefinition|FieldDefinition)$/i.test(target)) {
                for (const r of ctx.db.rows(target))
                    if (String(r.get('DurableId')).toLowerCase() === id.toLowerCase()) return r;
                return null;
            }
            return ctx.db.getById(id);
        }
        return ctx.db.getByIdIn(id, field.referenceTo ?? ['*']);
    }

    private operand(ctx: Ctx, v: SoqlValue, field: FieldDef | null): unknown {
        switch (v.kind) {
            case 'literal':
                return coerceOperand(v.value, field);
            case 'bind': {
                const raw = this.bindValue(ctx, v.bind);
                const coll = asCollection(raw);
                if (coll) return coll.map((x) => coerceOperand(x, field));
                return coerceOperand(raw, field);
            }
            case 'list':
                return v.items.map((i) => this.operand(ctx, i, field));
            default:
                return null;
        }
    }

    private matches(
        ctx: Ctx,
        def: ObjectDef,
        q: SoqlQuery,
        row: SObjectRecord,
        c: Condition,
        group?: SObjectRecord[]
    ): boolean {
        switch (c.kind) {
            case 'and':
                return c.items.every((x) => this.matches(ctx, def, q, row, x, group));
            case 'or':
                return c.items.some((x) => this.matches(ctx, def, q, row, x, group));
            case 'not':
                return !this.matches(ctx, def, q, row, c.item, group);
            case 'cmp':
                break;
        }
        let left: unknown;
        let field: FieldDef | null;
        if (c.left.kind === 'aggregate') {
            left = this.aggregate(ctx, def, q, c.left, group ?? []);
            field = null;
        } else {
            ({ value: left, field } = this.valueOf(ctx, def, q, row, c.left));
        }
        const { op, value } = c;
        if (value.kind === 'dateLiteral') {
            if (left === null) return op === '!=';
            const isDt = left instanceof ApexDatetime;
            const [s, e] = dateLiteralRange(value.name, value.n);
            const start = dateBoundary(s, isDt);
            const end = dateBoundary(e, isDt);
            const geStart = compareValues(left, start) >= 0;
            const ltEnd = compareValues(left, end) < 0;
            switch (op) {
                case '=':
                    return geStart && ltEnd;
                case '!=':
                    return !(geStart && ltEnd);
                case '<':
                    return !geStart;
                case '<=':
                    return ltEnd;
                case '>':
                    return !ltEnd;
                case '>=':
                    return geStart;
                default:
                    throw queryError(`invalid operator on date literal: ${op}`);
            }
        }
        if (value.kind === 'subquery') {
            const sub = value.query;
            const subDef = ctx.schema.getObject(sub.from)!;
            const subRows = this.run(ctx, subDef, sub) as SObjectRecord[];
            const selected = sub.select[0] as { field: FieldRef };
            const ids = new Set(
                subRows
                    .map(
                        (r) =>
                            this.valueOf(ctx, subDef, sub, ctx.db.getById(String(r.get('Id'))) ?? r, selected.field)
                                .value
                    )
                    .filter((x) => x !== null)
                    .map((x) => String(x).slice(0, 15))
            );
            const hit = left !== null && ids.has(String(left).slice(0, 15));
            return op === 'IN' ? hit : !hit;
        }
        const right = this.operand(ctx, value, field);
        switch (op) {
            case '=':
                if (Array.isArray(right))
                    throw queryError(
                        'Invalid bind expression type of List for column of type ' + (field?.type ?? 'String')
                    );
                if (right === null) return left === null;
                return left !== null && compareValues(left, right) === 0;
            case '!=':
                if (right === null) return left !== null;
                return left === null || compareValues(left, right) !== 0;
            case '<':
            case '<=':
            case '>':
            case '>=': {
                if (left === null || right === null) return false;
                const cmp = compareValues(left, right);
                return op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : cmp >= 0;
            }
            case 'LIKE':
                if (left === null || right === null) return false;
                return likeToRegex(String(right)).test(String(left));
            case 'IN':
            case 'NOT IN': {
                const list = Array.isArray(right) ? right : [right];
                const hit = list.some((x) =>
                    x === null ? left === null : left !== null && compareValues(left, x) === 0
                );
                return op === 'IN' ? hit : !hit;
            }
            case 'INCLUDES':
            case 'EXCLUDES': {
                const have = new Set(
                    left === null
                        ? []
                        : String(left)
                              .split(';')
                              .map((s) => s.trim().toLowerCase())
                );
                const list = (Array.isArray(right) ? right : [right]).filter((x) => x !== null);
                const hit = list.some((x) =>
                    String(x)
                        .split(';')
                        .every((part) => have.has(part.trim().toLowerCase()))
                );
                return op === 'INCLUDES' ? hit : !hit;
            }
            default:
                throw queryError(`unexpected token: '${op}'`);
        }
    }

    private numberFrom(ctx: Ctx, v: SoqlValue | undefined, what: string): number | null {
        if (!v) return null;
        const raw = v.kind === 'literal' ? v.value : v.kind === 'bind' ? this.bindValue(ctx, v.bind) : null;
        const n = raw instanceof SoqlLiteral && raw.kind === 'number' ? Number(raw.text) : numeric(raw)?.doubleValue();
        if (n === undefined || n === null || Number.isNaN(n) || n < 0)
            throw queryError(`Invalid ${what} value: ${String(raw)}`);
        return Math.trunc(n);
    }

    /**
     * UserRecordAccess rows for the `UserId = … AND RecordId = / IN …` filter the platform requires: the user's
     * object permissions combined with the modelled record access (`recordAccess`; see the README).
     */
    private userRecordAccessRows(ctx: Ctx, q: SoqlQuery): SObjectRecord[] {
        const values = (name: string): unknown[] => {
            const out: unknown[] = [];
            const walk = (c: Condition | undefined): void => {
                if (!c) return;
                if (c.kind === 'and') c.items.forEach(walk);
                else if (
                    c.kind === 'cmp' &&
                    c.left.kind === 'field' &&
                    c.left.path.length === 1 &&
                    c.left.path[0].toLowerCase() === name &&
                    (c.op === '=' || c.op === 'IN')
                ) {
                    const v = this.operand(ctx, c.value, null);
                    out.push(...(Array.isArray(v) ? v : [v]));
                }
            };
            walk(q.where);
            return out.filter((x) => x !== null).map((x) => String(x));
        };
        const users = values('userid');
        const recordIds = values('recordid');
        if (users.length !== 1 || recordIds.length === 0) {
            throw queryError(
                'UserRecordAccess requires a filter by a single UserId and by RecordId using the equals operator or the IN operator.'
            );
        }
        const userId = to18(String(users[0]));
        const perms = ctx.db.permissionsOf(userId);
        const out: SObjectRecord[] = [];
        for (const raw of recordIds) {
            if (!isValidId(String(raw))) continue;
            const id = to18(String(raw));
            const row = ctx.db.getById(id);
            if (!row) continue;
            const def = ctx.db.typeOfId(id)!;
            const level = ctx.db.recordAccess(def, row, userId, perms);
            const read = canAccessObject(ctx.schema, perms, def, 'read') && level !== 'None';
            const edit =
                read && canAccessObject(ctx.schema, perms, def, 'edit') && (level === 'Edit' || level === 'All');
            const del = edit && canAccessObject(ctx.schema, perms, def, 'delete') && level === 'All';
            const all = del;
            const r = new SObjectRecord('UserRecordAccess');
            r.put('Id', id);
            r.put('UserId', userId);
            r.put('RecordId', id);
            r.put('HasReadAccess', read);
            r.put('HasEditAccess', edit);
            r.put('HasDeleteAccess', del);
            r.put('HasTransferAccess', all);
            r.put('HasAllAccess', all);
            r.put('MaxAccessLevel', all ? 'All' : del ? 'Delete' : edit ? 'Edit' : read ? 'Read' : 'None');
            out.push(r);
        }
        return out;
    }

    private checkRestrictions(ctx: Ctx, def: ObjectDef, q: SoqlQuery): void {
        if (def.name === 'ContentDocumentLink') {
            const filtered = (c: Condition | undefined): boolean => {
                if (!c) return false;
                if (c.kind === 'and') return c.items.some(filtered);
                if (c.kind === 'or') return c.items.every(filtered);
                if (c.kind === 'not') return false;
                if (c.left.kind !== 'field') return false;
                const name = c.left.path[c.left.path.length - 1].toLowerCase();
                return (
                    (name === 'contentdocumentid' || name === 'linkedentityid' || name === 'id') &&
                    c.left.path.length === 1 &&
                    (c.op === '=' || c.op === 'IN')
                );
            };
            if (!filtered(q.where)) {
                throw queryError(
                    "Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator."
                );
            }
        }
    }

    private run(ctx: Ctx, def: ObjectDef, q: SoqlQuery): SObjectRecord[] | number {
        this.checkRestrictions(ctx, def, q);
        let rows = this.rowsOf(ctx, def, q);
        if (q.where) rows = rows.filter((r) => this.matches(ctx, def, q, r, q.where!));
        const offset = this.numberFrom(ctx, q.offset, 'OFFSET') ?? 0;
        if (offset > 2000) throw queryError('Maximum SOQL offset allowed is 2000');
        const limit = this.numberFrom(ctx, q.limit, 'LIMIT');
        if (q.countOnly) {
            const n = Math.max(0, rows.length - offset);
            return limit === null ? n : Math.min(n, limit);
        }
        const hasAgg = q.select.some((s) => s.kind === 'aggregate') || !!q.groupBy;
        if (hasAgg) return this.runAggregate(ctx, def, q, rows, offset, limit);
        if (q.orderBy) rows = this.sort(ctx, def, q, rows);
        rows = rows.slice(offset, limit === null ? undefined : offset + limit);
        return rows.map((r) => this.project(ctx, def, q, r));
    }

    private sort(
        ctx: Ctx,
        def: ObjectDef,
        q: SoqlQuery,
        rows: SObjectRecord[],
        valueFor?: (r: SObjectRecord, t: FieldRef | AggregateRef) => unknown
    ): SObjectRecord[] {
        const keyed = rows.map((r, idx) => ({
            r,
            idx,
            keys: q.orderBy!.map((o) =>
                valueFor
                    ? valueFor(r, o.target)
                    : o.target.kind === 'field'
                      ? this.valueOf(ctx, def, q, r, o.target).value
                      : null
            )
        }));
        keyed.sort((a, b) => {
            for (let i = 0; i < q.orderBy!.length; i++) {
                const o = q.orderBy![i];
                const x = a.keys[i];
                const y = b.keys[i];
                if (x === null && y === null) continue;
                if (x === null) return o.nullsLast ? 1 : -1;
                if (y === null) return o.nullsLast ? -1 : 1;
                const c = compareValues(x, y);
                if (c !== 0) return o.desc ? -c : c;
            }
            return a.idx - b.idx;
        });
        return keyed.map((k) => k.r);
    }

    private expandFields(def: ObjectDef, which: 'ALL' | 'STANDARD' | 'CUSTOM'): FieldRef[] {
        return [...def.fields.values()]
            .filter(
                (f) =>
                    !f.formula &&
                    f.type !== 'Address' &&
                    (which === 'ALL' || (which === 'CUSTOM' ? f.custom : !f.custom))
            )
            .map((f) => ({ kind: 'field' as const, path: [f.name] }));
    }

    private project(ctx: Ctx, def: ObjectDef, q: SoqlQuery, row: SObjectRecord): SObjectRecord {
        const out = new SObjectRecord(def.name);
        out.fromQuery = true;
        const fields: FieldRef[] = [];
        for (const item of q.select) {
            if (item.kind === 'field') fields.push(item.field);
            else if (item.kind === 'fields') fields.push(...this.expandFields(def, item.which));
        }
        for (const f of fields) {
            const r = resolvePath(ctx.schema, def, stripAlias(q, def, f.path));
            if (!r.hops.length) {
                let v = row.get(r.leafName);
                if (f.fn === 'TOLABEL') v = this.toLabel(r.leaf, v);
                out.put(r.leafName, v);
                continue;
            }
            // Parent path: build nested parent records.
            let target = out;
            let source: SObjectRecord | null = row;
            for (const hop of r.hops) {
                const id: unknown = source!.get(hop.field.name);
                source = id === null ? null : this.resolveReference(ctx, hop.field, String(id));
                if (!source) {
                    // A queried relationship without a parent reads as null (not as "not queried").
                    if (!target.has(hop.name)) target.put(hop.name, null);
                    break;
                }
                let nested = target.get(hop.name) as SObjectRecord | null;
                if (!(nested instanceof SObjectRecord)) {
                    nested = new SObjectRecord(source.type);
                    nested.fromQuery = true;
                    nested.put('Id', source.get('Id'));
                    target.put(hop.name, nested);
                }
                target = nested;
            }
            if (source) {
                let v = r.leafName === 'Type' && !r.leaf ? source.type : source.get(r.leafName);
                if (f.fn === 'TOLABEL') v = this.toLabel(r.leaf, v);
                target.put(r.leafName, v);
            }
        }
        if (!out.has('Id') && row.has('Id')) out.put('Id', row.get('Id'));
        for (const item of q.select) {
            if (item.kind !== 'subquery') continue;
            const rel = def.childRelationships.find(
                (c) => c.relationshipName.toLowerCase() === item.query.from.toLowerCase()
            )!;
            const childDef = ctx.schema.getObject(rel.childObject)!;
            const parentId = String(row.get('Id'));
            const childQuery: SoqlQuery = item.query;
            let children = [...ctx.db.rows(childDef.name)].filter((c) => c.get(rel.field) === parentId);
            if (childQuery.allRows || q.allRows)
                children.push(...ctx.db.deletedRows(childDef.name).filter((c) => c.get(rel.field) === parentId));
            children = this.visible(ctx, childDef, children);
            if (childQuery.where)
                children = children.filter((c) => this.matches(ctx, childDef, childQuery, c, childQuery.where!));
            if (childQuery.orderBy) children = this.sort(ctx, childDef, childQuery, children);
            const off = this.numberFrom(ctx, childQuery.offset, 'OFFSET') ?? 0;
            const lim = this.numberFrom(ctx, childQuery.limit, 'LIMIT');
            children = children.slice(off, lim === null ? undefined : off + lim);
            out.setChildren(
                rel.relationshipName,
                children.map((c) => this.project(ctx, childDef, childQuery, c))
            );
        }
        return out;
    }

    private aggregate(ctx: Ctx, def: ObjectDef, q: SoqlQuery, agg: AggregateRef, rows: SObjectRecord[]): unknown {
        if (agg.fn === 'COUNT' && !agg.field) return rows.length;
        const values = rows.map((r) => this.valueOf(ctx, def, q, r, agg.field!).value).filter((v) => v !== null);
        switch (agg.fn) {
            case 'COUNT':
                return values.length;
            case 'COUNT_DISTINCT':
                return new Set(
                    values.map((v) =>
                        v instanceof Decimal ? v.numericKey() : typeof v === 'string' ? v.toLowerCase() : String(v)
                    )
                ).size;
            case 'SUM': {
                if (!values.length) return null;
                return values.reduce((a: Decimal, v) => a.add(numeric(v) ?? Decimal.ZERO), Decimal.ZERO);
            }
            case 'AVG': {
                if (!values.length) return null;
                const sum = values.reduce((a: Decimal, v) => a.add(numeric(v) ?? Decimal.ZERO), Decimal.ZERO);
                return sum.divideOperator(Decimal.fromInteger(values.length));
            }
            case 'MIN':
            case 'MAX': {
                if (!values.length) return null;
                return values.reduce((a, v) => {
                    const c = compareValues(v, a);
                    return agg.fn === 'MIN' ? (c < 0 ? v : a) : c > 0 ? v : a;
                });
            }
        }
        return null;
    }

    private runAggregate(
        ctx: Ctx,
        def: ObjectDef,
        q: SoqlQuery,
        rows: SObjectRecord[],
        offset: number,
        limit: number | null
    ): SObjectRecord[] {
        const groups = new Map<string, SObjectRecord[]>();
        if (q.groupBy) {
            for (const r of rows) {
                const key = JSON.stringify(
                    q.groupBy.map((g) => {
                        const v = this.valueOf(ctx, def, q, r, g).value;
                        return v === null
                            ? null
                            : typeof v === 'string'
                              ? v.toLowerCase()
                              : v instanceof Decimal
                                ? v.numericKey()
                                : String(v);
                    })
                );
                if (!groups.has(key)) groups.set(key, []);
                groups.get(key)!.push(r);
            }
        } else {
            groups.set('all', rows);
        }
        const results: { rec: SObjectRecord; members: SObjectRecord[] }[] = [];
        for (const members of groups.values()) {
            if (q.having && !this.matches(ctx, def, q, members[0] ?? new SObjectRecord(def.name), q.having, members))
                continue;
            const rec = new SObjectRecord('AggregateResult');
            let expr = 0;
            for (const item of q.select) {
                if (item.kind === 'field') {
                    const v = members.length ? this.valueOf(ctx, def, q, members[0], item.field).value : null;
                    const name =
                        item.alias ?? (item.field.fn ? `expr${expr++}` : item.field.path[item.field.path.length - 1]);
                    rec.put(name, v);
                } else if (item.kind === 'aggregate') {
                    rec.put(item.alias ?? `expr${expr++}`, this.aggregate(ctx, def, q, item.agg, members));
                } else {
                    throw queryError('Aggregate queries do not support child relationship sub-queries');
                }
            }
            results.push({ rec, members });
        }
        let out = results;
        if (q.orderBy) {
            const byRec = new Map(results.map((x) => [x.rec, x.members]));
            const sorted = this.sort(
                ctx,
                def,
                q,
                results.map((x) => x.rec),
                (rec, t) => {
                    const members = byRec.get(rec)!;
                    return t.kind === 'aggregate'
                        ? this.aggregate(ctx, def, q, t, members)
                        : members.length
                          ? this.valueOf(ctx, def, q, members[0], t).value
                          : null;
                }
            );
            out = sorted.map((rec) => ({ rec, members: byRec.get(rec)! }));
        }
        if (!q.groupBy && rows.length === 0 && q.select.every((s) => s.kind === 'aggregate')) {
            // An aggregate query without GROUP BY always returns one row.
        }
        return out.slice(offset, limit === null ? undefined : offset + limit).map((x) => x.rec);
    }
}
