/**
 * Integer, Long, Double, Decimal, Boolean and Math (Apex Reference Guide, "Integer Class", "Long Class",
 * "Double Class", "Decimal Class", "Math Class", "Boolean Class").
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { doubleToString, numKind, toBigInt, toDecimal, toJsNumber } from '../interpreter/ops.js';
import { ApexDouble, ApexEnumValue } from '../interpreter/rvalues.js';
import { Decimal, type RoundingMode } from '../values/decimal.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import type { MethodFn, NativeRegistry, StaticFn } from './registry.js';
import { int, npe } from './util.js';

function parseIntStrict(s: any, kind: 'integer' | 'long'): number | bigint {
    if (s === null) npe();
    if (typeof s !== 'string') {
        if (numKind(s) >= 0) return kind === 'integer' ? Math.trunc(toJsNumber(s)) | 0 : toBigInt(s);
        throw new PlatformError('System.TypeException', `Invalid ${kind}: ${s}`);
    }
    const t = s.trim();
    if (!/^[+-]?\d+$/.test(t)) throw new PlatformError('System.TypeException', `Invalid ${kind}: ${s}`);
    const b = BigInt(t);
    if (kind === 'integer') {
        if (b > 2147483647n || b < -2147483648n) throw new PlatformError('System.TypeException', `Invalid integer: ${s}`);
        return Number(b);
    }
    return BigInt.asIntN(64, b);
}

function rounding(v: any): RoundingMode {
    if (v instanceof ApexEnumValue) return v.name as RoundingMode;
    return 'HALF_UP';
}

const numericCommon: Record<string, MethodFn> = {
    format: (_rt, v) => {
        if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v).toLocaleString('en-US');
        if (v instanceof Decimal) return v.format();
        return Decimal.fromDouble((v as ApexDouble).v).format();
    },
    intvalue: (_rt, v) => Math.trunc(toJsNumber(v)) | 0,
    longvalue: (_rt, v) => toBigInt(v),
    doublevalue: (_rt, v) => new ApexDouble(toJsNumber(v)),
    decimalvalue: (_rt, v) => toDecimal(v),
    hashcode: (_rt, v) => Math.trunc(toJsNumber(v)) | 0,
    equals: (_rt, v, a) => a[0] !== null && numKind(a[0]) >= 0 && toDecimal(v).compareTo(toDecimal(a[0])) === 0,
    tostring: (rt, v) => rt.ip.str(v),
};

export const integerMethods: Record<string, MethodFn> = { ...numericCommon };
export const longMethods: Record<string, MethodFn> = { ...numericCommon };
export const doubleMethods: Record<string, MethodFn> = {
    ...numericCommon,
    round: (_rt, v) => BigInt(Math.round((v as ApexDouble).v)),
};

export const decimalMethods: Record<string, MethodFn> = {
    ...numericCommon,
    abs: (_rt, v: Decimal) => v.abs(),
    divide: (_rt, v: Decimal, a) => {
        const d = toDecimal(a[0]);
        if (d.signum() === 0) throw new PlatformError('System.MathException', 'Divide by 0');
        return v.divide(d, int(a[1]), a[2] ? rounding(a[2]) : 'HALF_UP');
    },
    setscale: (_rt, v: Decimal, a) => v.setScale(int(a[0]), a[1] ? rounding(a[1]) : 'HALF_UP'),
    scale: (_rt, v: Decimal) => v.scale,
    precision: (_rt, v: Decimal) => v.precision(),
    round: (_rt, v: Decimal, a) => v.round(a[0] ? rounding(a[0]) : 'HALF_EVEN'),
    striptrailingzeros: (_rt, v: Decimal) => v.stripTrailingZeros(),
    toplainstring: (_rt, v: Decimal) => v.toPlainString(),
    pow: (_rt, v: Decimal, a) => v.pow(int(a[0])),
    signum: (_rt, v: Decimal) => v.signum(),
};

export const booleanMethods: Record<string, MethodFn> = {
    equals: (_rt, v, a) => v === a[0],
    hashcode: (_rt, v) => (v ? 1231 : 1237),
    tostring: (_rt, v) => String(v),
};

function valueOfNumber(kind: 'decimal' | 'double'): StaticFn {
    return (_rt, a) => {
        const v = a[0];
        if (v === null) npe();
        if (typeof v === 'string') {
            if (kind === 'double') {
                const t = v.trim();
                if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(t)) throw new PlatformError('System.TypeException', `Invalid double: ${v}`);
                return new ApexDouble(parseFloat(t));
            }
            return Decimal.parse(v);
        }
        if (numKind(v) >= 0) return kind === 'double' ? new ApexDouble(toJsNumber(v)) : numKind(v) === 2 ? Decimal.fromDouble(toJsNumber(v)) : toDecimal(v);
        throw new PlatformError('System.TypeException', `Invalid ${kind}: ${v}`);
    };
}

function dbl(x: any): number {
    if (x === null) npe();
    return toJsNumber(x);
}

/** Math functions keep the argument kind where the platform overloads them (abs, max, min, mod). */
function sameKind(sample: any, n: number): any {
    switch (numKind(sample)) {
        case 0:
            return n | 0;
        case 1:
            return BigInt(Math.trunc(n));
        case 3:
            return Decimal.fromDouble(n);
        default:
            return new ApexDouble(n);
    }
}

