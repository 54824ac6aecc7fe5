/**
 * The tree-walking Apex interpreter: class registry, name and type resolution, statements, expressions, method
 * dispatch, object construction and exceptions. The standard library lives in src/stdlib and the data layer in
 * src/data; this module connects them.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Block, ClassDecl, CompilationUnit, Expr, ExprOf, MethodDecl, ParamDecl, Stmt, StmtOf, TriggerDecl, TypeRef } from './ast.js';
import { ClassInfo, type MethodInfo } from './classes.js';
import { ApexError, createExceptionClasses, type ExceptionState } from './exceptions.js';
import { BREAK, CONTINUE, Frame, NORMAL, RETURN, type Signal, TypeHandle } from './frame.js';
import { arith, compare, looseEquals, negate, numKind, strictEquals, toApexString, toBigInt, toDecimal, toJsNumber } from './ops.js';
import { parseExpression } from './parse.js';
import { ApexBlob, ApexDouble, ApexEnumValue, ApexList, ApexMap, ApexObject, ApexSet, ApexTypeValue, NativeObject, keyOf, setKeyHook } from './rvalues.js';
import { isSObject, type SObjectLike } from './sobj.js';
import { ANY, PRIM_NAMES, prim, type RType, typeName, VOID } from './types.js';
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { PlatformError, UnsupportedError, isUnsupportedError } from '../values/errors.js';
import { isValidId, to18 } from '../values/id.js';
import { UNMODELLED_STANDARD_OBJECTS } from '../data/schema-standard.js';
import type { NativeRegistry, NativeType } from '../stdlib/registry.js';
import type { Runtime } from '../stdlib/runtime.js';

export interface SourceUnit {
    file: string;
    unit: CompilationUnit;
}

const MAX_DEPTH = 1000;

/** Marks a safe-navigation short circuit travelling along a member/call chain; the whole chain evaluates to null. */
const SHORT: unique symbol = Symbol('short-circuit');

export class Interpreter {
    readonly classes = new Map<string, ClassInfo>();
    readonly triggers: ClassInfo[] = [];
    readonly allClasses: ClassInfo[] = [];
    readonly exceptionBase: ClassInfo;
    readonly exceptionTypes: Map<string, ClassInfo>;
    readonly frames: Frame[] = [];
    /** Per-transaction static storage; cleared between test methods. */
    statics = new Map<ClassInfo, Map<string, any>>();
    private readonly staticInitRunning = new Set<ClassInfo>();
    /** Lines executed, per file. */
    coverage: Map<string, Set<number>> | null = null;
    private readonly propCache = new Map<ClassInfo, Map<string, any>>();
    private readonly bindCache = new Map<string, Expr>();
    rt!: Runtime;

    constructor(
        units: SourceUnit[],
        readonly natives: NativeRegistry,
    ) {
        const ex = createExceptionClasses();
        this.exceptionBase = ex.base;
        this.exceptionTypes = ex.all;
        for (const u of units) this.register(u);
        setKeyHook((v) => this.valueKey(v));
    }

    /**
     * Set/Map key of a non-primitive value: value equality for Decimal, dates, Blobs, SObjects (all fields) and
     * collections; equals()/hashCode() for Apex objects that define them; identity otherwise.
     */
    valueKey(v: any): any {
        if (v instanceof Decimal) return 'D:' + v.toString();
        if (v instanceof ApexDate) return 'd:' + v.toString();
        if (v instanceof ApexDatetime) return 't:' + v.millis;
        if (v instanceof ApexTime) return 'T:' + v.toString();
        if (v instanceof ApexBlob) return 'B:' + v.bytes.toString('base64');
        if (v instanceof ApexTypeValue) return 'Y:' + typeName(v.t).toLowerCase();
        const k = (x: any): string => {
            const kk = keyOf(x);
            return typeof kk === 'object' && kk !== null ? `#${this.identityHash(kk)}` : typeof kk + ':' + String(kk);
        };
        if (isSObject(v)) {
            const parts = [...v.fields.keys()].sort().map((f) => `${f}=${k(v.fields.get(f))}`);
            return `S:${v.type.toLowerCase()}{${parts.join(',')}}`;
        }
        if (v instanceof ApexList) return 'L:[' + v.items.map(k).join(',') + ']';
        if (v instanceof ApexSet) return 'E:{' + [...v.map.keys()].map((x) => (typeof x === 'object' && x !== null ? `#${this.identityHash(x)}` : String(x))).join(',') + '}';
        if (v instanceof ApexMap) return 'M:{' + [...v.map.values()].map(([a, b]) => `${k(a)}=${k(b)}`).join(',') + '}';
        if (v instanceof ApexObject && !v.cls.isException) {
            const hasHash = v.cls.findMethods('hashcode').some((m) => m.decl.params.length === 0 && !m.isAbstract);
            if (hasHash) return 'O:' + v.cls.lname + ':' + String(this.callMethod(v, 'hashCode', []));
        }
        return v;
    }

    /** Resolves superclasses and interfaces; called once the runtime (schema, natives) is attached. */
    link(): void {
        for (const c of this.allClasses) this.resolveSupers(c);
    }

    // ------------------------------------------------------------------ registry

    private register(u: SourceUnit): void {
        const unit = u.unit;
        if (unit.k === 'trigger') {
            const ci = new ClassInfo(unit, unit.name, null, u.file);
            this.triggers.push(ci);
            this.allClasses.push(ci);
            for (const inner of unit.inner) this.registerClass(inner, ci, u.file);
            return;
        }
        const ci = this.registerClass(unit, null, u.file);
        this.classes.set(ci.lname, ci);
    }

    private registerClass(d: ClassDecl, outer: ClassInfo | null, file: string): ClassInfo {
        const name = outer && outer.kind !== 'trigger' ? `${outer.name}.${d.name}` : d.name;
        const ci = new ClassInfo(d, name, outer, file);
        this.allClasses.push(ci);
        if (outer) outer.inner.set(d.name.toLowerCase(), ci);
        for (const i of d.inner) this.registerClass(i, ci, file);
        return ci;
    }

    private resolveSupers(c: ClassInfo): void {
        const d = c.decl;
        if (!d || d.k !== 'class') return;
        const ctx = c.outer ?? c;
        if (d.ext) {
            const h = this.findTypeHandle(d.ext.name, c.outer ?? null);
            if (h && h.kind === 'class' && h.cls) {
                if (d.kind === 'interface') c.interfaces.push(h.cls);
                else c.parent = h.cls;
                if (h.cls.isException || h.cls === this.exceptionBase) c.isException = true;
            } else if (h && h.kind === 'native') {
                c.nativeSupers.push(h.name);
            } else {
                // unknown standard supertype: recorded by name; members it would provide fail loudly when used
                c.nativeSupers.push(d.ext.name.toLowerCase());
            }
        }
        for (const i of d.impls) {
            const h = this.findTypeHandle(i.name, ctx);
            if (h && h.kind === 'class' && h.cls) c.interfaces.push(h.cls);
            else if (h && h.kind === 'native') c.nativeSupers.push(h.name);
            else c.nativeSupers.push(i.name.toLowerCase());
        }
        // exception-ness is inherited
        for (let p = c.parent; p; p = p.parent) if (p.isException) c.isException = true;
    }

    // ------------------------------------------------------------------ types

    /** Resolves a (possibly dotted) type name to a handle, searching inner classes from `ctx` outwards. */
    private readonly typeHandleCache = new Map<string, TypeHandle>();

    findTypeHandle(name: string, ctx: ClassInfo | null): TypeHandle | null {
        const key = (ctx ? ctx.lname : '') + '|' + name.toLowerCase();
        const hit = this.typeHandleCache.get(key);
        if (hit) return hit;
        const h = this.findTypeHandleUncached(name, ctx);
        if (h) this.typeHandleCache.set(key, h);
        return h;
    }

    private findTypeHandleUncached(name: string, ctx: ClassInfo | null): TypeHandle | null {
        const parts = name.split('.');
        const first = parts[0].toLowerCase();
        let h: TypeHandle | null = null;
        if (parts.length > 1) {
            const full = name.toLowerCase();
            const nt = this.natives.get(full) ?? (first === 'system' ? this.natives.get(full.slice(7)) : undefined);
            if (nt) return new TypeHandle('native', nt.key);
            const ex = this.exceptionTypes.get(full);
            if (ex) return new TypeHandle('class', ex.name, ex);
            if (first === 'schema' && parts.length === 2) {
                const ob = this.rt.data.objectName(parts[1]);
                if (ob) return new TypeHandle('sobject', ob);
            }
        }
        h = this.findSimpleType(first, ctx);
        if (!h) return null;
        for (let i = 1; i < parts.length; i++) {
            h = this.memberType(h, parts[i].toLowerCase());
            if (!h) return null;
        }
        return h;
    }

    private findSimpleType(lname: string, ctx: ClassInfo | null): TypeHandle | null {
        for (let c = ctx; c; c = c.outer) {
            if (c.lname === lname || c.name.toLowerCase().endsWith('.' + lname)) {
                if (c.kind !== 'trigger') return new TypeHandle('class', c.name, c);
            }
            for (let p: ClassInfo | null = c; p; p = p.parent) {
                const inner = p.inner.get(lname);
                if (inner) return new TypeHandle('class', inner.name, inner);
            }
        }
        const top = this.classes.get(lname);
        if (top) return new TypeHandle('class', top.name, top);
        const ex = this.exceptionTypes.get(lname);
        if (ex) return new TypeHandle('class', ex.name, ex);
        const nt = this.natives.get(lname);
        if (nt) return new TypeHandle('native', nt.key);
        const ob = this.rt.data.objectName(lname);
        if (ob) return new TypeHandle('sobject', ob);
        if (UNMODELLED_STANDARD_OBJECTS.has(lname)) throw new UnsupportedError(`standard object ${lname} (not modelled by the local runtime)`);
        return null;
    }

