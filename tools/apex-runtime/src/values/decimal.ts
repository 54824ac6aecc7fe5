/**
 * Apex `Decimal`: arbitrary precision, modelled like `java.math.BigDecimal` (a BigInt unscaled value and a scale),
 * which is what the platform's Decimal is built on.
 *
 * Sources: Apex Reference Guide, "Decimal Class"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_decimal.htm) and Apex
 * Developer Guide, "Primitive Data Types" (scale from a String = digits after the point; scale from a non-decimal
 * number = the number converted to a String first).
 */
import { PlatformError } from './errors.js';

export type RoundingMode = 'CEILING' | 'DOWN' | 'FLOOR' | 'HALF_DOWN' | 'HALF_EVEN' | 'HALF_UP' | 'UNNECESSARY' | 'UP';

export const ROUNDING_MODES: readonly RoundingMode[] = [
    'CEILING',
    'DOWN',
    'FLOOR',
    'HALF_DOWN',
    'HALF_EVEN',
    'HALF_UP',
    'UNNECESSARY',
    'UP'
];

/**
 * Significant digits kept by the `/` operator when the quotient does not terminate. The platform keeps about 32-33
 * digits (for example `1.0 / 3.0` equals `0.333333333333333333333333333333333`, 33 digits, in a published Apex
 * test); this is approximated, see the README's "Data layer" section.
 */
export const DIVISION_PRECISION = 33;

const TEN = 10n;
const pow10Cache: bigint[] = [1n];
function pow10(n: number): bigint {
    if (n < 0) throw new RangeError('negative power of ten');
    if (n < 64) {
        for (let i = pow10Cache.length; i <= n; i++) pow10Cache[i] = pow10Cache[i - 1] * TEN;
        return pow10Cache[n];
    }
    return TEN ** BigInt(n);
}

function abs(b: bigint): bigint {
    return b < 0n ? -b : b;
}

function digitCount(b: bigint): number {
    return b === 0n ? 1 : abs(b).toString().length;
}

/** Divides `n` by `d` (d != 0) and rounds the integer quotient by `mode`. */
export function divideAndRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
    if (d === 0n) throw new PlatformError('System.MathException', 'Divide by 0');
    const q = n / d; // truncates toward zero
    const r = n % d;
    if (r === 0n) return q;
    const positive = n < 0n === d < 0n; // sign of the exact quotient
    const twiceR = abs(r) * 2n;
    const absD = abs(d);
    const cmpHalf = twiceR === absD ? 0 : twiceR > absD ? 1 : -1;
    let awayFromZero: boolean;
    switch (mode) {
        case 'UP':
            awayFromZero = true;
            break;
        case 'DOWN':
            awayFromZero = false;
            break;
        case 'CEILING':
            awayFromZero = positive;
            break;
        case 'FLOOR':
            awayFromZero = !positive;
            break;
        case 'HALF_UP':
            awayFromZero = cmpHalf >= 0;
            break;
        case 'HALF_DOWN':
            awayFromZero = cmpHalf > 0;
            break;
        case 'HALF_EVEN':
            awayFromZero = cmpHalf > 0 || (cmpHalf === 0 && (q & 1n) !== 0n);
            break;
        case 'UNNECESSARY':
            throw new PlatformError('System.MathException', 'Rounding necessary');
        default:
            throw new PlatformError('System.MathException', `Unknown rounding mode: ${String(mode)}`);
    }
    if (!awayFromZero) return q;
    return positive ? q + 1n : q - 1n;
}

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** An immutable Apex Decimal. */
export class Decimal {
    /** The unscaled integer value: the Decimal's value is `unscaled * 10^-scale`. */
    readonly unscaled: bigint;
    /** Number of digits after the decimal point (may be negative, as in BigDecimal, e.g. after parsing `1E+3`). */
    readonly scale: number;

    constructor(unscaled: bigint, scale = 0) {
        this.unscaled = unscaled;
        this.scale = scale;
    }

    static readonly ZERO = new Decimal(0n, 0);
    static readonly ONE = new Decimal(1n, 0);

