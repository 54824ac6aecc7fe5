/**
 * JSON (Apex Reference Guide, "JSON Class", "JSONGenerator Class", "JSONParser Class", "JSONToken Enum").
 * Numbers keep their source text so that Decimal scale survives deserialization.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ClassInfo } from '../interpreter/classes.js';
import { ApexBlob, ApexDouble, ApexEnumValue, ApexList, ApexMap, ApexObject, ApexSet, ApexTypeValue, NativeObject } from '../interpreter/rvalues.js';
import { isSObject } from '../interpreter/sobj.js';
import { ANY, prim, type RType, typeName } from '../interpreter/types.js';
import { doubleToString } from '../interpreter/ops.js';
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import { isValidId, to18 } from '../values/id.js';
import type { NativeRegistry } from './registry.js';
import type { Runtime } from './runtime.js';
import { npe } from './util.js';

// ------------------------------------------------------------------ a JSON reader that keeps number text

export class JsonNum {
    constructor(readonly text: string) {}
    isInteger(): boolean {
        return /^-?\d+$/.test(this.text);
    }
}
type JVal = null | boolean | string | JsonNum | JVal[] | Map<string, JVal>;

/** DML result types that JSON.deserialize can build: lower-case name → canonical name. */
const DML_RESULT_TYPES = new Map(
    ['SaveResult', 'UpsertResult', 'DeleteResult', 'UndeleteResult'].map((n) => [`database.${n.toLowerCase()}`, `Database.${n}`]),
);

function jsonError(msg: string): PlatformError {
    return new PlatformError('System.JSONException', msg);
}

export function parseJson(text: string): JVal {
    let i = 0;
    const ws = (): void => {
        while (i < text.length && /\s/.test(text[i])) i++;
    };
    const fail = (what: string): never => {
        const line = text.slice(0, i).split('\n').length;
        const ch = text[i];
        throw jsonError(
            ch === undefined
                ? `Unexpected end-of-input: expected close marker for ${what} at [line:${line}, column:${i + 1}]`
                : `Unexpected character ('${ch}' (code ${ch.charCodeAt(0)})): ${what} at [line:${line}, column:${i + 1}]`,
        );
    };
    const value = (): JVal => {
        ws();
        const c = text[i];
        if (c === '{') {
            i++;
            const m = new Map<string, JVal>();
            ws();
            if (text[i] === '}') {
                i++;
                return m;
            }
            for (;;) {
                ws();
                if (text[i] !== '"') fail('was expecting double-quote to start field name');
                const k = str();
                ws();
                if (text[i] !== ':') fail("was expecting a colon to separate field name and value");
                i++;
                m.set(k, value());
                ws();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === '}') {
                    i++;
                    return m;
                }
                fail("was expecting comma to separate OBJECT entries");
            }
        }
        if (c === '[') {
            i++;
            const arr: JVal[] = [];
            ws();
            if (text[i] === ']') {
                i++;
                return arr;
            }
            for (;;) {
                arr.push(value());
                ws();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === ']') {
                    i++;
                    return arr;
                }
                fail('was expecting comma to separate ARRAY entries');
            }
        }
        if (c === '"') return str();
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
        if (m && m[0].length) {
            i += m[0].length;
            return new JsonNum(m[0]);
        }
        if (text.startsWith('true', i)) {
            i += 4;
            return true;
        }
        if (text.startsWith('false', i)) {
            i += 5;
            return false;
        }
        if (text.startsWith('null', i)) {
            i += 4;
            return null;
        }
        return fail('expected a valid value (number, String, array, object, \'true\', \'false\' or \'null\')');
    };
    const str = (): string => {
        i++;
        let out = '';
        for (;;) {
            const c = text[i++];
            if (c === undefined) fail('string');
            if (c === '"') return out;
            if (c === '\\') {
                const n = text[i++];
                switch (n) {
                    case 'n':
                        out += '\n';
                        break;
                    case 't':
                        out += '\t';
                        break;
                    case 'r':
                        out += '\r';
                        break;
                    case 'b':
                        out += '\b';
                        break;
                    case 'f':
                        out += '\f';
                        break;
                    case 'u':
                        out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
                        i += 4;
                        break;
                    default:
                        out += n;
                }
            } else out += c;
        }
    };
    const v = value();
    ws();
    if (i < text.length) fail('expected end of input');
    return v;
}

