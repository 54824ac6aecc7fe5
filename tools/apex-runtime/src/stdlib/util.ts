/** Small helpers shared by the standard-library modules. */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { PlatformError, UnsupportedError } from '../values/errors.js';
import { toJsNumber } from '../interpreter/ops.js';

export function npe(): never {
    throw new PlatformError('System.NullPointerException', 'Attempt to de-reference a null object');
}

export function argc(name: string, args: any[], ...allowed: number[]): void {
    if (!allowed.includes(args.length)) throw new UnsupportedError(`${name} with ${args.length} arguments`);
}

export function int(v: any): number {
    if (v === null || v === undefined) npe();
    return Math.trunc(toJsNumber(v));
}

export function strArg(v: any): string {
    if (v === null || v === undefined) npe();
    return String(v);
}

/** Splits by a Java regular expression the way String.split does (trailing empty strings removed). */
export function javaSplit(s: string, regex: string, limit = 0): string[] {
    if (s === '') return [''];
    const re = new RegExp(javaRegex(regex), 'g');
    const out: string[] = [];
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
        if (limit > 0 && out.length === limit - 1) break;
        if (m[0] === '') {
            if (m.index === 0 || m.index >= s.length) {
                re.lastIndex++;
                continue;
            }
            out.push(s.slice(last, m.index));
            last = m.index;
            re.lastIndex++;
            continue;
        }
        if (m.index === 0 && last === 0 && m[0].length > 0 && out.length === 0) {
            // a leading match produces a leading empty string (Java keeps it when the match has width)
            out.push('');
            last = m.index + m[0].length;
            continue;
        }
        out.push(s.slice(last, m.index));
        last = m.index + m[0].length;
    }
    out.push(s.slice(last));
    if (limit === 0) while (out.length > 1 && out[out.length - 1] === '') out.pop();
    if (limit === 0 && out.length === 1 && out[0] === '' && s !== '') return [];
    return out;
}

/** Translates the common differences between Java and JavaScript regular expressions. */
export function javaRegex(re: string): string {
    // possessive quantifiers and atomic groups are not supported by JS
    if (/\(\?>|[*+?}]\+/.test(re)) throw new UnsupportedError(`regular expression feature in ${re}`);
    return re.replace(/\\p\{Alpha\}/g, '[A-Za-z]').replace(/\\p\{Punct\}/g, '[!-\\/:-@\\[-`{-~]').replace(/\(\?i\)/g, '');
}

export function javaRegexFlags(re: string): string {
    return /^\(\?i\)/.test(re) ? 'i' : '';
}