    /**
     * `Decimal.valueOf(String)` / `new BigDecimal(String)`: the scale is the number of digits after the point.
     * Throws `System.TypeException: Invalid decimal: <s>` when the text is not a number.
     */
    static parse(text: string): Decimal {
        const s = text.trim();
        const m = DECIMAL_PATTERN.exec(s);
        if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
            throw new PlatformError('System.TypeException', `Invalid decimal: ${text}`);
        }
        const intPart = m[2];
        const frac = m[3] ?? '';
        const exp = m[4] ? parseInt(m[4], 10) : 0;
        let unscaled = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0');
        if (m[1] === '-') unscaled = -unscaled;
        return new Decimal(unscaled, frac.length - exp);
    }

    /** True when `text` parses as a Decimal. */
    static isDecimalText(text: string): boolean {
        const m = DECIMAL_PATTERN.exec(text.trim());
        return !!m && !(m[2] === '' && (m[3] === undefined || m[3] === ''));
    }

    /** An Integer or Long value: scale 0. */
    static fromInteger(n: number | bigint): Decimal {
        if (typeof n === 'number') {
            if (!Number.isInteger(n)) throw new RangeError(`not an integer: ${n}`);
            return new Decimal(BigInt(n), 0);
        }
        return new Decimal(n, 0);
    }

    /**
     * A Double converted as the platform does (`Decimal.valueOf(Double)`): through Java's `Double.toString`, so
     * `100.0` becomes `100.0` (scale 1) and `0.1` becomes `0.1`.
     */
    static fromDouble(n: number): Decimal {
        if (!Number.isFinite(n)) throw new PlatformError('System.TypeException', `Invalid decimal: ${n}`);
        return Decimal.parse(javaDoubleToString(n));
    }

    /**
     * Converts any numeric JS value: a Decimal is returned as is, a bigint or an integral number gets scale 0 (an
     * Integer/Long), a fractional number goes through `fromDouble`, a string is parsed.
     */
    static of(v: Decimal | number | bigint | string): Decimal {
        if (v instanceof Decimal) return v;
        if (typeof v === 'bigint') return new Decimal(v, 0);
        if (typeof v === 'string') return Decimal.parse(v);
        if (Number.isInteger(v)) return new Decimal(BigInt(v), 0);
        return Decimal.fromDouble(v);
    }

    static isDecimal(v: unknown): v is Decimal {
        return v instanceof Decimal;
    }

    // ---------------------------------------------------------------- arithmetic

    private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
        if (a.scale === b.scale) return [a.unscaled, b.unscaled, a.scale];
        if (a.scale > b.scale) return [a.unscaled, b.unscaled * pow10(a.scale - b.scale), a.scale];
        return [a.unscaled * pow10(b.scale - a.scale), b.unscaled, b.scale];
    }

    /** Sum; the scale is the larger of the two scales. */
    add(other: Decimal): Decimal {
        const [x, y, s] = Decimal.align(this, other);
        return new Decimal(x + y, s);
    }

    /** Difference; the scale is the larger of the two scales. */
    subtract(other: Decimal): Decimal {
        const [x, y, s] = Decimal.align(this, other);
        return new Decimal(x - y, s);
    }

    /** Product; the scale is the sum of the scales. */
    multiply(other: Decimal): Decimal {
        return new Decimal(this.unscaled * other.unscaled, this.scale + other.scale);
    }

    negate(): Decimal {
        return new Decimal(-this.unscaled, this.scale);
    }

    /** `abs()` */
    abs(): Decimal {
        return this.unscaled < 0n ? this.negate() : this;
    }

    /**
     * The `/` operator. An exact quotient keeps the preferred scale `this.scale - divisor.scale` (widened as
     * needed to be exact, like BigDecimal.divide); a non-terminating quotient is rounded HALF_UP to
     * `DIVISION_PRECISION` significant digits. Division by zero throws `System.MathException: Divide by 0`.
     */
    divideOperator(divisor: Decimal): Decimal {
        if (divisor.unscaled === 0n) throw new PlatformError('System.MathException', 'Divide by 0');
        const preferred = this.scale - divisor.scale;
        if (this.unscaled === 0n) return new Decimal(0n, Math.max(preferred, 0));
        // Try exact division: the quotient terminates when the reduced divisor has only factors 2 and 5.
        let d = abs(divisor.unscaled);
        const g = gcd(abs(this.unscaled), d);
        d /= g;
        let twos = 0;
        let fives = 0;
        while (d % 2n === 0n) {
            d /= 2n;
            twos++;
        }
        while (d % 5n === 0n) {
            d /= 5n;
            fives++;
        }
        if (d === 1n) {
            const extra = Math.max(twos, fives);
            const scale = Math.max(preferred + extra, preferred);
            const result = this.divide(divisor, scale, 'UNNECESSARY');
            return result.stripToScale(Math.max(preferred, 0));
        }
        // Non-terminating: round to DIVISION_PRECISION significant digits.
        const approxIntDigits = digitCount(this.unscaled) - this.scale - (digitCount(divisor.unscaled) - divisor.scale);
        let scale = DIVISION_PRECISION - approxIntDigits;
        let q = this.divide(divisor, scale, 'HALF_UP');
        const p = q.precision();
        if (p !== DIVISION_PRECISION) {
            scale += DIVISION_PRECISION - p;
            q = this.divide(divisor, scale, 'HALF_UP');
        }
        return q;
    }

    /** `divide(divisor, scale[, roundingMode])`: the quotient with exactly `scale` decimal places (default HALF_UP). */
    divide(divisor: Decimal, scale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
        if (divisor.unscaled === 0n) throw new PlatformError('System.MathException', 'Divide by 0');
        // value = (a / 10^sa) / (b / 10^sb); want q with scale s: q = a * 10^(s - sa + sb) / b
        const shift = scale - this.scale + divisor.scale;
        let n = this.unscaled;
        let dd = divisor.unscaled;
        if (shift >= 0) n *= pow10(shift);
        else dd *= pow10(-shift);
        return new Decimal(divideAndRound(n, dd, mode), scale);
    }

    /** Remainder with the sign of the dividend (`Math.mod` for Decimals is the interpreter's concern). */
    remainder(divisor: Decimal): Decimal {
        if (divisor.unscaled === 0n) throw new PlatformError('System.MathException', 'Divide by 0');
        const [x, y, s] = Decimal.align(this, divisor);
        return new Decimal(x % y, s);
    }

    /** `pow(exponent)`: exponent 0..32767. */
    pow(exponent: number): Decimal {
        if (!Number.isInteger(exponent) || exponent < 0 || exponent > 32767) {
            throw new PlatformError('System.MathException', `Invalid operation: exponent ${exponent}`);
        }
        return new Decimal(this.unscaled ** BigInt(exponent), this.scale * exponent);
    }

    // ---------------------------------------------------------------- scale and rounding

    /**
     * `setScale(scale[, roundingMode])`. Without a rounding mode the platform rounds half up when digits are
     * discarded.
     */
    setScale(newScale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
        if (newScale === this.scale) return this;
        if (newScale > this.scale) return new Decimal(this.unscaled * pow10(newScale - this.scale), newScale);
        return new Decimal(divideAndRound(this.unscaled, pow10(this.scale - newScale), mode), newScale);
    }

    /** Removes trailing zeros down to `minScale` without changing the value. */
    private stripToScale(minScale: number): Decimal {
        let u = this.unscaled;
        let s = this.scale;
        while (s > minScale && u % TEN === 0n && u !== 0n) {
            u /= TEN;
            s--;
        }
        if (u === 0n) return new Decimal(0n, Math.max(minScale, 0));
        return new Decimal(u, s);
    }

    /** `stripTrailingZeros()` (BigDecimal semantics: zero becomes `0`; `100` becomes `1E+2`). */
    stripTrailingZeros(): Decimal {
        if (this.unscaled === 0n) return Decimal.ZERO;
        let u = this.unscaled;
        let s = this.scale;
        while (u % TEN === 0n) {
            u /= TEN;
            s--;
        }
        return new Decimal(u, s);
    }

    /** `precision()`: total number of digits (123.45 → 5). */
    precision(): number {
        return digitCount(this.unscaled);
    }

    /** `round()` (HALF_EVEN) or `round(mode)`, as a Long (bigint). */
    round(mode: RoundingMode = 'HALF_EVEN'): bigint {
        return this.setScale(0, mode).toBigInt();
    }

    /** Integral part, truncated toward zero. */
    toBigInt(): bigint {
        if (this.scale <= 0) return this.unscaled * pow10(-this.scale);
        return this.unscaled / pow10(this.scale);
    }

    /** `intValue()`: truncated, wrapped to 32 bits as Java's narrowing does. */
    intValue(): number {
        return Number(BigInt.asIntN(32, this.toBigInt()));
    }

    /** `longValue()`: truncated, wrapped to 64 bits. */
    longValue(): bigint {
        return BigInt.asIntN(64, this.toBigInt());
    }

    /** `doubleValue()` */
    doubleValue(): number {
        return Number(this.toPlainString());
    }

    // ---------------------------------------------------------------- comparison

    /** Numeric comparison ignoring scale: -1, 0, 1. */
    compareTo(other: Decimal): number {
        const [x, y] = Decimal.align(this, other);
        return x === y ? 0 : x < y ? -1 : 1;
    }

    /** Numeric equality (Apex `==` on Decimals ignores scale: `1.1 == 1.10`). */
    equals(other: Decimal): boolean {
        return this.compareTo(other) === 0;
    }

    signum(): number {
        return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
    }

    /** A key that is equal for numerically equal Decimals (for set/map keys that ignore scale). */
    numericKey(): string {
        return this.stripTrailingZeros().toString();
    }

    // ---------------------------------------------------------------- text

    /** `String.valueOf(Decimal)` / `toString()`: BigDecimal.toString (scientific notation for tiny values or negative scale). */
    toString(): string {
        const coeff = abs(this.unscaled).toString();
        const sign = this.unscaled < 0n ? '-' : '';
        const adjusted = -this.scale + (coeff.length - 1);
        if (this.scale >= 0 && adjusted >= -6) return sign + plain(coeff, this.scale);
        let out = coeff.length > 1 ? `${coeff[0]}.${coeff.slice(1)}` : coeff;
        out += 'E' + (adjusted >= 0 ? '+' : '') + adjusted;
        return sign + out;
    }

    /** `toPlainString()`: never scientific notation. */
    toPlainString(): string {
        const sign = this.unscaled < 0n ? '-' : '';
        const coeff = abs(this.unscaled).toString();
        if (this.scale <= 0) return sign + coeff + (this.unscaled === 0n ? '' : '0'.repeat(-this.scale));
        return sign + plain(coeff, this.scale);
    }

    /**
     * `format()` for the en_US locale: grouping separators and at most 3 fraction digits (HALF_EVEN), like Java's
     * default NumberFormat, e.g. `12345.6789` → `12,345.679`.
     */
    format(): string {
        const rounded = this.scale > 3 ? this.setScale(3, 'HALF_EVEN') : this;
        const stripped = rounded.scale > 0 ? rounded.stripToScale(0) : rounded.setScale(0);
        const text = stripped.toPlainString();
        const negative = text.startsWith('-');
        const body = negative ? text.slice(1) : text;
        const [intPart, frac] = body.split('.');
        const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        const result = frac ? `${grouped}.${frac}` : grouped;
        return negative && stripped.unscaled !== 0n ? `-${result}` : result;
    }

    /** JSON form: `JSON.serialize` writes the plain string (scale preserved) as a JSON number. */
    toJSON(): string {
        return this.toPlainString();
    }
}