// ------------------------------------------------------------------ serialization

function quote(s: string): string {
    return JSON.stringify(s);
}

export class JsonWriter {
    constructor(
        private readonly rt: Runtime,
        private readonly suppressNulls: boolean,
    ) {}

    toTree(v: any): any {
        if (v === null || v === undefined) return null;
        switch (typeof v) {
            case 'string':
            case 'boolean':
                return v;
            case 'number':
                return { raw: String(v) };
            case 'bigint':
                return { raw: v.toString() };
        }
        if (v instanceof Decimal) return { raw: v.toPlainString() };
        if (v instanceof ApexDouble) return { raw: doubleToString(v.v) };
        if (v instanceof ApexDate || v instanceof ApexDatetime || v instanceof ApexTime) return v.toJSON();
        if (v instanceof ApexBlob) return v.bytes.toString('base64');
        if (v instanceof ApexEnumValue) return v.name;
        if (v instanceof ApexList) return v.items.map((x) => this.toTree(x));
        if (v instanceof ApexSet) return v.values().map((x) => this.toTree(x));
        if (v instanceof ApexMap) {
            const o = new Map<string, any>();
            for (const [k, x] of v.map.values()) {
                if (this.suppressNulls && x === null) continue;
                o.set(k === null ? 'null' : this.rt.ip.str(k), this.toTree(x));
            }
            return o;
        }
        if (isSObject(v)) {
            const o = new Map<string, any>();
            const id = v.get('Id');
            const attrs = new Map<string, any>([['type', v.type]]);
            if (id) attrs.set('url', `/services/data/v${this.rt.data.schema.apiVersion}/sobjects/${v.type}/${id}`);
            o.set('attributes', attrs);
            for (const [k, x] of v.fields) {
                if (this.suppressNulls && x === null) continue;
                o.set(v.canonicalNames.get(k) ?? k, this.toTree(x));
            }
            const rec = v as any;
            if (rec.children) {
                for (const [k, rows] of rec.children as Map<string, any[]>) {
                    o.set(rec.childNames?.get(k) ?? k, new Map<string, any>([['totalSize', { raw: String(rows.length) }], ['done', true], ['records', rows.map((r) => this.toTree(r))]]));
                }
            }
            return o;
        }
        if (v instanceof ApexObject) {
            if (v.cls.isException) throw jsonError(`Type ${v.cls.name} cannot be serialized`);
            const o = new Map<string, any>();
            for (const [name, val] of this.objectFields(v)) {
                if (this.suppressNulls && val === null) continue;
                o.set(name, this.toTree(val));
            }
            return o;
        }
        if (v instanceof ApexTypeValue) throw jsonError('Type cannot be serialized');
        if (v instanceof NativeObject) {
            const ser = this.rt.natives.getByKey(v.typeName.toLowerCase())?.methods?.['__json'];
            if (ser) return this.toTree(ser(this.rt, v, []));
            throw new UnsupportedError(`JSON.serialize of ${v.typeName}`);
        }
        throw new UnsupportedError(`JSON.serialize of ${typeName(this.rt.ip.typeOf(v))}`);
    }

    /** Instance fields and properties (non-static, non-transient) in declaration order, superclass first. */
    objectFields(o: ApexObject): [string, any][] {
        const chain: ClassInfo[] = [];
        for (let c: ClassInfo | null = o.cls; c; c = c.parent) chain.unshift(c);
        const out: [string, any][] = [];
        for (const c of chain) {
            if (!c.decl) continue;
            for (const m of c.decl.members) {
                if ((m.k === 'field' || m.k === 'prop') && !m.mods.includes('static') && !m.mods.includes('transient')) {
                    if (m.k === 'field') for (const d of m.decls) out.push([d.name, o.fields.get(d.name.toLowerCase()) ?? null]);
                    else {
                        const p = this.rt.ip.propOf(o.cls, m.name.toLowerCase());
                        const val = p && p.prop.getter?.body ? this.rt.callApexProp(o, m.name) : o.fields.get(m.name.toLowerCase());
                        out.push([m.name, val ?? null]);
                    }
                }
            }
        }
        return out;
    }

