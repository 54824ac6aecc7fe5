/**
 * The runtime that joins the interpreter to the standard library and the data layer: per-transaction state
 * (limits, pending work, async queue, events, mocks, running user), native method dispatch, SObject access.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ApexError, type ExceptionState } from '../interpreter/exceptions.js';
import type { Frame } from '../interpreter/frame.js';
import type { Interpreter } from '../interpreter/interpreter.js';
import { ApexBlob, ApexDouble, ApexEnumValue, ApexList, ApexMap, ApexObject, ApexSet, ApexTypeValue, NativeObject } from '../interpreter/rvalues.js';
import { isSObject, type SObjectLike } from '../interpreter/sobj.js';
import { ANY, prim, type RType, typeName } from '../interpreter/types.js';
import type { ExprOf, StmtOf } from '../interpreter/ast.js';
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import { booleanMethods, decimalMethods, doubleMethods, integerMethods, longMethods } from './numbers.js';
import { listMethods, mapMethods, setMethods } from './collections.js';
import { stringMethods } from './strings.js';
import { consume, type LimitCounters, newCounters } from './limits.js';
import type { MethodFn, NativeRegistry } from './registry.js';
import type { DataBridge } from './data-bridge.js';

export interface AsyncJob {
    id: string;
    kind: 'queueable' | 'future' | 'batch' | 'schedule';
    run: () => void;
    /** Set when enqueued from inside an executing async job (a chained job). */
    chained: boolean;
    className: string;
}

export interface PublishedEvent {
    record: SObjectLike;
    immediate: boolean;
    /** Savepoint depth marker for after-commit events (discarded on rollback past it). */
    seq: number;
}

/** State of one Apex transaction (one test method, or one async job). */
export class TxState {
    limits: LimitCounters = newCounters();
    savedLimits: LimitCounters | null = null;
    isAsync = false;
    /** DML, enqueued jobs or scheduled work since the transaction began: callouts are then refused. */
    uncommittedWork = false;
    triggerDepth = 0;
    inTrigger = 0;
    futureDepth = 0;
}

export type ValueMethods = Record<string, MethodFn>;

/** Method tables per value kind, filled by the stdlib modules. */
export const valueMethods: {
    date: ValueMethods;
    datetime: ValueMethods;
    time: ValueMethods;
    blob: ValueMethods;
    sobject: ValueMethods;
    enum: ValueMethods;
    type: ValueMethods;
    exception: ValueMethods;
} = { date: {}, datetime: {}, time: {}, blob: {}, sobject: {}, enum: {}, type: {}, exception: {} };

export class Runtime {
    tx = new TxState();
    /** Test-context state (set by the test runner). */
    test = {
        running: false,
        startTestCalled: false,
        inStartStop: false,
        httpMock: null as any,
        mocks: new Map<string, any>(),
        asyncQueue: [] as AsyncJob[],
        events: [] as PublishedEvent[],
        eventSeq: 0,
        executingAsync: false,
    };
    debugLog: string[] = [];
    echoDebug = false;
    readonly extensions = new Map<string, any>();

    constructor(
        readonly ip: Interpreter,
        readonly natives: NativeRegistry,
        readonly data: DataBridge,
    ) {
        ip.rt = this;
        ip.link();
    }

    // ------------------------------------------------------------------ errors

    /** Registers per-test-method state resets (called by the runner before each test method). */
    onReset(fn: (rt: Runtime) => void): void {
        const list = (this.extensions.get('resetters') ?? []) as ((rt: Runtime) => void)[];
        list.push(fn);
        this.extensions.set('resetters', list);
    }

    throwApex(type: string, message: string): never {
        return this.ip.throwApex(type, message);
    }

    limit(key: keyof Omit<LimitCounters, 'cpuStart'>, n = 1): void {
        consume(this.tx.limits, key, n === 0 ? this.tx.isAsync : this.tx.isAsync, n);
    }

    // ------------------------------------------------------------------ native dispatch

    nativeMethod(target: any, lname: string, name: string, args: any[]): any {
        let table: ValueMethods | undefined;
        switch (typeof target) {
            case 'string':
                table = stringMethods;
                if (!(lname in table) && this.data.isIdOfKnownObject(target)) table = this.extensions.get('idMethods');
                break;
            case 'number':
                table = integerMethods;
                break;
            case 'bigint':
                table = longMethods;
                break;
            case 'boolean':
                table = booleanMethods;
                break;
            default:
                if (target instanceof Decimal) table = decimalMethods;
                else if (target instanceof ApexDouble) table = doubleMethods;
                else if (target instanceof ApexList) table = listMethods;
                else if (target instanceof ApexSet) table = setMethods;
                else if (target instanceof ApexMap) table = mapMethods;
                else if (isSObject(target)) table = valueMethods.sobject;
                else if (target instanceof ApexDate) table = valueMethods.date;
                else if (target instanceof ApexDatetime) table = valueMethods.datetime;
                else if (target instanceof ApexTime) table = valueMethods.time;
                else if (target instanceof ApexBlob) table = valueMethods.blob;
                else if (target instanceof ApexEnumValue) table = valueMethods.enum;
                else if (target instanceof ApexTypeValue) table = valueMethods.type;
                else if (target instanceof NativeObject) {
                    const nt = this.natives.getByKey(target.typeName.toLowerCase());
                    table = nt?.methods;
                }
        }
        let fn = table?.[lname];
        if (!fn && typeof target === 'string') fn = this.extensions.get('idMethods')?.[lname];
        if (!fn) {
            if (lname === 'equals' && args.length === 1) return this.ip.equalsValues(target, args[0]);
            if (lname === 'hashcode' && args.length === 0) return 0;
            if (lname === 'tostring' && args.length === 0) return this.ip.str(target);
            throw new UnsupportedError(`method ${typeName(this.ip.typeOf(target))}.${name}()`);
        }
        return fn(this, target, args);
    }