    private memberType(h: TypeHandle, lname: string): TypeHandle | null {
        if (h.kind === 'class' && h.cls) {
            for (let p: ClassInfo | null = h.cls; p; p = p.parent) {
                const inner = p.inner.get(lname);
                if (inner) return new TypeHandle('class', inner.name, inner);
            }
            return null;
        }
        if (h.kind === 'native') {
            const nt = this.natives.get(`${h.name}.${lname}`);
            if (nt) return new TypeHandle('native', nt.key);
            if (h.name === 'system') return this.findSimpleType(lname, null);
            if (h.name === 'schema') {
                const ob = this.rt.data.objectName(lname);
                if (ob) return new TypeHandle('sobject', ob);
            }
        }
        return null;
    }

    resolveType(ref: TypeRef, ctx: ClassInfo | null): RType {
        const cached = (ref as any)._rt;
        if (cached) return cached;
        const rt = this.resolveTypeUncached(ref, ctx);
        Object.defineProperty(ref, '_rt', { value: rt, enumerable: false });
        return rt;
    }

    private resolveTypeUncached(ref: TypeRef, ctx: ClassInfo | null): RType {
        let lname = ref.name.toLowerCase();
        if (lname.startsWith('system.') && lname.split('.').length === 2) lname = lname.slice(7);
        const args = ref.args ?? [];
        switch (lname) {
            case 'object':
                return ANY;
            case 'list':
                return { k: 'list', el: args[0] ? this.resolveType(args[0], ctx) : ANY };
            case 'set':
                return { k: 'set', el: args[0] ? this.resolveType(args[0], ctx) : ANY };
            case 'map':
                return {
                    k: 'map',
                    key: args[0] ? this.resolveType(args[0], ctx) : ANY,
                    val: args[1] ? this.resolveType(args[1], ctx) : ANY,
                };
            case 'sobject':
            case 'schema.sobject':
                return { k: 'sobject', name: null };
            case 'aggregateresult':
            case 'schema.aggregateresult':
                return { k: 'sobject', name: 'AggregateResult' };
        }
        const p = PRIM_NAMES[lname];
        if (p) return prim(p);
        const h = this.findTypeHandle(ref.name, ctx);
        if (!h) throw new UnsupportedError(`type ${ref.name}`);
        return this.handleToType(h);
    }

    /** Type.forName for names that are not handles (primitives, Object, generic collections). */
    resolveTypeOrNull(name: string): RType | null {
        try {
            const e = parseExpression(`(${name}) null`);
            if (e.k === 'cast') return this.resolveType(e.type, null);
        } catch {
            /* not a type */
        }
        return null;
    }

    handleToType(h: TypeHandle): RType {
        if (h.kind === 'class') return { k: 'class', cls: h.cls! };
        if (h.kind === 'sobject') return { k: 'sobject', name: h.name };
        const nt = this.natives.getByKey(h.name)!;
        const lname = nt.key;
        if (lname === 'object') return ANY;
        const p = PRIM_NAMES[lname];
        if (p) return prim(p);
        return { k: 'native', name: nt.name };
    }

    /** The runtime type of a value (Object for null). */
    typeOf(v: any): RType {
        if (v === null || v === undefined) return ANY;
        switch (typeof v) {
            case 'string':
                return prim(isValidId(v) && (v.length === 18 || v.length === 15) && this.rt.data.isIdOfKnownObject(v) ? 'id' : 'string');
            case 'number':
                return prim('integer');
            case 'bigint':
                return prim('long');
            case 'boolean':
                return prim('boolean');
        }
        if (v instanceof Decimal) return prim('decimal');
        if (v instanceof ApexDouble) return prim('double');
        if (v instanceof ApexDate) return prim('date');
        if (v instanceof ApexDatetime) return prim('datetime');
        if (v instanceof ApexTime) return prim('time');
        if (v instanceof ApexBlob) return prim('blob');
        if (v instanceof ApexObject) return { k: 'class', cls: v.cls };
        if (v instanceof ApexList) return { k: 'list', el: v.el };
        if (v instanceof ApexSet) return { k: 'set', el: v.el };
        if (v instanceof ApexMap) return { k: 'map', key: v.keyT, val: v.valT };
        if (isSObject(v)) return { k: 'sobject', name: v.type };
        if (v instanceof ApexEnumValue) {
            if (v.owner) return { k: 'class', cls: v.owner };
            return { k: 'native', name: v.enumName };
        }
        if (v instanceof ApexTypeValue) return { k: 'native', name: 'System.Type' };
        if (v instanceof NativeObject) return { k: 'native', name: v.typeName };
        return ANY;
    }

    /** `instanceof` and cast checks. */
    isInstance(v: any, t: RType): boolean {
        if (v === null || v === undefined) return false;
        switch (t.k) {
            case 'any':
                return true;
            case 'void':
                return false;
            case 'prim':
                switch (t.n) {
                    case 'string':
                        return typeof v === 'string';
                    case 'id':
                        return typeof v === 'string' && isValidId(v);
                    case 'integer':
                        return typeof v === 'number';
                    case 'long':
                        return typeof v === 'bigint' || typeof v === 'number';
                    case 'double':
                        return v instanceof ApexDouble || typeof v === 'number' || typeof v === 'bigint';
                    case 'decimal':
                        return v instanceof Decimal || typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble;
                    case 'boolean':
                        return typeof v === 'boolean';
                    case 'date':
                        return v instanceof ApexDate;
                    case 'datetime':
                        return v instanceof ApexDatetime;
                    case 'time':
                        return v instanceof ApexTime;
                    case 'blob':
                        return v instanceof ApexBlob;
                }
                return false;
            case 'list':
                return v instanceof ApexList && this.elemAssignable(v.el, t.el);
            case 'set':
                return v instanceof ApexSet && this.elemAssignable(v.el, t.el);
            case 'map':
                return v instanceof ApexMap && this.elemAssignable(v.keyT, t.key) && this.elemAssignable(v.valT, t.val);
            case 'class':
                if (v instanceof ApexObject) return v.cls.isSubclassOf(t.cls);
                if (v instanceof ApexEnumValue) return v.owner === t.cls;
                return false;
            case 'sobject':
                if (!isSObject(v)) return false;
                return t.name === null || v.type.toLowerCase() === t.name.toLowerCase();
            case 'native': {
                const ln = t.name.toLowerCase();
                if (v instanceof NativeObject) return this.natives.isSubtype(v.typeName.toLowerCase(), ln);
                if (v instanceof ApexObject) {
                    const nt = this.natives.get(ln);
                    return !!nt && v.cls.hasNativeSuper(nt.key);
                }
                if (v instanceof ApexEnumValue) return v.enumName.toLowerCase() === ln;
                if (v instanceof ApexTypeValue) return ln === 'system.type' || ln === 'type';
                return false;
            }
        }
    }

    private elemAssignable(from: RType, to: RType): boolean {
        if (to.k === 'any') return true;
        if (to.k === 'sobject' && from.k === 'sobject') return to.name === null || (from.name ?? '').toLowerCase() === to.name.toLowerCase();
        if (to.k === 'class' && from.k === 'class') return from.cls.isSubclassOf(to.cls);
        if (to.k === 'prim' && from.k === 'prim') {
            if (to.n === from.n) return true;
            if (to.n === 'string' && from.n === 'id') return true;
            if (to.n === 'id' && from.n === 'string') return true;
            return false;
        }
        if (to.k === 'native' && from.k === 'class') {
            const nt = this.natives.get(to.name.toLowerCase());
            return !!nt && from.cls.hasNativeSuper(nt.key);
        }
        return typeName(from).toLowerCase() === typeName(to).toLowerCase();
    }

    /** Converts a value for storage in a location of type `t` (implicit widening, Id normalisation). */
    coerce(v: any, t: RType): any {
        if (v === null || v === undefined) return null;
        if (t.k === 'sobject' && v instanceof ApexList) {
            // a SOQL result list assigned to a single SObject
            if (v.items.length === 0) this.throwApex('System.QueryException', 'List has no rows for assignment to SObject');
            if (v.items.length > 1) this.throwApex('System.QueryException', 'List has more than 1 row for assignment to SObject');
            return v.items[0];
        }
        if (t.k !== 'prim') return v;
        switch (t.n) {
            case 'decimal':
                if (v instanceof Decimal) return v;
                if (typeof v === 'number' || typeof v === 'bigint') return Decimal.fromInteger(v);
                if (v instanceof ApexDouble) return Decimal.fromDouble(v.v);
                return v;
            case 'double':
                if (v instanceof ApexDouble) return v;
                if (typeof v === 'number') return new ApexDouble(v);
                if (typeof v === 'bigint') return new ApexDouble(Number(v));
                if (v instanceof Decimal) return new ApexDouble(v.doubleValue());
                return v;
            case 'long':
                if (typeof v === 'number') return BigInt(v);
                return v;
            case 'id':
                if (typeof v === 'string') return to18(v);
                return v;
            case 'integer':
                return v;
        }
        return v;
    }

    // ------------------------------------------------------------------ exceptions

    /** Creates an exception object of a built-in or user type with the current stack. */
    makeException(typeNameOrCls: string | ClassInfo, message: string | null, cause: ApexObject | null = null): ApexObject {
        let cls: ClassInfo | undefined;
        if (typeof typeNameOrCls === 'string') {
            cls = this.exceptionTypes.get(typeNameOrCls.toLowerCase());
            if (!cls) {
                const h = this.findTypeHandle(typeNameOrCls, null);
                cls = h?.cls ?? undefined;
            }
            if (!cls) cls = this.exceptionBase;
        } else cls = typeNameOrCls;
        const obj = new ApexObject(cls);
        obj.native = this.newExceptionState(message, cause);
        if (cls.decl) this.initObjectFields(cls, obj);
        return obj;
    }

    private newExceptionState(message: string | null, cause: ApexObject | null): ExceptionState {
        const f = this.frames[this.frames.length - 1];
        return { message, cause, line: f ? f.line : 0, col: f ? f.col : 0, stack: this.stackTrace() };
    }

    throwApex(type: string, message: string): never {
        throw new ApexError(this.makeException(type, message));
    }

    /** `Class.Outer.method: line N, column C` lines, innermost first. */
    stackTrace(): string {
        const out: string[] = [];
        const last = Math.max(0, this.frames.length - 40);
        for (let i = this.frames.length - 1; i >= last; i--) {
            const f = this.frames[i];
            if (!f.cls) out.push(`AnonymousBlock: line ${f.line}, column ${f.col}`);
            else if (f.cls.kind === 'trigger') out.push(`Trigger.${f.cls.name}: line ${f.line}, column ${f.col}`);
            else out.push(`Class.${f.cls.name}.${f.method}: line ${f.line}, column ${f.col}`);
        }
        if (last > 0) out.push(`(${last} more frames)`);
        return out.join('\n');
    }