    static write(tree: any, pretty: boolean, indent = ''): string {
        if (tree === null) return 'null';
        if (typeof tree === 'string') return quote(tree);
        if (typeof tree === 'boolean') return String(tree);
        if (tree && typeof tree === 'object' && 'raw' in tree && !(tree instanceof Map)) return tree.raw;
        const inner = indent + '  ';
        if (Array.isArray(tree)) {
            if (!tree.length) return '[ ]'.replace(' ', pretty ? ' ' : '');
            if (!pretty) return '[' + tree.map((x) => JsonWriter.write(x, false)).join(',') + ']';
            return '[ ' + tree.map((x) => JsonWriter.write(x, true, inner)).join(', ') + ' ]';
        }
        const entries = [...(tree as Map<string, any>).entries()];
        if (!entries.length) return pretty ? '{ }' : '{}';
        if (!pretty) return '{' + entries.map(([k, x]) => `${quote(k)}:${JsonWriter.write(x, false)}`).join(',') + '}';
        return '{\n' + entries.map(([k, x]) => `${inner}${quote(k)} : ${JsonWriter.write(x, true, inner)}`).join(',\n') + '\n' + indent + '}';
    }
}

// ------------------------------------------------------------------ deserialization

export class JsonReader {
    constructor(
        private readonly rt: Runtime,
        private readonly strict: boolean,
    ) {}

    untyped(v: JVal): any {
        if (v === null) return null;
        if (typeof v === 'string' || typeof v === 'boolean') return v;
        if (v instanceof JsonNum) {
            if (v.isInteger()) {
                const b = BigInt(v.text);
                if (b >= -2147483648n && b <= 2147483647n) return Number(b);
                return b;
            }
            return Decimal.parse(v.text);
        }
        if (Array.isArray(v)) return new ApexList(ANY, v.map((x) => this.untyped(x)));
        const m = new ApexMap(prim('string'), ANY);
        for (const [k, x] of v) m.put(k, this.untyped(x));
        return m;
    }