function plain(coeff: string, scale: number): string {
    if (scale <= 0) return coeff;
    if (coeff.length > scale) return `${coeff.slice(0, coeff.length - scale)}.${coeff.slice(coeff.length - scale)}`;
    return `0.${'0'.repeat(scale - coeff.length)}${coeff}`;
}

function gcd(a: bigint, b: bigint): bigint {
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
}

/**
 * Java's `Double.toString(double)`: shortest round-trip digits, plain notation with at least one fraction digit for
 * 10^-3 <= |d| < 10^7, otherwise computerized scientific notation (`1.0E7`, `1.0E-4`).
 */
export function javaDoubleToString(d: number): string {
    if (Number.isNaN(d)) return 'NaN';
    if (d === Infinity) return 'Infinity';
    if (d === -Infinity) return '-Infinity';
    if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
    const a = Math.abs(d);
    const sign = d < 0 ? '-' : '';
    if (a >= 1e-3 && a < 1e7) {
        const s = a.toString();
        if (s.includes('e')) return sign + a.toFixed(20).replace(/0+$/, '');
        return sign + (s.includes('.') ? s : `${s}.0`);
    }
    const [mant, exp] = a.toExponential().split('e');
    const m = mant.includes('.') ? mant : `${mant}.0`;
    return `${sign}${m}E${parseInt(exp, 10)}`;
}
