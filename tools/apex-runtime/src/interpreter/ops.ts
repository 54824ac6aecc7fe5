/**
 * Operators and conversions on Apex values: the numeric tower (Integer < Long < Double < Decimal), arithmetic with
 * the platform's overflow and division rules, equality (case-insensitive String ==), ordering, and the text form of
 * values used by string concatenation and String.valueOf.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { PlatformError } from '../values/errors.js';
import { isValidId } from '../values/id.js';
import { ApexBlob, ApexDouble, ApexEnumValue, ApexList, ApexMap, ApexObject, ApexSet, ApexTypeValue, NativeObject } from './rvalues.js';
import { isSObject } from './sobj.js';
import { typeName } from './types.js';

export type NumKind = 0 | 1 | 2 | 3; // Integer, Long, Double, Decimal

export function numKind(v: any): NumKind | -1 {
    if (typeof v === 'number') return 0;
    if (typeof v === 'bigint') return 1;
    if (v instanceof ApexDouble) return 2;
    if (v instanceof Decimal) return 3;
    return -1;
}

export function isNumber(v: any): boolean {
    return numKind(v) >= 0;
}

export function toJsNumber(v: any): number {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof ApexDouble) return v.v;
    if (v instanceof Decimal) return v.doubleValue();
    throw new Error('not a number');
}

export function toBigInt(v: any): bigint {
    if (typeof v === 'number') return BigInt(Math.trunc(v));
    if (typeof v === 'bigint') return v;
    if (v instanceof ApexDouble) return BigInt(Math.trunc(v.v));
    if (v instanceof Decimal) return v.longValue();
    throw new Error('not a number');
}

export function toDecimal(v: any): Decimal {
    if (v instanceof Decimal) return v;
    if (typeof v === 'number') return Decimal.fromInteger(v);
    if (typeof v === 'bigint') return Decimal.fromInteger(v);
    if (v instanceof ApexDouble) return Decimal.fromDouble(v.v);
    throw new Error('not a number');
}

export function toInt32(n: number): number {
    return n | 0;
}

function wrapLong(b: bigint): bigint {
    return BigInt.asIntN(64, b);
}

function npe(): never {
    throw new PlatformError('System.NullPointerException', 'Attempt to de-reference a null object');
}

function divZero(): never {
    throw new PlatformError('System.MathException', 'Divide by 0');
}

/** Numeric binary operation with promotion to the wider operand kind. */
export function arith(op: string, a: any, b: any): any {
    if (a === null || b === null) npe();
    const ka = numKind(a);
    const kb = numKind(b);
    if (ka < 0 || kb < 0) throw new PlatformError('System.TypeException', `Invalid operands for ${op}`);
    const k = Math.max(ka, kb);
    switch (k) {
        case 0: {
            const x = a as number;
            const y = b as number;
            switch (op) {
                case '+':
                    return (x + y) | 0;
                case '-':
                    return (x - y) | 0;
                case '*':
                    return Math.imul(x, y);
                case '/':
                    if (y === 0) divZero();
                    return (x / y) | 0;
            }
            break;
        }
        case 1: {
            const x = toBigInt(a);
            const y = toBigInt(b);
            switch (op) {
                case '+':
                    return wrapLong(x + y);
                case '-':
                    return wrapLong(x - y);
                case '*':
                    return wrapLong(x * y);
                case '/':
                    if (y === 0n) divZero();
                    return wrapLong(x / y);
            }
            break;
        }
        case 2: {
            const x = toJsNumber(a);
            const y = toJsNumber(b);
            switch (op) {
                case '+':
                    return new ApexDouble(x + y);
                case '-':
                    return new ApexDouble(x - y);
                case '*':
                    return new ApexDouble(x * y);
                case '/':
                    if (y === 0) divZero();
                    return new ApexDouble(x / y);
            }
            break;
        }
        case 3: {
            const x = toDecimal(a);
            const y = toDecimal(b);
            switch (op) {
                case '+':
                    return x.add(y);
                case '-':
                    return x.subtract(y);
                case '*':
                    return x.multiply(y);
                case '/':
                    if (y.signum() === 0) divZero();
                    return x.divideOperator(y);
            }
        }
    }
    throw new Error(`bad arithmetic operator ${op}`);
}

export function negate(v: any): any {
    if (v === null) npe();
    if (typeof v === 'number') return -v | 0;
    if (typeof v === 'bigint') return wrapLong(-v);
    if (v instanceof ApexDouble) return new ApexDouble(-v.v);
    if (v instanceof Decimal) return v.negate();
    throw new PlatformError('System.TypeException', 'Invalid operand for unary -');
}