    typed(v: JVal, t: RType, path: string): any {
        if (v === null) return null;
        switch (t.k) {
            case 'any':
                return this.untyped(v);
            case 'prim':
                return this.prim(v, t.n, path);
            case 'list':
            case 'set': {
                if (!Array.isArray(v)) throw jsonError(`Expected ${typeName(t)} but found ${describe(v)} at [${path}]`);
                const items = v.map((x, i) => this.typed(x, t.el, `${path}[${i}]`));
                if (t.k === 'list') return new ApexList(t.el, items);
                const s = new ApexSet(t.el);
                for (const x of items) s.add(x);
                return s;
            }
            case 'map': {
                if (!(v instanceof Map)) throw jsonError(`Expected ${typeName(t)} but found ${describe(v)} at [${path}]`);
                const m = new ApexMap(t.key, t.val);
                for (const [k, x] of v) m.put(this.prim(k, t.key.k === 'prim' ? t.key.n : 'string', path), this.typed(x, t.val, `${path}.${k}`));
                return m;
            }
            case 'sobject': {
                if (!(v instanceof Map)) throw jsonError(`Expected ${typeName(t)} but found ${describe(v)} at [${path}]`);
                let type = t.name;
                const attrs = v.get('attributes');
                if (attrs instanceof Map && typeof attrs.get('type') === 'string') type = attrs.get('type') as string;
                if (!type) throw jsonError('SObject type could not be determined');
                const rec = this.rt.newSObject(type);
                for (const [k, x] of v) {
                    if (k === 'attributes') continue;
                    const f = this.rt.data.field(rec, k);
                    if (f) {
                        const ft = fieldRType(f.type);
                        this.rt.data.putField(rec, f.name, this.typed(x, ft, `${path}.${k}`));
                        continue;
                    }
                    const rel = this.rt.data.parentRelationship(rec.type, k);
                    if (rel && x instanceof Map) {
                        rec.put(rel.relationshipName!, this.typed(x, { k: 'sobject', name: rel.referenceTo?.[0] ?? null }, `${path}.${k}`));
                        continue;
                    }
                    const child = this.rt.data.childRelationship(rec.type, k);
                    if (child && x instanceof Map && Array.isArray(x.get('records'))) {
                        (rec as any).setChildren(child.name, (x.get('records') as JVal[]).map((r) => this.typed(r, { k: 'sobject', name: child.childObject }, `${path}.${k}`)));
                        continue;
                    }
                    if (this.strict) throw jsonError(`No such column '${k}' on sobject of type ${rec.type}`);
                }
                return rec;
            }
            case 'class': {
                const cls = t.cls;
                if (cls.kind === 'enum') {
                    if (typeof v !== 'string') throw jsonError(`Expected ${cls.name} but found ${describe(v)} at [${path}]`);
                    return this.rt.ip.enumValues(cls).find((e) => e.name === v) ?? null;
                }
                if (!(v instanceof Map)) throw jsonError(`Expected ${cls.name} but found ${describe(v)} at [${path}]`);
                if (cls.kind === 'interface' || cls.mods.includes('abstract')) throw jsonError(`Abstract type ${cls.name} cannot be deserialized`);
                const obj = this.rt.ip.newUninitialized(cls);
                const members = this.members(cls);
                for (const [k, x] of v) {
                    const m = members.get(k.toLowerCase());
                    if (!m) {
                        if (this.strict) throw jsonError(`No such column '${k}' on Apex type ${cls.name}`);
                        continue;
                    }
                    const val = this.typed(x, m.type, `${path}.${k}`);
                    this.rt.setApexMember(obj, m.name, val);
                }
                return obj;
            }
            case 'native':
                if (DML_RESULT_TYPES.has(t.name.toLowerCase())) return this.dmlResult(v, t.name, path);
                if (t.name.toLowerCase() === 'database.error') return new NativeObject('Database.Error', { e: this.dmlError(v, path), rt: this.rt });
                throw new UnsupportedError(`JSON.deserialize into ${t.name}`);
        }
        throw new UnsupportedError(`JSON.deserialize into ${typeName(t)}`);
    }

    /**
     * `Database.SaveResult` / `UpsertResult` / `DeleteResult` / `UndeleteResult` from their JSON form
     * (`{"success":false,"id":null,"errors":[{"message":..,"statusCode":..,"fields":[..]}]}`, `created` for upserts):
     * the documented way to build a result in a test, since these types have no public constructor.
     */
    private dmlResult(v: JVal, name: string, path: string): NativeObject {
        if (!(v instanceof Map)) throw jsonError(`Expected ${name} but found ${describe(v)} at [${path}]`);
        const canonical = DML_RESULT_TYPES.get(name.toLowerCase())!;
        const r: { success: boolean; id: string | null; created?: boolean; errors: any[] } = { success: false, id: null, errors: [] };
        const upsert = canonical === 'Database.UpsertResult';
        for (const [k, x] of v) {
            switch (k.toLowerCase()) {
                case 'success':
                    r.success = this.prim(x, 'boolean', `${path}.${k}`) === true;
                    break;
                case 'id':
                    r.id = this.prim(x, 'id', `${path}.${k}`);
                    break;
                case 'created':
                    if (!upsert) {
                        if (this.strict) throw jsonError(`No such column '${k}' on Apex type ${canonical}`);
                        break;
                    }
                    r.created = this.prim(x, 'boolean', `${path}.${k}`) === true;
                    break;
                case 'errors':
                    if (x === null) break;
                    if (!Array.isArray(x)) throw jsonError(`Expected List<Database.Error> but found ${describe(x)} at [${path}.${k}]`);
                    r.errors = x.map((e, i) => this.dmlError(e, `${path}.${k}[${i}]`));
                    break;
                default:
                    if (this.strict) throw jsonError(`No such column '${k}' on Apex type ${canonical}`);
            }
        }
        return new NativeObject(canonical, { r, rt: this.rt });
    }