export const mathStatics: Record<string, StaticFn> = {
    abs: (_rt, a) => {
        const v = a[0];
        if (v === null) npe();
        if (v instanceof Decimal) return v.abs();
        if (typeof v === 'bigint') return v < 0n ? -v : v;
        return sameKind(v, Math.abs(toJsNumber(v)));
    },
    max: (_rt, a) => {
        const [x, y] = a;
        if (x === null || y === null) npe();
        const k = Math.max(numKind(x), numKind(y));
        if (k === 3) return toDecimal(x).compareTo(toDecimal(y)) >= 0 ? toDecimal(x) : toDecimal(y);
        if (k === 1) return toBigInt(x) >= toBigInt(y) ? toBigInt(x) : toBigInt(y);
        const r = Math.max(toJsNumber(x), toJsNumber(y));
        return k === 0 ? r : new ApexDouble(r);
    },
    min: (_rt, a) => {
        const [x, y] = a;
        if (x === null || y === null) npe();
        const k = Math.max(numKind(x), numKind(y));
        if (k === 3) return toDecimal(x).compareTo(toDecimal(y)) <= 0 ? toDecimal(x) : toDecimal(y);
        if (k === 1) return toBigInt(x) <= toBigInt(y) ? toBigInt(x) : toBigInt(y);
        const r = Math.min(toJsNumber(x), toJsNumber(y));
        return k === 0 ? r : new ApexDouble(r);
    },
    mod: (_rt, a) => {
        const [x, y] = a;
        if (x === null || y === null) npe();
        if (typeof x === 'bigint' || typeof y === 'bigint') {
            const d = toBigInt(y);
            if (d === 0n) throw new PlatformError('System.MathException', 'Divide by 0');
            return toBigInt(x) % d;
        }
        if (toJsNumber(y) === 0) throw new PlatformError('System.MathException', 'Divide by 0');
        return toJsNumber(x) % toJsNumber(y) | 0;
    },
    pow: (_rt, a) => new ApexDouble(Math.pow(dbl(a[0]), dbl(a[1]))),
    sqrt: (_rt, a) => (a[0] instanceof Decimal ? Decimal.fromDouble(Math.sqrt(dbl(a[0]))) : new ApexDouble(Math.sqrt(dbl(a[0])))),
    round: (_rt, a) => {
        const v = a[0];
        if (v instanceof Decimal) return Number(v.round('HALF_EVEN'));
        return Math.round(dbl(v)) | 0;
    },
    roundtolong: (_rt, a) => {
        const v = a[0];
        if (v instanceof Decimal) return v.round('HALF_UP');
        return BigInt(Math.round(dbl(v)));
    },
    ceil: (_rt, a) => (a[0] instanceof Decimal ? a[0].setScale(0, 'CEILING') : new ApexDouble(Math.ceil(dbl(a[0])))),
    floor: (_rt, a) => (a[0] instanceof Decimal ? a[0].setScale(0, 'FLOOR') : new ApexDouble(Math.floor(dbl(a[0])))),
    random: () => new ApexDouble(Math.random()),
    exp: (_rt, a) => new ApexDouble(Math.exp(dbl(a[0]))),
    log: (_rt, a) => new ApexDouble(Math.log(dbl(a[0]))),
    log10: (_rt, a) => new ApexDouble(Math.log10(dbl(a[0]))),
    signum: (_rt, a) => new ApexDouble(Math.sign(dbl(a[0]))),
    sin: (_rt, a) => new ApexDouble(Math.sin(dbl(a[0]))),
    cos: (_rt, a) => new ApexDouble(Math.cos(dbl(a[0]))),
    tan: (_rt, a) => new ApexDouble(Math.tan(dbl(a[0]))),
    cbrt: (_rt, a) => new ApexDouble(Math.cbrt(dbl(a[0]))),
};

export function installNumbers(reg: NativeRegistry): void {
    reg.add({
        name: 'Integer',
        statics: {
            valueof: (_rt, a) => parseIntStrict(a[0], 'integer'),
        },
        getStatic: (_rt, l) => (l === 'max_value' ? 2147483647 : l === 'min_value' ? -2147483648 : undefined),
    });
    reg.add({
        name: 'Long',
        statics: { valueof: (_rt, a) => parseIntStrict(a[0], 'long') },
        getStatic: (_rt, l) => (l === 'max_value' ? 9223372036854775807n : l === 'min_value' ? -9223372036854775808n : undefined),
    });
    reg.add({ name: 'Double', statics: { valueof: valueOfNumber('double') } });
    reg.add({ name: 'Decimal', statics: { valueof: valueOfNumber('decimal') } });
    reg.add({
        name: 'Boolean',
        statics: {
            valueof: (_rt, a) => {
                const v = a[0];
                if (v === null) return false;
                if (typeof v === 'boolean') return v;
                if (typeof v === 'string') return v.toLowerCase() === 'true';
                throw new PlatformError('System.TypeException', `Invalid boolean: ${v}`);
            },
        },
    });
    reg.add({ name: 'Math', statics: mathStatics });
    reg.add({
        name: 'System.RoundingMode',
        key: 'roundingmode',
        enumValues: ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP'],
    });
    void doubleToString;
    void UnsupportedError;
}