    /** Converts data-layer PlatformErrors into Apex exceptions; leaves everything else alone. */
    toApexError(e: unknown): ApexError | null {
        if (e instanceof ApexError) return e;
        if (e instanceof PlatformError) {
            const obj = this.makeException(e.apexType, e.message);
            const extra = (e as any).dml;
            if (extra) (obj.native as ExceptionState).dml = extra;
            const inaccessible = (e as any).inaccessibleFields;
            if (inaccessible) (obj.native as ExceptionState).extra = { inaccessibleFields: inaccessible };
            if ((e as any).uncatchable || e.apexType === 'System.LimitException') (obj.native as ExceptionState).uncatchable = true;
            return new ApexError(obj);
        }
        return null;
    }

    npe(): never {
        this.throwApex('System.NullPointerException', 'Attempt to de-reference a null object');
    }

    // ------------------------------------------------------------------ statics

    staticStore(cls: ClassInfo): Map<string, any> {
        let s = this.statics.get(cls);
        if (s) return s;
        s = new Map();
        this.statics.set(cls, s);
        if (cls.parent) this.staticStore(cls.parent);
        for (const n of cls.staticFieldNames) s.set(n, null);
        for (const [n, p] of cls.props) if (p.mods.includes('static')) s.set(n, null);
        if (cls.kind === 'enum') {
            cls.enumValues.forEach((v, i) => s!.set(v.toLowerCase(), new ApexEnumValue(cls.name, v, i, cls)));
        }
        this.staticInitRunning.add(cls);
        try {
            const f = new Frame(cls, null, '<clinit>');
            this.frames.push(f);
            try {
                for (const m of cls.staticMembers) {
                    if (m.k === 'field') {
                        const t = this.resolveType(m.type, cls);
                        for (const d of m.decls) {
                            f.line = d.ln;
                            this.hit(cls, d.ln);
                            if (d.init) s.set(d.name.toLowerCase(), this.coerce(this.eval(d.init, f), t));
                        }
                    } else {
                        this.execBlock(m.body, f);
                    }
                }
            } finally {
                this.frames.pop();
            }
        } finally {
            this.staticInitRunning.delete(cls);
        }
        return s;
    }

    enumValues(cls: ClassInfo): ApexEnumValue[] {
        const s = this.staticStore(cls);
        return cls.enumValues.map((v) => s.get(v.toLowerCase()));
    }

    // ------------------------------------------------------------------ objects

    private initObjectFields(cls: ClassInfo, obj: ApexObject): void {
        for (const n of cls.instanceFieldNames) obj.fields.set(n, null);
        for (const [n, p] of cls.props) if (!p.mods.includes('static')) obj.fields.set(n, null);
        const f = new Frame(cls, obj, '<init>');
        this.frames.push(f);
        try {
            for (const m of cls.instanceMembers) {
                if (m.k === 'field') {
                    const t = this.resolveType(m.type, cls);
                    for (const d of m.decls) {
                        f.line = d.ln;
                        this.hit(cls, d.ln);
                        if (d.init) obj.fields.set(d.name.toLowerCase(), this.coerce(this.eval(d.init, f), t));
                    }
                } else this.execBlock(m.body, f);
            }
        } finally {
            this.frames.pop();
        }
    }

    /** An object whose fields are initialised but whose constructor has not run (JSON.deserialize). */
    newUninitialized(cls: ClassInfo): ApexObject {
        this.staticStore(cls);
        const obj = new ApexObject(cls);
        if (cls.isException) obj.native = this.newExceptionState(null, null);
        const chain: ClassInfo[] = [];
        for (let c: ClassInfo | null = cls; c; c = c.parent) chain.unshift(c);
        for (const c of chain) if (c.decl) this.initObjectFields(c, obj);
        return obj;
    }

    /** Reads an instance field or property by name. */
    getMember(obj: ApexObject, name: string): any {
        const lname = name.toLowerCase();
        const p = this.propOf(obj.cls, lname);
        if (p) return this.getProp(obj, p, lname);
        return obj.fields.has(lname) ? obj.fields.get(lname) : null;
    }

    /** Writes an instance field or property by name (with the declared type's conversion). */
    setMember(obj: ApexObject, name: string, v: any): void {
        const lname = name.toLowerCase();
        const p = this.propOf(obj.cls, lname);
        if (p) return this.setProp(obj, p, lname, v);
        const t = this.instanceFieldType(obj.cls, lname);
        obj.fields.set(lname, t ? this.coerce(v, t) : v);
    }

    instantiate(cls: ClassInfo, args: any[]): ApexObject {
        if (cls.kind === 'interface' || cls.mods.includes('abstract')) {
            throw new UnsupportedError(`instantiating abstract type ${cls.name}`);
        }
        if (cls.kind === 'enum') throw new UnsupportedError(`new on enum ${cls.name}`);
        this.staticStore(cls);
        const obj = new ApexObject(cls);
        if (cls.isException) obj.native = this.newExceptionState(null, null);
        this.runCtor(cls, obj, args);
        return obj;
    }

    private runCtor(cls: ClassInfo, obj: ApexObject, args: any[]): void {
        if (!cls.decl) {
            // built-in base: Exception (implicit constructors) or Object
            if (cls.isException) this.exceptionCtor(obj, args);
            return;
        }
        const ctor = this.selectOverload(cls.ctors, args, () => cls);
        if (!ctor) {
            if (cls.ctors.length === 0 || cls.isException) {
                if (cls.isException && args.length > 0) {
                    if (cls.parent) this.runCtorNoArgsChain(cls.parent, obj);
                    this.initObjectFields(cls, obj);
                    this.exceptionCtor(obj, args);
                    return;
                }
                if (args.length === 0) {
                    if (cls.parent) this.runCtor(cls.parent, obj, []);
                    this.initObjectFields(cls, obj);
                    return;
                }
            }
            throw new UnsupportedError(`constructor ${cls.name}(${args.length} arguments) not found`);
        }
        const f = new Frame(cls, obj, '<init>');
        f.line = ctor.ln;
        this.pushFrame(f);
        try {
            this.bindParams(f, ctor.params, args, cls);
            const stmts = ctor.body.stmts;
            let start = 0;
            const first = stmts[0];
            if (first && first.k === 'expr' && first.e.k === 'ctorcall') {
                start = 1;
                f.line = first.ln;
                this.hit(cls, first.ln);
                const cargs = first.e.args.map((a) => this.eval(a, f));
                if (first.e.which === 'this') {
                    this.runCtor(cls, obj, cargs);
                } else {
                    if (cls.parent) this.runCtor(cls.parent, obj, cargs);
                    else if (cls.nativeSupers.length) throw new UnsupportedError(`super() of standard type ${cls.nativeSupers[0]}`);
                    this.initObjectFields(cls, obj);
                }
            } else {
                if (cls.parent) this.runCtor(cls.parent, obj, []);
                this.initObjectFields(cls, obj);
            }
            f.scopes.push(null);
            for (let i = start; i < stmts.length; i++) {
                const r = this.execStmt(stmts[i], f);
                if (r === RETURN) break;
            }
        } finally {
            this.popFrame();
        }
    }

    private runCtorNoArgsChain(cls: ClassInfo, obj: ApexObject): void {
        if (!cls.decl) return;
        if (cls.parent) this.runCtorNoArgsChain(cls.parent, obj);
        this.initObjectFields(cls, obj);
    }

    private exceptionCtor(obj: ApexObject, args: any[]): void {
        const st = obj.native as ExceptionState;
        if (args.length === 0) return;
        if (args.length === 1) {
            const a = args[0];
            if (a instanceof ApexObject && a.cls.isException) {
                st.cause = a;
                st.message = `${a.cls.name}: ${(a.native as ExceptionState).message ?? ''}`;
            } else st.message = a === null ? null : toApexString(a, (o) => this.objToString(o));
            return;
        }
        if (args.length === 2) {
            st.message = args[0] === null ? null : toApexString(args[0]);
            st.cause = args[1];
            return;
        }
        throw new UnsupportedError(`exception constructor with ${args.length} arguments`);
    }

    // ------------------------------------------------------------------ invocation

    private ticks = 0;
    /** Wall-clock budget of one transaction before the hang guard throws (ms). */
    cpuBudgetMs = 120_000;

    /**
     * Hang guard: the platform stops a transaction after 10 s (sync) / 60 s (async) of CPU. The interpreter is much
     * slower than the platform, so it only stops transactions that run for `cpuBudgetMs` of wall-clock time.
     */
    tick(): void {
        if ((++this.ticks & 1023) !== 0) return;
        const start = this.rt?.tx.limits.cpuStart;
        if (start !== undefined && Date.now() - start > this.cpuBudgetMs) {
            const e = this.makeException('System.LimitException', 'Apex CPU time limit exceeded');
            (e.native as ExceptionState).uncatchable = true;
            throw new ApexError(e);
        }
    }

    pushFrame(f: Frame): void {
        this.tick();
        if (this.frames.length >= MAX_DEPTH) {
            const e = this.makeException('System.LimitException', `Maximum stack depth reached: ${MAX_DEPTH + 1}`);
            (e.native as ExceptionState).uncatchable = true;
            throw new ApexError(e);
        }
        this.frames.push(f);
    }

    popFrame(): void {
        this.frames.pop();
    }

    private bindParams(f: Frame, params: ParamDecl[], args: any[], cls: ClassInfo): void {
        for (let i = 0; i < params.length; i++) {
            const t = this.resolveType(params[i].type, cls);
            f.declare(params[i].name.toLowerCase(), this.coerce(args[i], t), t);
        }
    }

    /** Static types of the arguments of the user-code call being dispatched (set by evalCall, consumed here). */
    private pendingArgStatic: (RType | null)[] | null = null;