    private dmlError(v: JVal, path: string): { message: string | null; statusCode: string | null; fields: string[] | null } {
        if (!(v instanceof Map)) throw jsonError(`Expected Database.Error but found ${describe(v)} at [${path}]`);
        const e: { message: string | null; statusCode: string | null; fields: string[] | null } = { message: null, statusCode: null, fields: null };
        for (const [k, x] of v) {
            switch (k.toLowerCase()) {
                case 'message':
                    e.message = this.prim(x, 'string', `${path}.${k}`);
                    break;
                case 'statuscode':
                    e.statusCode = this.prim(x, 'string', `${path}.${k}`);
                    break;
                case 'fields':
                    if (x === null) break;
                    if (!Array.isArray(x)) throw jsonError(`Expected List<String> but found ${describe(x)} at [${path}.${k}]`);
                    e.fields = x.map((f, i) => this.prim(f, 'string', `${path}.${k}[${i}]`));
                    break;
                default:
                    if (this.strict) throw jsonError(`No such column '${k}' on Apex type Database.Error`);
            }
        }
        return e;
    }

    private members(cls: ClassInfo): Map<string, { name: string; type: RType }> {
        const out = new Map<string, { name: string; type: RType }>();
        for (let c: ClassInfo | null = cls; c; c = c.parent) {
            if (!c.decl) continue;
            for (const m of c.decl.members) {
                if (m.k === 'field' && !m.mods.includes('static')) {
                    for (const d of m.decls) if (!out.has(d.name.toLowerCase())) out.set(d.name.toLowerCase(), { name: d.name, type: this.rt.ip.resolveType(m.type, c) });
                }
                if (m.k === 'prop' && !m.mods.includes('static') && !out.has(m.name.toLowerCase())) out.set(m.name.toLowerCase(), { name: m.name, type: this.rt.ip.resolveType(m.type, c) });
            }
        }
        return out;
    }

    prim(v: JVal, n: string, path: string): any {
        if (v === null) return null;
        const bad = (): never => {
            throw jsonError(`Cannot deserialize instance of ${n} from ${describe(v)} value ${v instanceof JsonNum ? v.text : JSON.stringify(v)} at [${path}]`);
        };
        switch (n) {
            case 'string':
                if (typeof v === 'string') return v;
                if (v instanceof JsonNum) return v.text;
                if (typeof v === 'boolean') return String(v);
                return bad();
            case 'id':
                if (typeof v !== 'string') return bad();
                if (!isValidId(v)) throw jsonError(`Invalid id: ${v}`);
                return to18(v);
            case 'integer':
                if (v instanceof JsonNum) return Math.trunc(Number(v.text)) | 0;
                if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v) | 0;
                return bad();
            case 'long':
                if (v instanceof JsonNum) return BigInt(v.isInteger() ? v.text : Math.trunc(Number(v.text)));
                if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
                return bad();
            case 'double':
                if (v instanceof JsonNum) return new ApexDouble(Number(v.text));
                if (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v))) return new ApexDouble(Number(v));
                return bad();
            case 'decimal':
                if (v instanceof JsonNum) return Decimal.parse(v.text);
                if (typeof v === 'string' && Decimal.isDecimalText(v)) return Decimal.parse(v);
                return bad();
            case 'boolean':
                if (typeof v === 'boolean') return v;
                if (typeof v === 'string') return v.toLowerCase() === 'true';
                return bad();
            case 'date': {
                if (typeof v !== 'string') return bad();
                const dt = ApexDatetime.tryParseIso(v);
                if (/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return ApexDate.valueOf(v.trim());
                if (dt) return dt.dateGmt();
                return bad();
            }
            case 'datetime': {
                if (typeof v === 'string') {
                    const dt = ApexDatetime.tryParseIso(v);
                    if (!dt) throw jsonError(`Cannot deserialize instance of datetime from VALUE_STRING value ${v} or request may be missing a required field at [${path}]`);
                    return dt;
                }
                if (v instanceof JsonNum && v.isInteger()) return ApexDatetime.fromMillis(Number(v.text));
                return bad();
            }
            case 'time':
                if (typeof v !== 'string') return bad();
                return ApexTime.parseIso(v);
            case 'blob':
                if (typeof v !== 'string') return bad();
                return new ApexBlob(Buffer.from(v, 'base64'));
        }
        return bad();
    }
}