/** Compares two values for ordering; returns null when either is null (comparison is then false). */
export function compare(a: any, b: any): number | null {
    if (a === null || b === null || a === undefined || b === undefined) return null;
    const ka = numKind(a);
    const kb = numKind(b);
    if (ka >= 0 && kb >= 0) {
        const k = Math.max(ka, kb);
        if (k === 0 || k === 2) {
            const x = toJsNumber(a);
            const y = toJsNumber(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (k === 1) {
            const x = toBigInt(a);
            const y = toBigInt(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        return toDecimal(a).compareTo(toDecimal(b));
    }
    if (typeof a === 'string' && typeof b === 'string') {
        // String comparison operators are case-insensitive on the platform... but use code-point order of the
        // lower-cased text (the documented behaviour of <, >, <=, >= on Strings).
        const x = a.toLowerCase();
        const y = b.toLowerCase();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a instanceof ApexDate && b instanceof ApexDate) return a.compareTo(b);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.compareTo(b);
    if (a instanceof ApexTime && b instanceof ApexTime) return a.compareTo(b);
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
    throw new PlatformError('System.TypeException', 'Comparison arguments must be compatible types');
}

/** `==` semantics (without user-defined equals, which the interpreter handles). */
export function looseEquals(a: any, b: any, objEq?: (x: ApexObject, y: any) => boolean): boolean {
    if (a === b) return true;
    if (a === null || b === null || a === undefined || b === undefined) return false;
    if (typeof a === 'string' && typeof b === 'string') {
        if (a.length !== b.length) {
            // an 18-character Id equals its 15-character form
            if ((a.length === 15 && b.length === 18) || (a.length === 18 && b.length === 15)) {
                return isValidId(a) && isValidId(b) && a.slice(0, 15) === b.slice(0, 15);
            }
            return false;
        }
        return a.toLowerCase() === b.toLowerCase();
    }
    const ka = numKind(a);
    const kb = numKind(b);
    if (ka >= 0 && kb >= 0) return compare(a, b) === 0;
    if (a instanceof ApexDate && b instanceof ApexDate) return a.equals(b);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.equals(b);
    if (a instanceof ApexTime && b instanceof ApexTime) return a.equals(b);
    if (a instanceof ApexBlob && b instanceof ApexBlob) return a.bytes.equals(b.bytes);
    if (a instanceof ApexTypeValue && b instanceof ApexTypeValue) return typeName(a.t).toLowerCase() === typeName(b.t).toLowerCase();
    if (a instanceof ApexList && b instanceof ApexList) {
        if (a.items.length !== b.items.length) return false;
        return a.items.every((x, i) => looseEquals(x, b.items[i], objEq));
    }
    if (a instanceof ApexSet && b instanceof ApexSet) {
        if (a.map.size !== b.map.size) return false;
        for (const k of a.map.keys()) if (!b.map.has(k)) return false;
        return true;
    }
    if (a instanceof ApexMap && b instanceof ApexMap) {
        if (a.map.size !== b.map.size) return false;
        for (const [k, [, v]] of a.map) {
            const other = b.map.get(k);
            if (!other || !looseEquals(v, other[1], objEq)) return false;
        }
        return true;
    }
    if (isSObject(a) && isSObject(b)) {
        if (a.type.toLowerCase() !== b.type.toLowerCase()) return false;
        const keys = new Set([...a.fields.keys(), ...b.fields.keys()]);
        for (const k of keys) {
            const x = a.fields.has(k) ? a.fields.get(k) : null;
            const y = b.fields.has(k) ? b.fields.get(k) : null;
            if (!looseEquals(x, y, objEq)) return false;
        }
        return true;
    }
    if (a instanceof ApexObject && objEq) return objEq(a, b);
    return false;
}

/** `===`: reference equality for objects, value equality for primitives. */
export function strictEquals(a: any, b: any): boolean {
    if (a === b) return true;
    if (a === null || b === null) return false;
    if (typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' || typeof a === 'bigint') return a === b;
    const ka = numKind(a);
    if (ka >= 2 && numKind(b) >= 0) return compare(a, b) === 0;
    if (a instanceof ApexDate || a instanceof ApexDatetime || a instanceof ApexTime) return looseEquals(a, b);
    return false;
}

/** The text of a value as string concatenation and `String.valueOf` produce it. */
export function toApexString(v: any, objStr?: (o: ApexObject) => string): string {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
        case 'string':
            return v;
        case 'number':
            return String(v);
        case 'bigint':
            return v.toString();
        case 'boolean':
            return v ? 'true' : 'false';
    }
    if (v instanceof Decimal) return v.toString();
    if (v instanceof ApexDouble) return doubleToString(v.v);
    // a Date concatenated to a String (and in debug output) prints with a midnight time: 2024-01-31 00:00:00;
    // String.valueOf(Date) is yyyy-MM-dd (handled by String.valueOf)
    if (v instanceof ApexDate) return v.toConcatString();
    if (v instanceof ApexDatetime) return v.toString();
    if (v instanceof ApexTime) return v.toString();
    if (v instanceof ApexEnumValue) return v.name;
    if (v instanceof ApexBlob) return `Blob[${v.bytes.length}]`;
    if (v instanceof ApexTypeValue) return typeName(v.t);
    if (v instanceof ApexList) return '(' + v.items.map((x) => toApexString(x, objStr)).join(', ') + ')';
    if (v instanceof ApexSet) return '{' + v.values().map((x) => toApexString(x, objStr)).join(', ') + '}';
    if (v instanceof ApexMap) {
        return '{' + [...v.map.values()].map(([k, x]) => `${toApexString(k, objStr)}=${toApexString(x, objStr)}`).join(', ') + '}';
    }
    if (isSObject(v)) {
        const parts: string[] = [];
        for (const [k, x] of v.fields) {
            if (x !== null && x !== undefined && isSObject(x)) continue;
            parts.push(`${v.canonicalNames.get(k) ?? k}=${toApexString(x, objStr)}`);
        }
        return `${v.type}:{${parts.join(', ')}}`;
    }
    if (v instanceof ApexObject && objStr) return objStr(v);
    if (v instanceof NativeObject) return typeof v.data?.toString === 'function' && v.data.toString !== Object.prototype.toString ? v.data.toString() : `${v.typeName}`;
    return String(v);
}

/** Java's Double.toString, which Apex uses for Double values. */
export function doubleToString(d: number): string {
    if (Number.isNaN(d)) return 'NaN';
    if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
    if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
    const a = Math.abs(d);
    if (a >= 1e-3 && a < 1e7) {
        const s = String(d);
        return s.includes('.') ? s : s + '.0';
    }
    const [mant, exp] = d.toExponential().split('e');
    const m = mant.includes('.') ? mant : mant + '.0';
    return `${m}E${parseInt(exp, 10)}`;
}