    nativeProp(o: any, lname: string, name: string): any {
        if (o instanceof NativeObject) {
            const nt = this.natives.getByKey(o.typeName.toLowerCase());
            const p = nt?.props?.[lname];
            if (p?.get) return p.get(this, o);
            if (o.data && typeof o.data === 'object' && o.data.props instanceof Map && o.data.props.has(lname)) return o.data.props.get(lname);
        }
        throw new UnsupportedError(`property ${typeName(this.ip.typeOf(o))}.${name}`);
    }

    nativeSetProp(o: any, lname: string, name: string, v: any): void {
        if (o instanceof NativeObject) {
            const nt = this.natives.getByKey(o.typeName.toLowerCase());
            const p = nt?.props?.[lname];
            if (p?.set) return p.set(this, o, v);
            if (o.data && typeof o.data === 'object' && o.data.props instanceof Map && o.data.props.has(lname)) {
                o.data.props.set(lname, v);
                return;
            }
        }
        throw new UnsupportedError(`setting property ${typeName(this.ip.typeOf(o))}.${name}`);
    }

    exceptionMethod(obj: ApexObject, lname: string, args: any[]): any {
        const st = obj.native as ExceptionState;
        switch (lname) {
            case 'getmessage':
                return st.message;
            case 'gettypename':
                return obj.cls.name;
            case 'getcause':
                return st.cause;
            case 'initcause':
                st.cause = args[0];
                return null;
            case 'setmessage':
                st.message = args[0];
                return null;
            case 'getlinenumber':
                return st.line;
            case 'getstacktracestring':
                return st.stack;
            case 'tostring':
                return this.ip.objToString(obj);
            case 'equals':
                return obj === args[0];
            case 'hashcode':
                return this.ip.identityHash(obj);
        }
        const fn = valueMethods.exception[lname];
        if (fn) return fn(this, obj, args);
        throw new UnsupportedError(`method ${obj.cls.name}.${lname}()`);
    }

    // ------------------------------------------------------------------ SObjects

    newSObject(type: string): SObjectLike {
        return this.data.newRecord(type);
    }

    sobjectGet(rec: SObjectLike, name: string): any {
        return this.data.getField(rec, name);
    }

    sobjectPut(rec: SObjectLike, name: string, v: any): void {
        this.data.putField(rec, name, v);
    }

    /** `Account.SObjectType`, `Account.Name` (a field token), `Account.fields`... */
    sobjectStatic(objectName: string, name: string): any {
        const fn = this.extensions.get('sobjectStatic');
        if (!fn) throw new UnsupportedError(`${objectName}.${name}`);
        return fn(this, objectName, name);
    }

    sobjectStaticCall(objectName: string, lname: string, args: any[]): any {
        const fn = this.extensions.get('sobjectStaticCall');
        if (!fn) throw new UnsupportedError(`${objectName}.${lname}()`);
        return fn(this, objectName, lname, args);
    }

    sobjectTypeToken(objectName: string | null): any {
        if (!objectName) return null;
        return this.sobjectStatic(objectName, 'SObjectType');
    }

    // ------------------------------------------------------------------ DML / SOQL / runAs (implemented in dml.ts)

    dmlStatement(op: StmtOf<'dml'>['op'], value: any, node: StmtOf<'dml'>, e2: any): void {
        const fn = this.extensions.get('dmlStatement');
        if (!fn) throw new UnsupportedError(`${op} statement`);
        fn(this, op, value, node, e2);
    }

    soql(e: ExprOf<'soql'>, f: Frame): any {
        const fn = this.extensions.get('soql');
        if (!fn) throw new UnsupportedError('SOQL');
        return fn(this, e, f);
    }

    runAs(args: any[], body: () => any): any {
        const fn = this.extensions.get('runAs');
        if (!fn) throw new UnsupportedError('System.runAs');
        return fn(this, args, body);
    }

    // ------------------------------------------------------------------ helpers for natives

    list(el: RType, items: any[]): ApexList {
        return new ApexList(el, items);
    }

    strList(items: string[]): ApexList {
        return new ApexList(prim('string'), items);
    }

    anyList(items: any[]): ApexList {
        return new ApexList(ANY, items);
    }

    /** Calls an Apex-implemented interface method (e.g. HttpCalloutMock.respond). */
    callApex(target: any, name: string, args: any[]): any {
        return this.ip.callAny(target, name, args);
    }

    callApexProp(o: ApexObject, name: string): any {
        return this.ip.getMember(o, name);
    }

    setApexMember(o: ApexObject, name: string, v: any): void {
        this.ip.setMember(o, name, v);
    }

    debug(text: string): void {
        this.debugLog.push(text);
        if (this.echoDebug) process.stderr.write(`DEBUG|${text}\n`);
    }

    isApexError(e: unknown): e is ApexError {
        return e instanceof ApexError;
    }

    platform(type: string, message: string): PlatformError {
        return new PlatformError(type, message);
    }
}
