/**
 * Salesforce record Ids: 15-character case-sensitive and 18-character case-insensitive forms.
 *
 * The 18-character suffix encodes, for each 5-character chunk of the 15-character Id, which characters are upper
 * case (bit i set when character i is A-Z), mapped through `A-Z0-5`. Source: Apex Developer Guide, "Primitive Data
 * Types" (ID: "If you set ID to a 15-character value, Apex converts the value to its 18-character representation.
 * All invalid ID values are rejected with a runtime exception.").
 */
import { PlatformError } from './errors.js';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_CHARS = /^[a-zA-Z0-9]+$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The 3-character checksum suffix of a 15-character Id. */
export function idSuffix(id15: string): string {
    let out = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charCodeAt(chunk * 5 + i);
            if (c >= 65 && c <= 90) bits |= 1 << i;
        }
        out += SUFFIX_ALPHABET[bits];
    }
    return out;
}

/** True for a syntactically valid 15- or 18-character Id (an 18-character Id must carry the right suffix). */
export function isValidId(value: unknown): value is string {
    if (typeof value !== 'string') return false;
    if (!ID_CHARS.test(value)) return false;
    if (value.length === 15) return true;
    if (value.length === 18) return idSuffix(value.slice(0, 15)) === value.slice(15).toUpperCase();
    return false;
}

/**
 * Normalises an Id to 18 characters (what an Apex `Id` variable holds). The suffix of an 18-character input is
 * recomputed so that the returned casing is canonical. Throws `System.StringException: Invalid id: <value>`.
 */
export function to18(value: string): string {
    if (!isValidId(value)) throw new PlatformError('System.StringException', `Invalid id: ${value}`);
    const id15 = value.slice(0, 15);
    return id15 + idSuffix(id15);
}

/** The 15-character form (`Id.to15()`). */
export function to15(value: string): string {
    return to18(value).slice(0, 15);
}

/** The key prefix (first three characters), which identifies the SObject type. */
export function keyPrefixOf(id: string): string {
    return id.slice(0, 3);
}

/** Compares two Id values as Apex `Id`s do (15- and 18-character forms of one record are equal). */
export function idsEqual(a: string | null | undefined, b: string | null | undefined): boolean {
    if (a == null || b == null) return a == b;
    if (!isValidId(a) || !isValidId(b)) return a === b;
    return a.slice(0, 15) === b.slice(0, 15);
}

/**
 * Generates realistic, unique, valid 18-character Ids per key prefix: `<prefix>` + pod `Kf` + `0` + a 9-character
 * base-62 counter + checksum. Deterministic (a counter per generator), so test output is reproducible.
 */
export class IdGenerator {
    private counter = 0;

    next(keyPrefix: string): string {
        if (!/^[a-zA-Z0-9]{3}$/.test(keyPrefix)) throw new Error(`Invalid key prefix: ${keyPrefix}`);
        this.counter++;
        let n = this.counter;
        let body = '';
        for (let i = 0; i < 9; i++) {
            body = BASE62[n % 62] + body;
            n = Math.floor(n / 62);
        }
        const id15 = `${keyPrefix}Kf0${body}`;
        return id15 + idSuffix(id15);
    }

    /** Current counter, for snapshot/restore of the org. */
    get state(): number {
        return this.counter;
    }

    set state(value: number) {
        this.counter = value;
    }
}