function describe(v: JVal): string {
    if (v === null) return 'VALUE_NULL';
    if (typeof v === 'string') return 'VALUE_STRING';
    if (typeof v === 'boolean') return v ? 'VALUE_TRUE' : 'VALUE_FALSE';
    if (v instanceof JsonNum) return v.isInteger() ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
    if (Array.isArray(v)) return 'START_ARRAY';
    return 'START_OBJECT';
}

function fieldRType(ft: string): RType {
    switch (ft) {
        case 'Number':
        case 'Currency':
        case 'Percent':
        case 'Summary':
            return prim('decimal');
        case 'Integer':
            return prim('integer');
        case 'Checkbox':
            return prim('boolean');
        case 'Date':
            return prim('date');
        case 'DateTime':
            return prim('datetime');
        case 'Time':
            return prim('time');
        case 'Id':
        case 'Lookup':
        case 'MasterDetail':
            return prim('id');
        case 'Base64':
            return prim('blob');
        default:
            return prim('string');
    }
}

// ------------------------------------------------------------------ install

function typeArg(v: any): RType {
    if (!(v instanceof ApexTypeValue)) {
        if (v === null) npe();
        throw new UnsupportedError('JSON.deserialize without a System.Type');
    }
    return v.t;
}

const TOKENS = ['END_ARRAY', 'END_OBJECT', 'FIELD_NAME', 'NOT_AVAILABLE', 'START_ARRAY', 'START_OBJECT', 'VALUE_EMBEDDED_OBJECT', 'VALUE_FALSE', 'VALUE_NULL', 'VALUE_NUMBER_FLOAT', 'VALUE_NUMBER_INT', 'VALUE_STRING', 'VALUE_TRUE'];

interface Tok {
    t: string;
    text: string | null;
    name: string | null;
    val: JVal;
}

function tokenize(v: JVal, name: string | null, out: Tok[]): void {
    if (v instanceof Map) {
        out.push({ t: 'START_OBJECT', text: '{', name, val: v });
        for (const [k, x] of v) {
            out.push({ t: 'FIELD_NAME', text: k, name: k, val: null });
            tokenize(x, k, out);
        }
        out.push({ t: 'END_OBJECT', text: '}', name, val: null });
    } else if (Array.isArray(v)) {
        out.push({ t: 'START_ARRAY', text: '[', name, val: v });
        for (const x of v) tokenize(x, name, out);
        out.push({ t: 'END_ARRAY', text: ']', name, val: null });
    } else {
        const t = describe(v);
        out.push({ t, text: v === null ? 'null' : v instanceof JsonNum ? v.text : String(v), name, val: v });
    }
}