    /**
     * Picks the best overload for the arguments: by runtime types, except that an argument whose declared (static)
     * type is Object only matches an Object parameter, as the compiler decides.
     */
    selectOverload<T extends { params: ParamDecl[] }>(cands: T[], args: any[], owner?: (c: T) => ClassInfo): T | null {
        const statics = this.pendingArgStatic;
        this.pendingArgStatic = null;
        let best: T | null = null;
        let bestScore = -1;
        for (const c of cands) {
            if (c.params.length !== args.length) continue;
            if (cands.length === 1) return c;
            let score = 0;
            let ok = true;
            const ctx = owner ? owner(c) : null;
            for (let i = 0; i < args.length; i++) {
                const pt = this.resolveType(c.params[i].type, ctx ?? this.declaringClass(c));
                const st = statics?.[i];
                if (st && st.k === 'any' && pt.k !== 'any') {
                    ok = false;
                    break;
                }
                const s = this.argScore(args[i], pt);
                if (s < 0) {
                    ok = false;
                    break;
                }
                score += s;
            }
            if (ok && score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private declaringClass(c: any): ClassInfo | null {
        for (const ci of this.allClasses) {
            if (ci.ctors.includes(c)) return ci;
            const ms = ci.decl && 'members' in ci.decl ? ci.decl.members : [];
            if (ms.includes(c)) return ci;
        }
        return null;
    }

    private argScore(v: any, t: RType): number {
        if (v === null || v === undefined) return 1;
        if (t.k === 'any') return 1;
        if (t.k === 'prim') {
            const k = numKind(v);
            if (k >= 0) {
                const want = { integer: 0, long: 1, double: 2, decimal: 3 }[t.n as 'integer'];
                if (want === undefined) return -1;
                if (want === k) return 4;
                return want > k ? 2 : -1;
            }
            if (t.n === 'id' && typeof v === 'string') return isValidId(v) ? 3 : -1;
            if (t.n === 'string' && typeof v === 'string') return 3;
        }
        if (!this.isInstance(v, t)) return -1;
        if (t.k === 'sobject' && t.name === null) return 2;
        return 3;
    }

    /** Invokes a user-defined method. */
    invoke(m: MethodInfo, self: ApexObject | null, args: any[], direct = false): any {
        const d: MethodDecl = m.decl;
        if (!direct && m.isStatic && d.annos.some((a) => a.name === 'future')) {
            const fut = this.rt.extensions.get('futureCall');
            if (!fut) throw new UnsupportedError('@future method call');
            return fut(m, args);
        }
        if (!d.body) throw new UnsupportedError(`abstract method ${m.owner.name}.${d.name} has no implementation`);
        if (m.isStatic) this.staticStore(m.owner);
        const f = new Frame(m.owner, m.isStatic ? null : self, d.name);
        f.line = d.ln;
        this.pushFrame(f);
        try {
            this.bindParams(f, d.params, args, m.owner);
            this.execBlock(d.body, f);
            const ret = f.ret;
            if (d.ret === null) return null;
            return this.coerce(ret, this.resolveType(d.ret, m.owner));
        } finally {
            this.popFrame();
        }
    }

    /** Finds and calls an instance method by name on an object of a user class (virtual dispatch). */
    callMethod(obj: ApexObject, name: string, args: any[]): any {
        const lname = name.toLowerCase();
        if (obj.native && obj.native.stubProvider) return this.callStub(obj, name, args);
        const cands = obj.cls.findMethods(lname).filter((m) => m.decl.params.length === args.length && !m.isAbstract);
        const m = this.selectOverload(cands.map((c) => ({ params: c.decl.params, m: c })), args, (c) => c.m.owner);
        if (m) return this.invoke(m.m, obj, args);
        return this.objectBuiltinMethod(obj, lname, args);
    }

    /** Test.createStub: every instance method call goes to StubProvider.handleMethodCall (Apex Reference "StubProvider Interface"). */
    private callStub(obj: ApexObject, name: string, args: any[]): any {
        const cands = obj.cls.findMethods(name.toLowerCase()).filter((m) => m.decl.params.length === args.length && !m.isStatic);
        const m = this.selectOverload(cands.map((c) => ({ params: c.decl.params, m: c })), args, (c) => c.m.owner);
        if (!m) throw new UnsupportedError(`stubbed method ${obj.cls.name}.${name}(${args.length} arguments) not found`);
        const d = m.m.decl;
        const retType = d.ret ? this.resolveType(d.ret, m.m.owner) : VOID;
        const ptypes = d.params.map((p) => new ApexTypeValue(this.resolveType(p.type, m.m.owner)));
        const res = this.callAny(obj.native.stubProvider, 'handleMethodCall', [
            obj,
            d.name,
            new ApexTypeValue(retType),
            new ApexList({ k: 'native', name: 'System.Type' }, ptypes),
            new ApexList(prim('string'), d.params.map((p) => p.name)),
            new ApexList(ANY, args),
        ]);
        return d.ret ? this.coerce(res, retType) : null;
    }

    hasMethod(obj: ApexObject, name: string, arity: number): boolean {
        return obj.cls.findMethods(name.toLowerCase()).some((m) => m.decl.params.length === arity && !m.isAbstract);
    }

    private objectBuiltinMethod(obj: ApexObject, lname: string, args: any[]): any {
        if (obj.cls.isException) return this.rt.exceptionMethod(obj, lname, args);
        switch (lname) {
            case 'tostring':
                if (args.length === 0) return this.objToString(obj);
                break;
            case 'equals':
                if (args.length === 1) return obj === args[0];
                break;
            case 'hashcode':
                if (args.length === 0) return this.identityHash(obj);
                break;
        }
        throw new UnsupportedError(`method ${obj.cls.name}.${lname}(${args.length} arguments) not found`);
    }

    private hashes = new WeakMap<object, number>();
    private nextHash = 1;
    identityHash(o: object): number {
        let h = this.hashes.get(o);
        if (h === undefined) {
            h = (this.nextHash++ * 2654435761) | 0;
            this.hashes.set(o, h);
        }
        return h;
    }

    objToString(o: ApexObject): string {
        if (o.cls.isException) {
            const st = o.native as ExceptionState;
            return `${o.cls.name}: ${st.message ?? ''}`;
        }
        if (o.cls.findMethods('tostring').some((m) => m.decl.params.length === 0 && !m.isAbstract)) {
            return toApexString(this.callMethod(o, 'toString', []));
        }
        const parts = [...o.fields.entries()].map(([k, v]) => `${this.fieldDisplayName(o.cls, k)}=${toApexString(v, (x) => this.objToString(x))}`);
        return `${o.cls.name}:[${parts.join(', ')}]`;
    }

    fieldDisplayName(cls: ClassInfo, lname: string): string {
        for (let c: ClassInfo | null = cls; c; c = c.parent) {
            if (!c.decl) continue;
            for (const m of c.decl.members) {
                if (m.k === 'field') for (const d of m.decls) if (d.name.toLowerCase() === lname) return d.name;
                if (m.k === 'prop' && m.name.toLowerCase() === lname) return m.name;
            }
        }
        return lname;
    }

    /** Apex `==` including user-defined equals(). */
    equalsValues(a: any, b: any): boolean {
        return looseEquals(a, b, (x, y) => {
            if (x.cls.findMethods('equals').some((m) => m.decl.params.length === 1 && !m.isAbstract)) {
                return this.callMethod(x, 'equals', [y]) === true;
            }
            return x === y;
        });
    }

    str(v: any): string {
        return toApexString(v, (o) => this.objToString(o));
    }

    // ------------------------------------------------------------------ coverage

    hit(cls: ClassInfo | null, ln: number): void {
        if (!this.coverage || !cls) return;
        let s = this.coverage.get(cls.file);
        if (!s) {
            s = new Set();
            this.coverage.set(cls.file, s);
        }
        s.add(ln);
    }

    // ------------------------------------------------------------------ statements

    execBlock(b: Block, f: Frame): Signal {
        f.scopes.push(null);
        try {
            const stmts = b.stmts;
            for (let i = 0; i < stmts.length; i++) {
                const r = this.execStmt(stmts[i], f);
                if (r !== NORMAL) return r;
            }
            return NORMAL;
        } finally {
            f.scopes.pop();
        }
    }

    execStmt(s: Stmt, f: Frame): Signal {
        f.line = s.ln;
        if (this.coverage) this.hit(f.cls, s.ln);
        switch (s.k) {
            case 'block':
                return this.execBlock(s, f);
            case 'expr':
                this.eval(s.e, f);
                return NORMAL;
            case 'local': {
                const t = this.resolveType(s.type, f.cls);
                for (const d of s.decls) {
                    const v = d.init ? this.coerce(this.eval(d.init, f), t) : null;
                    f.declare(d.name.toLowerCase(), v, t);
                }
                return NORMAL;
            }
            case 'if': {
                const c = this.eval(s.c, f);
                if (c === null) this.npe();
                if (c === true) return this.execStmt(s.then, f);
                if (s.else) return this.execStmt(s.else, f);
                return NORMAL;
            }
            case 'return':
                f.ret = s.e ? this.eval(s.e, f) : null;
                return RETURN;
            case 'throw': {
                const v = this.eval(s.e, f);
                if (v === null) this.npe();
                if (!(v instanceof ApexObject) || !v.cls.isException) throw new UnsupportedError('throwing a non-exception value');
                throw new ApexError(v);
            }
            case 'break':
                return BREAK;
            case 'continue':
                return CONTINUE;
            case 'for':
                return this.execFor(s, f);
            case 'foreach':
                return this.execForeach(s, f);
            case 'while':
                for (;;) {
                    this.tick();
                    const c = this.eval(s.c, f);
                    if (c === null) this.npe();
                    if (!c) return NORMAL;
                    const r = this.execStmt(s.body, f);
                    if (r === BREAK) return NORMAL;
                    if (r === RETURN) return r;
                    f.line = s.ln;
                }
            case 'do':
                for (;;) {
                    this.tick();
                    const r = this.execStmt(s.body, f);
                    if (r === BREAK) return NORMAL;
                    if (r === RETURN) return r;
                    f.line = s.ln;
                    const c = this.eval(s.c, f);
                    if (c === null) this.npe();
                    if (!c) return NORMAL;
                }
            case 'try':
                return this.execTry(s, f);
            case 'switch':
                return this.execSwitch(s, f);
            case 'dml':
                this.rt.dmlStatement(s.op, this.eval(s.e, f), s, s.e2 ? this.eval(s.e2, f) : null);
                return NORMAL;
            case 'runas': {
                const args = s.args.map((a) => this.eval(a, f));
                return this.rt.runAs(args, () => this.execBlock(s.body, f));
            }
            case 'unsupported':
                throw new UnsupportedError(s.what);
        }
    }

    private execFor(s: StmtOf<'for'>, f: Frame): Signal {
        f.scopes.push(null);
        try {
            if (s.init) this.execStmt(s.init, f);
            for (const e of s.initExprs) this.eval(e, f);
            for (;;) {
                this.tick();
                if (s.cond) {
                    const c = this.eval(s.cond, f);
                    if (c === null) this.npe();
                    if (!c) break;
                }
                const r = this.execStmt(s.body, f);
                if (r === BREAK) break;
                if (r === RETURN) return r;
                f.line = s.ln;
                for (const u of s.update) this.eval(u, f);
            }
            return NORMAL;
        } finally {
            f.scopes.pop();
        }
    }

    private execForeach(s: StmtOf<'foreach'>, f: Frame): Signal {
        const t = this.resolveType(s.type, f.cls);
        const it = this.eval(s.iter, f);
        if (it === null) this.npe();
        let items: any[];
        if (it instanceof ApexList) {
            if (s.iter.k === 'soql' && t.k === 'list') {
                items = [];
                for (let i = 0; i < it.items.length; i += 200) items.push(new ApexList(it.el, it.items.slice(i, i + 200)));
            } else items = it.items.slice();
        } else if (it instanceof ApexSet) items = it.values();
        else if (it instanceof ApexObject) return this.iterateUser(it, s, f, t);
        else throw new UnsupportedError(`for-each over ${typeName(this.typeOf(it))}`);
        const lname = s.name.toLowerCase();
        const iterated = it instanceof ApexList || it instanceof ApexSet ? it : null;
        if (iterated) iterated.iterating++;
        f.scopes.push(null);
        try {
            for (const v of items) {
                f.declare(lname, this.coerce(v, t), t);
                const r = this.execStmt(s.body, f);
                if (r === BREAK) break;
                if (r === RETURN) return r;
                f.line = s.ln;
            }
            return NORMAL;
        } finally {
            f.scopes.pop();
            if (iterated) iterated.iterating--;
        }
    }

    private iterateUser(it: ApexObject, s: StmtOf<'foreach'>, f: Frame, t: RType): Signal {
        let iter: any = it;
        if (this.hasMethod(it, 'iterator', 0)) iter = this.callMethod(it, 'iterator', []);
        const lname = s.name.toLowerCase();
        f.scopes.push(null);
        try {
            for (;;) {
                const more = this.callAny(iter, 'hasNext', []);
                if (!more) break;
                const v = this.callAny(iter, 'next', []);
                f.declare(lname, this.coerce(v, t), t);
                const r = this.execStmt(s.body, f);
                if (r === BREAK) break;
                if (r === RETURN) return r;
            }
            return NORMAL;
        } finally {
            f.scopes.pop();
        }
    }

    private execTry(s: StmtOf<'try'>, f: Frame): Signal {
        const depth = f.scopes.length;
        const frameDepth = this.frames.length;
        let result: Signal = NORMAL;
        try {
            result = this.execBlock(s.body, f);
        } catch (e) {
            const ae = this.toApexError(e);
            if (!ae || ae.state.uncatchable) throw ae ?? e;
            this.frames.length = frameDepth;
            f.scopes.length = depth;
            let handled = false;
            for (const c of s.catches) {
                const t = this.resolveType(c.type, f.cls);
                if (this.isInstance(ae.obj, t) || (t.k === 'class' && t.cls === this.exceptionBase)) {
                    handled = true;
                    f.scopes.push(new Map([[c.name.toLowerCase(), { v: ae.obj, t }]]));
                    try {
                        f.line = c.ln;
                        this.hit(f.cls, c.ln);
                        result = this.execBlock(c.body, f);
                    } finally {
                        f.scopes.length = depth;
                    }
                    break;
                }
            }
            if (!handled) throw ae;
        } finally {
            if (s.fin) {
                f.scopes.length = depth;
                const r = this.execBlock(s.fin, f);
                if (r !== NORMAL) result = r;
            }
        }
        return result;
    }

    private execSwitch(s: StmtOf<'switch'>, f: Frame): Signal {
        const v = this.eval(s.e, f);
        for (const w of s.whens) {
            let match = false;
            if (w.kind === 'else') match = true;
            else if (w.kind === 'type') {
                const t = this.resolveType(w.type!, f.cls);
                if (this.isInstance(v, t)) {
                    f.scopes.push(new Map([[w.varName!.toLowerCase(), { v, t }]]));
                    try {
                        return this.execBlock(w.body, f);
                    } finally {
                        f.scopes.pop();
                    }
                }
                continue;
            } else {
                for (const we of w.values) {
                    if ((v === null || v instanceof ApexEnumValue) && (we.k === 'id' || we.k === 'dot')) {
                        if (v !== null && v.name.toLowerCase() === we.name.toLowerCase()) match = true;
                    } else {
                        const wv = this.eval(we, f);
                        if (wv === null ? v === null : typeof v === 'string' ? v === wv : this.equalsValues(v, wv)) match = true;
                    }
                    if (match) break;
                }
            }
            if (match) return this.execBlock(w.body, f);
        }
        return NORMAL;
    }

    // ------------------------------------------------------------------ expressions

    eval(e: Expr, f: Frame): any {
        switch (e.k) {
            case 'lit':
                return this.literal(e);
            case 'id':
                return this.evalId(e, f);
            case 'this':
                return f.self;
            case 'super':
                return f.self;
            case 'dot': {
                const r = this.evalDot(e, f);
                return r === SHORT ? null : r;
            }
            case 'call': {
                if (e.col) f.col = e.col;
                const r = this.evalCall(e, f);
                return r === SHORT ? null : r;
            }
            case 'index': {
                const r = this.evalIndex(e, f);
                return r === SHORT ? null : r;
            }
            case 'new':
                return this.evalNew(e, f);
            case 'assign':
                return this.evalAssign(e, f);
            case 'bin':
                return this.evalBin(e, f);
            case 'unary': {
                const v = this.eval(e.e, f);
                switch (e.op) {
                    case '!':
                        if (v === null) this.npe();
                        return !v;
                    case '-':
                        return this.wrapPlatform(() => negate(v));
                    case '+':
                        return v;
                    case '~':
                        if (typeof v === 'number') return ~v;
                        if (typeof v === 'bigint') return ~v;
                        this.npe();
                }
                throw new UnsupportedError(`unary ${e.op}`);
            }
            case 'incdec': {
                const old = this.eval(e.e, f);
                if (old === null) this.npe();
                const nv = this.wrapPlatform(() => arith(e.op === '++' ? '+' : '-', old, 1));
                this.assignTo(e.e, nv, f);
                return e.post ? old : nv;
            }
            case 'cond': {
                const c = this.eval(e.c, f);
                if (c === null) this.npe();
                return c ? this.eval(e.a, f) : this.eval(e.b, f);
            }
            case 'cast': {
                const v = this.eval(e.e, f);
                const t = this.resolveType(e.type, f.cls);
                if (v === null) return null;
                if (t.k === 'prim' && numKind(v) >= 0 && this.staticallyNumeric(e.e, f)) return this.numericCast(v, t.n);
                if (!this.isInstance(v, t)) {
                    if (e.col) f.col = e.col;
                    this.throwApex(
                        'System.TypeException',
                        `Invalid conversion from runtime type ${typeName(this.typeOf(v))} to ${typeName(t)}`,
                    );
                }
                return this.coerce(v, t);
            }
            case 'instanceof': {
                const v = this.eval(e.e, f);
                return this.isInstance(v, this.resolveType(e.type, f.cls));
            }
            case 'classlit':
                return new ApexTypeValue(e.type ? this.resolveType(e.type, f.cls) : VOID);
            case 'soql':
                return this.wrapPlatform(() => this.rt.soql(e, f));
            case 'ctorcall':
                throw new UnsupportedError('this()/super() outside the first statement of a constructor');
            case 'unsupported':
                throw new UnsupportedError(e.what);
        }
    }

    /** True when an expression's static type is numeric (then a cast converts rather than checks). */
    private staticallyNumeric(e: Expr, f: Frame): boolean {
        switch (e.k) {
            case 'lit':
                return e.t === 'int' || e.t === 'long' || e.t === 'dec';
            case 'bin':
                // the value being cast is already known to be numeric, so an arithmetic expression is numeric
                return ['-', '*', '/'].includes(e.op) || (e.op === '+' && this.staticallyNumeric(e.l, f));
            case 'unary':
                return this.staticallyNumeric(e.e, f);
            case 'cast': {
                const t = this.resolveType(e.type, f.cls);
                return t.k === 'prim' && ['integer', 'long', 'double', 'decimal'].includes(t.n);
            }
            case 'id': {
                const v = f.lookup(e.name.toLowerCase());
                const t = v ? v.t : f.cls ? this.staticFieldTypeByName(f, e.name.toLowerCase()) : null;
                return !!t && t.k === 'prim' && ['integer', 'long', 'double', 'decimal'].includes(t.n);
            }
            case 'call': {
                const l = e.name.toLowerCase();
                if (e.obj && e.obj.k === 'id' && e.obj.name.toLowerCase() === 'math') return true;
                if (!e.obj && f.cls) {
                    const m = f.cls.findMethods(l).find((x) => x.decl.params.length === e.args.length);
                    if (m && m.decl.ret) {
                        const t = this.resolveType(m.decl.ret, m.owner);
                        return t.k === 'prim' && ['integer', 'long', 'double', 'decimal'].includes(t.n);
                    }
                }
                return ['intvalue', 'longvalue', 'doublevalue', 'round', 'setscale', 'abs', 'divide', 'gettime', 'size', 'length'].includes(l);
            }
            case 'cond':
                return this.staticallyNumeric(e.a, f) && this.staticallyNumeric(e.b, f);
        }
        return false;
    }

    private staticFieldTypeByName(f: Frame, lname: string): RType | null {
        if (f.self) {
            const t = this.instanceFieldType(f.self.cls, lname);
            if (t) return t;
        }
        const owner = f.cls ? this.findStaticOwner(f.cls, lname) : null;
        return owner ? this.staticFieldType(owner, lname) : null;
    }

    private numericCast(v: any, n: string): any {
        switch (n) {
            case 'integer':
                return Math.trunc(toJsNumber(v)) | 0;
            case 'long':
                return v instanceof Decimal ? v.longValue() : typeof v === 'bigint' ? v : BigInt(Math.trunc(toJsNumber(v)));
            case 'double':
                return new ApexDouble(toJsNumber(v));
            case 'decimal':
                return toDecimal(v);
        }
        throw new UnsupportedError(`cast to ${n}`);
    }

    private evalIndex(e: ExprOf<'index'>, f: Frame): any {
        const o = this.evalTarget(e.obj, f);
        if (o === SHORT) return SHORT;
        if (o instanceof TypeHandle) throw new UnsupportedError(`index on type ${o.name}`);
        const i = this.eval(e.idx, f);
        if (o === null) this.npe();
        if (o instanceof ApexList) return this.listGet(o, i);
        if (o instanceof ApexMap) return o.get(i);
        throw new UnsupportedError(`index on ${typeName(this.typeOf(o))}`);
    }

    wrapPlatform<T>(fn: () => T): T {
        try {
            return fn();
        } catch (err) {
            const ae = this.toApexError(err);
            if (ae) throw ae;
            throw err;
        }
    }

    private literal(e: ExprOf<'lit'>): any {
        switch (e.t) {
            case 'int':
                if ((e.v as number) > 2147483647 || (e.v as number) < -2147483648) return e.v;
                return e.v;
            case 'long':
                return BigInt(e.v as string);
            case 'dec': {
                const c = (e as any)._c;
                if (c !== undefined) return c;
                const s = e.v as string;
                const v = s.startsWith('d:') ? new ApexDouble(parseFloat(s.slice(2))) : Decimal.parse(s);
                Object.defineProperty(e, '_c', { value: v, enumerable: false });
                return v;
            }
            default:
                return e.v;
        }
    }

    listGet(l: ApexList, i: any): any {
        if (i === null) this.npe();
        const n = toJsNumber(i);
        if (n < 0 || n >= l.items.length) this.throwApex('System.ListException', `List index out of bounds: ${n}`);
        return l.items[n];
    }

    // ----- names

    private evalId(e: ExprOf<'id'>, f: Frame): any {
        const r = this.lookupName(e.name, f);
        if (r instanceof TypeHandle) throw new UnsupportedError(`type name ${e.name} used as a value`);
        return r;
    }

    /** Resolves a simple name to a value, or a TypeHandle when it names a type. */
    lookupName(name: string, f: Frame): any {
        const lname = name.toLowerCase();
        const v = f.lookup(lname);
        if (v !== undefined) return v.v;
        const self = f.self;
        if (f.propName === lname) {
            if (self && self.fields.has(lname)) return self.fields.get(lname);
            if (f.cls) {
                const st = this.findStaticOwner(f.cls, lname);
                if (st) return this.staticStore(st).get(lname);
            }
        }
        if (self) {
            const p = this.propOf(self.cls, lname);
            if (p && !p.prop.mods.includes('static')) return this.getProp(self, p, lname);
            if (self.fields.has(lname)) return self.fields.get(lname);
        }
        if (f.cls) {
            const owner = this.findStaticOwner(f.cls, lname);
            if (owner) return this.getStatic(owner, lname);
        }
        if (lname === 'trigger' || lname === 'system') {
            // fall through to types
        }
        const h = this.findTypeHandle(name, f.cls);
        if (h) return h;
        throw new UnsupportedError(`variable or type '${name}' not found`);
    }

    private findStaticOwner(cls: ClassInfo, lname: string): ClassInfo | null {
        for (let c: ClassInfo | null = cls; c; c = c.outer) {
            for (let p: ClassInfo | null = c; p; p = p.parent) {
                if (p.staticFieldNames.has(lname)) return p;
                const pr = p.props.get(lname);
                if (pr && pr.mods.includes('static')) return p;
                if (p.kind === 'enum' && p.enumValues.some((x) => x.toLowerCase() === lname)) return p;
            }
        }
        return null;
    }

    propOf(cls: ClassInfo, lname: string): { prop: import('./ast.js').PropDecl; owner: ClassInfo } | null {
        let m = this.propCache.get(cls);
        if (!m) {
            m = new Map();
            this.propCache.set(cls, m);
        }
        let r = m.get(lname);
        if (r === undefined) {
            r = cls.findProp(lname);
            m.set(lname, r);
        }
        return r;
    }

    private getProp(self: ApexObject | null, p: { prop: import('./ast.js').PropDecl; owner: ClassInfo }, lname: string): any {
        const g = p.prop.getter;
        if (!g || !g.body) {
            if (!g && p.prop.setter?.body) {
                // write-only property
                throw new UnsupportedError(`reading property ${p.prop.name} without a getter`);
            }
            return self && !p.prop.mods.includes('static') ? self.fields.get(lname) : this.staticStore(p.owner).get(lname);
        }
        const f = new Frame(p.owner, p.prop.mods.includes('static') ? null : self, `${p.prop.name}`);
        f.propName = lname;
        f.line = g.ln;
        this.pushFrame(f);
        try {
            this.execBlock(g.body, f);
            return this.coerce(f.ret, this.resolveType(p.prop.type, p.owner));
        } finally {
            this.popFrame();
        }
    }

    private setProp(self: ApexObject | null, p: { prop: import('./ast.js').PropDecl; owner: ClassInfo }, lname: string, v: any): void {
        const t = this.resolveType(p.prop.type, p.owner);
        v = this.coerce(v, t);
        const s = p.prop.setter;
        const isStatic = p.prop.mods.includes('static');
        if (!s || !s.body) {
            if (isStatic) this.staticStore(p.owner).set(lname, v);
            else self!.fields.set(lname, v);
            return;
        }
        const f = new Frame(p.owner, isStatic ? null : self, `${p.prop.name}`);
        f.propName = lname;
        f.line = s.ln;
        f.declare('value', v, t);
        this.pushFrame(f);
        try {
            this.execBlock(s.body, f);
        } finally {
            this.popFrame();
        }
    }

    getStatic(owner: ClassInfo, lname: string): any {
        const p = owner.props.get(lname);
        if (p && p.getter?.body) return this.getProp(null, { prop: p, owner }, lname);
        return this.staticStore(owner).get(lname);
    }

    private setStatic(owner: ClassInfo, lname: string, v: any): void {
        const p = owner.props.get(lname);
        if (p) return this.setProp(null, { prop: p, owner }, lname, v);
        const t = this.staticFieldType(owner, lname);
        this.staticStore(owner).set(lname, t ? this.coerce(v, t) : v);
    }

    private staticFieldType(owner: ClassInfo, lname: string): RType | null {
        for (const m of owner.staticMembers) {
            if (m.k === 'field' && m.decls.some((d) => d.name.toLowerCase() === lname)) return this.resolveType(m.type, owner);
        }
        return null;
    }

    private instanceFieldType(cls: ClassInfo, lname: string): RType | null {
        for (let c: ClassInfo | null = cls; c; c = c.parent) {
            for (const m of c.instanceMembers) {
                if (m.k === 'field' && m.decls.some((d) => d.name.toLowerCase() === lname)) return this.resolveType(m.type, c);
            }
        }
        return null;
    }

    /** Evaluates an expression that may denote a type (for `Type.member` chains). */
    evalTarget(e: Expr, f: Frame): any {
        if (e.k === 'id') return this.lookupName(e.name, f);
        if (e.k === 'dot') {
            if (e.obj.k === 'soql') return this.evalDot(e, f);
            const o = this.evalTarget(e.obj, f);
            if (o instanceof TypeHandle) return this.staticMember(o, e.name, f);
            return this.memberOf(o, e, f);
        }
        // calls and index expressions keep a safe-navigation short circuit (SHORT) flowing along the chain
        if (e.k === 'call') return this.evalCall(e, f);
        if (e.k === 'index') return this.evalIndex(e, f);
        return this.eval(e, f);
    }

    private evalDot(e: ExprOf<'dot'>, f: Frame): any {
        if (e.obj.k === 'soql') {
            // [SELECT ...].Field: the query must return exactly one row; [SELECT ...]?.Field is null for no rows
            const rows = this.eval(e.obj, f);
            if (e.safe && rows instanceof ApexList && rows.items.length === 0) return SHORT;
            return this.memberOf(rows instanceof ApexList ? this.coerce(rows, { k: 'sobject', name: null }) : rows, e, f);
        }
        const o = this.evalTarget(e.obj, f);
        if (o instanceof TypeHandle) {
            const r = this.staticMember(o, e.name, f);
            if (r instanceof TypeHandle) throw new UnsupportedError(`type ${r.name} used as a value`);
            return r;
        }
        return this.memberOf(o, e, f);
    }

    private memberOf(o: any, e: ExprOf<'dot'>, f: Frame): any {
        if (o === SHORT) return SHORT;
        if (o === null || o === undefined) {
            if (e.safe) return SHORT;
            if (e.col) f.col = e.col;
            this.npe();
        }
        const lname = e.name.toLowerCase();
        if (o instanceof ApexObject) {
            const p = this.propOf(o.cls, lname);
            if (p) return this.getProp(o, p, lname);
            if (o.fields.has(lname)) return o.fields.get(lname);
            const owner = this.findStaticOwner(o.cls, lname);
            if (owner) return this.getStatic(owner, lname);
            throw new UnsupportedError(`field ${o.cls.name}.${e.name}`);
        }
        if (isSObject(o)) return this.wrapPlatform(() => this.rt.sobjectGet(o, e.name));
        return this.wrapPlatform(() => this.rt.nativeProp(o, lname, e.name));
    }

    /** `Type.name`: static field/property, enum value, inner type, or a standard-library static. */
    staticMember(h: TypeHandle, name: string, f: Frame): any {
        const lname = name.toLowerCase();
        if (h.kind === 'class' && h.cls) {
            const owner = this.findStaticOwner(h.cls, lname);
            if (owner) return this.getStatic(owner, lname);
            const inner = this.memberType(h, lname);
            if (inner) return inner;
            throw new UnsupportedError(`static member ${h.cls.name}.${name}`);
        }
        if (h.kind === 'sobject') return this.wrapPlatform(() => this.rt.sobjectStatic(h.name, name));
        const nt = this.natives.getByKey(h.name)!;
        const sub = this.memberType(h, lname);
        if (sub) return sub;
        if (nt.getStatic) {
            const v = this.wrapPlatform(() => nt.getStatic!(this.rt, lname, name));
            if (v !== undefined) return v;
        }
        if (nt.enumValues) {
            const idx = nt.enumValues.findIndex((x) => x.toLowerCase() === lname);
            if (idx >= 0) return this.natives.enumValue(nt, idx);
        }
        void f;
        throw new UnsupportedError(`${nt.name}.${name}`);
    }

    // ----- calls

    private evalArgs(args: Expr[], f: Frame): any[] {
        const out = new Array(args.length);
        for (let i = 0; i < args.length; i++) out[i] = this.eval(args[i], f);
        return out;
    }

    /** The declared type of an argument expression when it is directly known (locals, fields, casts, literals). */
    private argStaticType(e: Expr, f: Frame): RType | null {
        if (e.k === 'id') {
            const v = f.lookup(e.name.toLowerCase());
            if (v) return v.t;
            return f.cls ? this.staticFieldTypeByName(f, e.name.toLowerCase()) : null;
        }
        if (e.k === 'cast') return this.resolveType(e.type, f.cls);
        return null;
    }

    private withArgStatics<T>(e: ExprOf<'call'>, f: Frame, run: () => T): T {
        if (e.args.length === 0) return run();
        this.pendingArgStatic = e.args.map((a) => this.argStaticType(a, f));
        try {
            return run();
        } finally {
            this.pendingArgStatic = null;
        }
    }

    private evalCall(e: ExprOf<'call'>, f: Frame): any {
        const lname = e.name.toLowerCase();
        if (e.obj === null) {
            const args = this.evalArgs(e.args, f);
            return this.withArgStatics(e, f, () => this.callUnqualified(lname, e.name, args, f));
        }
        if (e.obj.k === 'super') {
            const args = this.evalArgs(e.args, f);
            const parent = f.cls?.parent;
            if (!parent) throw new UnsupportedError('super call without a superclass');
            if (!parent.decl) return this.objectBuiltinMethod(f.self!, lname, args);
            const cands = parent.findMethods(lname).filter((m) => m.decl.params.length === args.length && !m.isAbstract);
            const m = this.selectOverload(cands.map((c) => ({ params: c.decl.params, m: c })), args, (c) => c.m.owner);
            if (!m) return this.objectBuiltinMethod(f.self!, lname, args);
            return this.invoke(m.m, f.self, args);
        }
        if (lname === 'adderror' && e.obj.k === 'dot') {
            // field-level addError: record.Field__c.addError('message')
            const rec = this.evalTarget(e.obj.obj, f);
            if (isSObject(rec)) {
                const args = this.evalArgs(e.args, f);
                return this.rt.extensions.get('fieldAddError')(rec, e.obj.name, args);
            }
        }
        const target = this.evalTarget(e.obj, f);
        if (target === SHORT) return SHORT;
        if (target instanceof TypeHandle) {
            const args = this.evalArgs(e.args, f);
            if (e.col) f.col = e.col;
            if (target.kind === 'class') return this.withArgStatics(e, f, () => this.callStatic(target, lname, e.name, args));
            return this.callStatic(target, lname, e.name, args);
        }
        if (target === null || target === undefined) {
            if (e.safe) return SHORT;
            if (e.col) f.col = e.col;
            this.npe();
        }
        const args = this.evalArgs(e.args, f);
        if (e.col) f.col = e.col;
        if (target instanceof ApexObject) return this.withArgStatics(e, f, () => this.callMethod(target, e.name, args));
        return this.callAny(target, e.name, args);
    }

    /** Calls an instance method on any value (user object or standard-library value). */
    callAny(target: any, name: string, args: any[]): any {
        if (target === null || target === undefined) this.npe();
        if (target instanceof ApexObject) return this.callMethod(target, name, args);
        return this.wrapPlatform(() => this.rt.nativeMethod(target, name.toLowerCase(), name, args));
    }

    private callUnqualified(lname: string, name: string, args: any[], f: Frame): any {
        if (f.self) {
            const cands = f.self.cls.findMethods(lname).filter((m) => m.decl.params.length === args.length && !m.isAbstract);
            if (cands.length) {
                const m = this.selectOverload(cands.map((c) => ({ params: c.decl.params, m: c })), args, (c) => c.m.owner)!;
                if (m) return this.invoke(m.m, f.self, args);
            }
        }
        for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
            const cands = c.findMethods(lname).filter((m) => m.decl.params.length === args.length && !m.isAbstract);
            if (cands.length) {
                const m = this.selectOverload(cands.map((x) => ({ params: x.decl.params, m: x })), args, (x) => x.m.owner);
                if (m) return this.invoke(m.m, m.m.isStatic ? null : f.self, args);
            }
        }
        if (f.self && f.self.cls.isException) return this.rt.exceptionMethod(f.self, lname, args);
        throw new UnsupportedError(`method ${name}(${args.length} arguments) not found from ${f.cls?.name ?? 'anonymous'}`);
    }

    callStatic(h: TypeHandle, lname: string, name: string, args: any[]): any {
        if (h.kind === 'class' && h.cls) {
            const cls = h.cls;
            if (cls.kind === 'enum') {
                if (lname === 'values' && args.length === 0) {
                    return new ApexList({ k: 'class', cls }, this.enumValues(cls));
                }
                if (lname === 'valueof' && args.length === 1) {
                    const s = args[0];
                    if (s === null) return null;
                    const v = this.enumValues(cls).find((x) => x.name === s);
                    if (!v) this.throwApex('System.NoSuchElementException', `No enum constant ${cls.name}.${s}`);
                    return v;
                }
            }
            const cands = cls.findMethods(lname).filter((m) => m.decl.params.length === args.length && m.isStatic);
            const m = this.selectOverload(cands.map((c) => ({ params: c.decl.params, m: c })), args, (c) => c.m.owner);
            if (m) return this.invoke(m.m, null, args);
            throw new UnsupportedError(`static method ${cls.name}.${name}(${args.length} arguments) not found`);
        }
        if (h.kind === 'sobject') {
            // names such as Site are both an SObject and a System class with static methods
            const sys = this.natives.getByKey(`system.${h.name.toLowerCase()}`);
            const sfn = sys?.statics?.[lname];
            if (sfn) return this.wrapPlatform(() => sfn(this.rt, args));
            return this.wrapPlatform(() => this.rt.sobjectStaticCall(h.name, lname, args));
        }
        const nt: NativeType = this.natives.getByKey(h.name)!;
        const fn = nt.statics?.[lname];
        if (!fn) throw new UnsupportedError(`${nt.name}.${name}()`);
        return this.wrapPlatform(() => fn(this.rt, args));
    }

    // ----- new

    private evalNew(e: ExprOf<'new'>, f: Frame): any {
        const t = this.resolveType(e.type, f.cls);
        switch (t.k) {
            case 'list': {
                if (e.items) return new ApexList(t.el, e.items.map((x) => this.coerce(this.eval(x, f), t.el)));
                if (e.arrSize) {
                    const n = toJsNumber(this.eval(e.arrSize, f));
                    return new ApexList(t.el, new Array(n).fill(null));
                }
                const args = this.evalArgs(e.args ?? [], f);
                if (args.length === 0) return new ApexList(t.el, []);
                const src = args[0];
                if (src instanceof ApexList) return new ApexList(t.el, src.items.map((x) => this.coerce(x, t.el)));
                if (src instanceof ApexSet) return new ApexList(t.el, src.values().map((x) => this.coerce(x, t.el)));
                if (typeof src === 'number') return new ApexList(t.el, []);
                throw new UnsupportedError('List constructor argument');
            }
            case 'set': {
                const s = new ApexSet(t.el);
                if (e.items) for (const x of e.items) s.add(this.coerce(this.eval(x, f), t.el));
                else {
                    const args = this.evalArgs(e.args ?? [], f);
                    const src = args[0];
                    if (src instanceof ApexList) for (const x of src.items) s.add(this.coerce(x, t.el));
                    else if (src instanceof ApexSet) for (const x of src.values()) s.add(this.coerce(x, t.el));
                    else if (src !== undefined && typeof src !== 'number') throw new UnsupportedError('Set constructor argument');
                }
                return s;
            }
            case 'map': {
                const m = new ApexMap(t.key, t.val);
                if (e.pairs) for (const [k, v] of e.pairs) m.put(this.coerce(this.eval(k, f), t.key), this.coerce(this.eval(v, f), t.val));
                else if (e.items && e.items.length) throw new UnsupportedError('Map initializer');
                else {
                    const args = this.evalArgs(e.args ?? [], f);
                    const src = args[0];
                    if (src instanceof ApexMap) for (const [k, v] of src.map.values()) m.put(k, v);
                    else if (src instanceof ApexList) {
                        for (const r of src.items) {
                            if (!isSObject(r)) throw new UnsupportedError('Map constructor from a non-SObject list');
                            const id = r.get('Id');
                            if (id === null || id === undefined) this.throwApex('System.ListException', 'Row with null Id at index: ' + src.items.indexOf(r));
                            if (m.has(id)) this.throwApex('System.ListException', `Row with duplicate Id at index: ${src.items.indexOf(r)}`);
                            m.put(id, r);
                        }
                    } else if (src !== undefined && typeof src !== 'number') throw new UnsupportedError('Map constructor argument');
                }
                return m;
            }
            case 'sobject': {
                if (t.name === null) throw new UnsupportedError('new SObject()');
                const rec = this.wrapPlatform(() => this.rt.newSObject(t.name!));
                for (const a of e.args ?? []) {
                    if (a.k !== 'assign' || a.l.k !== 'id') throw new UnsupportedError('SObject constructor argument');
                    const v = this.eval(a.r, f);
                    this.wrapPlatform(() => this.rt.sobjectPut(rec, a.l.k === 'id' ? a.l.name : '', v));
                }
                return rec;
            }
            case 'class': {
                const args = this.evalArgs(e.args ?? [], f);
                if (!t.cls.decl && t.cls.isException) {
                    const obj = new ApexObject(t.cls);
                    obj.native = this.newExceptionState(null, null);
                    this.exceptionCtor(obj, args);
                    // the constructor's message goes to the Lightning client only; Apex sees this text until
                    // setMessage() is called
                    if (t.cls.name === 'System.AuraHandledException') (obj.native as ExceptionState).message = 'Script-thrown exception';
                    return obj;
                }
                return this.instantiate(t.cls, args);
            }
            case 'native': {
                const args = this.evalArgs(e.args ?? [], f);
                const nt = this.natives.get(t.name.toLowerCase());
                if (!nt || !nt.construct) throw new UnsupportedError(`new ${t.name}`);
                return this.wrapPlatform(() => nt.construct!(this.rt, args));
            }
            case 'prim':
                throw new UnsupportedError(`new ${typeName(t)}`);
            default:
                throw new UnsupportedError(`new ${typeName(t)}`);
        }
    }

    // ----- assignment

    private evalAssign(e: ExprOf<'assign'>, f: Frame): any {
        let v: any;
        if (e.op === '=') v = this.eval(e.r, f);
        else {
            const old = this.eval(e.l, f);
            const r = this.eval(e.r, f);
            const op = e.op.slice(0, -1);
            v = this.binaryOp(op, old, r);
        }
        return this.assignTo(e.l, v, f);
    }

    assignTo(l: Expr, v: any, f: Frame): any {
        switch (l.k) {
            case 'id': {
                const lname = l.name.toLowerCase();
                const local = f.lookup(lname);
                if (local) {
                    local.v = this.coerce(v, local.t);
                    return local.v;
                }
                const self = f.self;
                if (f.propName === lname) {
                    if (self && self.fields.has(lname)) {
                        self.fields.set(lname, v);
                        return v;
                    }
                    const st = f.cls && this.findStaticOwner(f.cls, lname);
                    if (st) {
                        this.staticStore(st).set(lname, v);
                        return v;
                    }
                }
                if (self) {
                    const p = this.propOf(self.cls, lname);
                    if (p && !p.prop.mods.includes('static')) {
                        this.setProp(self, p, lname, v);
                        return v;
                    }
                    if (self.fields.has(lname)) {
                        const t = this.instanceFieldType(self.cls, lname);
                        self.fields.set(lname, t ? this.coerce(v, t) : v);
                        return v;
                    }
                }
                const owner = f.cls && this.findStaticOwner(f.cls, lname);
                if (owner) {
                    this.setStatic(owner, lname, v);
                    return v;
                }
                throw new UnsupportedError(`assignment to unknown variable ${l.name}`);
            }
            case 'dot': {
                const o = this.evalTarget(l.obj, f);
                const lname = l.name.toLowerCase();
                if (o instanceof TypeHandle) {
                    if (o.kind === 'class' && o.cls) {
                        const owner = this.findStaticOwner(o.cls, lname);
                        if (owner) {
                            this.setStatic(owner, lname, v);
                            return v;
                        }
                    }
                    if (o.kind === 'native') {
                        const nt = this.natives.getByKey(o.name)!;
                        if (nt.setStatic) {
                            this.wrapPlatform(() => nt.setStatic!(this.rt, lname, v));
                            return v;
                        }
                    }
                    throw new UnsupportedError(`assignment to ${o.name}.${l.name}`);
                }
                if (o === null) {
                    if (l.col) f.col = l.col;
                    this.npe();
                }
                if (o instanceof ApexObject) {
                    const p = this.propOf(o.cls, lname);
                    if (p) {
                        this.setProp(o, p, lname, v);
                        return v;
                    }
                    if (o.fields.has(lname)) {
                        const t = this.instanceFieldType(o.cls, lname);
                        o.fields.set(lname, t ? this.coerce(v, t) : v);
                        return v;
                    }
                    const owner = this.findStaticOwner(o.cls, lname);
                    if (owner) {
                        this.setStatic(owner, lname, v);
                        return v;
                    }
                    throw new UnsupportedError(`field ${o.cls.name}.${l.name}`);
                }
                if (isSObject(o)) {
                    this.wrapPlatform(() => this.rt.sobjectPut(o, l.name, v));
                    return v;
                }
                this.wrapPlatform(() => this.rt.nativeSetProp(o, lname, l.name, v));
                return v;
            }
            case 'index': {
                const o = this.eval(l.obj, f);
                const i = this.eval(l.idx, f);
                if (o === null) this.npe();
                if (o instanceof ApexList) {
                    const n = toJsNumber(i);
                    if (n < 0 || n >= o.items.length) this.throwApex('System.ListException', `List index out of bounds: ${n}`);
                    o.items[n] = this.coerce(v, o.el);
                    return v;
                }
                throw new UnsupportedError('indexed assignment');
            }
        }
        throw new UnsupportedError(`assignment target ${l.k}`);
    }

    // ----- operators

    private evalBin(e: ExprOf<'bin'>, f: Frame): any {
        const op = e.op;
        if (op === '&&') {
            const a = this.eval(e.l, f);
            if (a === null) this.npe();
            if (!a) return false;
            const b = this.eval(e.r, f);
            if (b === null) this.npe();
            return !!b;
        }
        if (op === '||') {
            const a = this.eval(e.l, f);
            if (a === null) this.npe();
            if (a) return true;
            const b = this.eval(e.r, f);
            if (b === null) this.npe();
            return !!b;
        }
        if (op === '??') {
            const a = this.eval(e.l, f);
            return a !== null && a !== undefined ? a : this.eval(e.r, f);
        }
        const a = this.eval(e.l, f);
        const b = this.eval(e.r, f);
        if (e.col) f.col = e.col;
        return this.binaryOp(op, a, b);
    }

    binaryOp(op: string, a: any, b: any): any {
        switch (op) {
            case '+':
                if (typeof a === 'string' || typeof b === 'string') return this.str(a) + this.str(b);
                if (a instanceof ApexDate && b !== null) return a.addDays(toJsNumber(b));
                if (a instanceof ApexDatetime && b !== null) return a.addMilliseconds(Math.round(toJsNumber(b) * 86400000));
                if (a instanceof ApexTime && b !== null) return a.addMilliseconds(toJsNumber(b));
                return this.wrapPlatform(() => arith('+', a, b));
            case '-':
                if (a instanceof ApexDate && b !== null) return a.addDays(-toJsNumber(b));
                if (a instanceof ApexDatetime && b !== null) return a.addMilliseconds(-Math.round(toJsNumber(b) * 86400000));
                return this.wrapPlatform(() => arith('-', a, b));
            case '*':
            case '/':
                return this.wrapPlatform(() => arith(op, a, b));
            case '==':
                return this.equalsValues(a, b);
            case '!=':
                return !this.equalsValues(a, b);
            case '===':
                return strictEquals(a, b);
            case '!==':
                return !strictEquals(a, b);
            case '<':
            case '>':
            case '<=':
            case '>=': {
                const c = this.wrapPlatform(() => compare(a, b));
                if (c === null) return false;
                return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
            }
            case '&':
            case '|':
            case '^':
                if (a === null || b === null) this.npe();
                if (typeof a === 'boolean') return op === '&' ? a && b : op === '|' ? a || b : a !== b;
                if (typeof a === 'bigint' || typeof b === 'bigint') {
                    const x = toBigInt(a);
                    const y = toBigInt(b);
                    return BigInt.asIntN(64, op === '&' ? x & y : op === '|' ? x | y : x ^ y);
                }
                return op === '&' ? a & b : op === '|' ? a | b : a ^ b;
            case '<<':
            case '>>':
            case '>>>':
                if (a === null || b === null) this.npe();
                if (typeof a === 'bigint') {
                    const n = BigInt(toJsNumber(b) & 63);
                    if (op === '<<') return BigInt.asIntN(64, a << n);
                    if (op === '>>') return a >> n;
                    return BigInt.asIntN(64, BigInt.asUintN(64, a) >> n);
                }
                return op === '<<' ? a << b : op === '>>' ? a >> b : (a >>> b) | 0;
        }
        throw new UnsupportedError(`operator ${op}`);
    }

    // ------------------------------------------------------------------ helpers for the runtime

    /** Evaluates a SOQL bind expression (source text) in the frame of the query. */
    evalBind(text: string, f: Frame): any {
        let e = this.bindCache.get(text);
        if (!e) {
            e = parseExpression(text);
            this.bindCache.set(text, e);
        }
        return this.eval(e, f);
    }

    /**
     * Whether record sharing applies to code running now (Apex Developer Guide, "Using the with sharing, without
     * sharing, and inherited sharing Keywords"): the innermost class frame decides; `inherited sharing` defers to
     * its caller (and means with sharing at the entry point); a class without a keyword enforces sharing from API
     * 67.0 and runs without sharing before; triggers run without sharing.
     */
    sharingEnforced(apiVersion: number): boolean {
        for (let i = this.frames.length - 1; i >= 0; i--) {
            const cls = this.frames[i].cls;
            if (!cls) continue;
            if (cls.kind === 'trigger') return false;
            const mods = cls.mods;
            if (mods.includes('withsharing')) return true;
            if (mods.includes('withoutsharing')) return false;
            if (mods.includes('inheritedsharing')) continue;
            return apiVersion >= 67;
        }
        return true;
    }

    currentFrame(): Frame | null {
        return this.frames[this.frames.length - 1] ?? null;
    }

    /** Runs a trigger body with its context pushed by the caller. */
    runTriggerBody(t: ClassInfo): void {
        const d = t.decl as TriggerDecl;
        const f = new Frame(t, null, d.name);
        f.line = d.ln;
        this.pushFrame(f);
        try {
            this.execBlock(d.body, f);
        } finally {
            this.popFrame();
        }
    }

    /** Helper for natives: a list of the given element type. */
    list(el: RType, items: any[]): ApexList {
        return new ApexList(el, items);
    }

    isUnsupported(e: unknown): boolean {
        return isUnsupportedError(e);
    }

    toDecimal(v: any): Decimal {
        return toDecimal(v);
    }
}