export function installJson(reg: NativeRegistry): void {
    reg.add({ name: 'System.JSONToken', key: 'jsontoken', enumValues: TOKENS });
    reg.add({
        name: 'System.JSON',
        key: 'json',
        statics: {
            serialize: (rt, a) => JsonWriter.write(new JsonWriter(rt, a[1] === true).toTree(a[0]), false),
            serializepretty: (rt, a) => JsonWriter.write(new JsonWriter(rt, a[1] === true).toTree(a[0]), true),
            deserialize: (rt, a) => new JsonReader(rt, false).typed(parseJson(String(a[0] ?? npe())), typeArg(a[1]), '$'),
            deserializestrict: (rt, a) => new JsonReader(rt, true).typed(parseJson(String(a[0] ?? npe())), typeArg(a[1]), '$'),
            deserializeuntyped: (rt, a) => new JsonReader(rt, false).untyped(parseJson(String(a[0] ?? npe()))),
            creategenerator: (_rt, a) => new NativeObject('System.JSONGenerator', { pretty: a[0] === true, stack: [] as any[], root: undefined, pendingName: null, closed: false }),
            createparser: (_rt, a) => {
                const toks: Tok[] = [];
                tokenize(parseJson(String(a[0] ?? npe())), null, toks);
                return new NativeObject('System.JSONParser', { toks, i: -1, cleared: null });
            },
        },
    });

    // ---------------------------------------------------------------- JSONGenerator
    const add = (s: NativeObject, v: any): void => {
        const d = s.data;
        const top = d.stack[d.stack.length - 1];
        if (!top) {
            if (d.root !== undefined) throw jsonError('Can not write a value: the generator already holds a complete value');
            d.root = v;
        } else if (Array.isArray(top)) top.push(v);
        else {
            if (d.pendingName === null) throw jsonError('Can not write a value, expecting a field name');
            top.set(d.pendingName, v);
            d.pendingName = null;
        }
    };
    const tree = (rt: Runtime, v: any): any => new JsonWriter(rt, false).toTree(v);
    const field = (fn: (rt: Runtime, s: NativeObject, v: any) => void) => (rt: Runtime, s: NativeObject, a: any[]) => {
        s.data.pendingName = String(a[0]);
        fn(rt, s, a[1]);
        return null;
    };
    reg.add({
        name: 'System.JSONGenerator',
        key: 'jsongenerator',
        methods: {
            writestartobject: (_rt, s: NativeObject) => {
                const m = new Map();
                add(s, m);
                s.data.stack.push(m);
                return null;
            },
            writeendobject: (_rt, s: NativeObject) => {
                s.data.stack.pop();
                return null;
            },
            writestartarray: (_rt, s: NativeObject) => {
                const arr: any[] = [];
                add(s, arr);
                s.data.stack.push(arr);
                return null;
            },
            writeendarray: (_rt, s: NativeObject) => {
                s.data.stack.pop();
                return null;
            },
            writefieldname: (_rt, s: NativeObject, a) => {
                s.data.pendingName = String(a[0]);
                return null;
            },
            writestring: (_rt, s, a) => (add(s, a[0] === null ? null : String(a[0])), null),
            writestringfield: field((_rt, s, v) => add(s, v === null ? null : String(v))),
            writenumber: (rt, s, a) => (add(s, tree(rt, a[0])), null),
            writenumberfield: field((rt, s, v) => add(s, tree(rt, v))),
            writeboolean: (_rt, s, a) => (add(s, a[0]), null),
            writebooleanfield: field((_rt, s, v) => add(s, v)),
            writenull: (_rt, s) => (add(s, null), null),
            writenullfield: (_rt, s, a) => {
                s.data.pendingName = String(a[0]);
                add(s, null);
                return null;
            },
            writedate: (rt, s, a) => (add(s, tree(rt, a[0])), null),
            writedatefield: field((rt, s, v) => add(s, tree(rt, v))),
            writedatetime: (rt, s, a) => (add(s, tree(rt, a[0])), null),
            writedatetimefield: field((rt, s, v) => add(s, tree(rt, v))),
            writetime: (rt, s, a) => (add(s, tree(rt, a[0])), null),
            writetimefield: field((rt, s, v) => add(s, tree(rt, v))),
            writeid: (_rt, s, a) => (add(s, a[0]), null),
            writeidfield: field((_rt, s, v) => add(s, v)),
            writeblob: (rt, s, a) => (add(s, tree(rt, a[0])), null),
            writeblobfield: field((rt, s, v) => add(s, tree(rt, v))),
            writeobject: (rt, s, a) => (add(s, tree(rt, a[0])), null),
            writeobjectfield: field((rt, s, v) => add(s, tree(rt, v))),
            getasstring: (_rt, s: NativeObject) => (s.data.root === undefined ? '' : JsonWriter.write(s.data.root, s.data.pretty)),
            close: (_rt, s: NativeObject) => {
                s.data.closed = true;
                return null;
            },
            isclosed: (_rt, s: NativeObject) => s.data.closed,
        },
    });

    // ---------------------------------------------------------------- JSONParser
    const cur = (s: NativeObject): Tok | null => s.data.toks[s.data.i] ?? null;
    const tokenEnum = (rt: Runtime, t: string | null): any => (t ? rt.natives.enumByName('jsontoken', t) : null);
    reg.add({
        name: 'System.JSONParser',
        key: 'jsonparser',
        methods: {
            nexttoken: (rt, s: NativeObject) => {
                s.data.i++;
                return tokenEnum(rt, cur(s)?.t ?? null);
            },
            nextvalue: (rt, s: NativeObject) => {
                s.data.i++;
                while (cur(s) && cur(s)!.t === 'FIELD_NAME') s.data.i++;
                return tokenEnum(rt, cur(s)?.t ?? null);
            },
            getcurrenttoken: (rt, s: NativeObject) => tokenEnum(rt, cur(s)?.t ?? null),
            hascurrenttoken: (_rt, s: NativeObject) => cur(s) !== null,
            clearcurrenttoken: (_rt, s: NativeObject) => {
                s.data.cleared = cur(s)?.t ?? null;
                return null;
            },
            getlastclearedtoken: (rt, s: NativeObject) => tokenEnum(rt, s.data.cleared),
            getcurrentname: (_rt, s: NativeObject) => cur(s)?.name ?? null,
            gettext: (_rt, s: NativeObject) => cur(s)?.text ?? null,
            getintegervalue: (_rt, s: NativeObject) => Math.trunc(Number(cur(s)?.text)) | 0,
            getlongvalue: (_rt, s: NativeObject) => BigInt(cur(s)!.text!),
            getdoublevalue: (_rt, s: NativeObject) => new ApexDouble(Number(cur(s)?.text)),
            getdecimalvalue: (_rt, s: NativeObject) => Decimal.parse(String(cur(s)?.text)),
            getbooleanvalue: (_rt, s: NativeObject) => cur(s)?.t === 'VALUE_TRUE',
            getdatetimevalue: (_rt, s: NativeObject) => ApexDatetime.parseIso(String(cur(s)?.text)),
            getdatevalue: (_rt, s: NativeObject) => ApexDate.valueOf(String(cur(s)?.text)),
            getidvalue: (_rt, s: NativeObject) => to18(String(cur(s)?.text)),
            getblobvalue: (_rt, s: NativeObject) => new ApexBlob(Buffer.from(String(cur(s)?.text), 'base64')),
            skipchildren: (_rt, s: NativeObject) => {
                const t = cur(s);
                if (!t || (t.t !== 'START_OBJECT' && t.t !== 'START_ARRAY')) return null;
                let depth = 0;
                do {
                    const x = cur(s)!;
                    if (x.t === 'START_OBJECT' || x.t === 'START_ARRAY') depth++;
                    if (x.t === 'END_OBJECT' || x.t === 'END_ARRAY') depth--;
                    if (depth > 0) s.data.i++;
                } while (depth > 0 && cur(s));
                return null;
            },
            readvalueas: (rt, s: NativeObject, a) => readValue(rt, s, a, false),
            readvalueasstrict: (rt, s: NativeObject, a) => readValue(rt, s, a, true),
        },
    });
    function readValue(rt: Runtime, s: NativeObject, a: any[], strict: boolean): any {
        const t = cur(s);
        if (!t) return null;
        const v = t.val;
        // skip past the value's tokens
        if (t.t === 'START_OBJECT' || t.t === 'START_ARRAY') reg.getByKey('jsonparser')!.methods!.skipchildren(rt, s, []);
        return new JsonReader(rt, strict).typed(v, typeArg(a[0]), '$');
    }
}
