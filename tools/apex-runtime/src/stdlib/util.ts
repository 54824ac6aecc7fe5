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
const regexCache = new Map<string, RegExp>();

/** A compiled (and cached) JS RegExp for a Java regular expression; `g` adds the global flag. */
export function compileJavaRegex(re: string, global: boolean): RegExp {
    const key = (global ? 'g' : '-') + re;
    let r = regexCache.get(key);
    if (!r) {
        r = new RegExp(javaRegex(re), (global ? 'g' : '') + javaRegexFlags(re));
        regexCache.set(key, r);
    }
    r.lastIndex = 0;
    return r;
}

export function javaRegex(re: string): string {
    // possessive quantifiers and atomic groups are not supported by JS
    if (/\(\?>|[*+?}]\+/.test(re)) throw new UnsupportedError(`regular expression feature in ${re}`);
    let out = re.replace(/\\p\{Alpha\}/g, '[A-Za-z]').replace(/\\p\{Punct\}/g, '[!-\\/:-@\\[-`{-~]').replace(/^\(\?i\)/, '');
    if (out.includes('\\Q')) out = out.replace(/\\Q([\s\S]*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    // inline case-insensitive groups (?i:...) are not supported by this Node version: expand their letters
    for (;;) {
        const start = out.indexOf('(?i:');
        if (start < 0) break;
        let depth = 0;
        let end = -1;
        for (let i = start; i < out.length; i++) {
            if (out[i] === '\\') {
                i++;
                continue;
            }
            if (out[i] === '(') depth++;
            else if (out[i] === ')') {
                depth--;
                if (depth === 0) {
                    end = i;
                    break;
                }
            }
        }
        if (end < 0) break;
        out = out.slice(0, start) + '(?:' + caseFold(out.slice(start + 4, end)) + ')' + out.slice(end + 1);
    }
    if (out.includes('(?i)')) throw new UnsupportedError(`regular expression flag (?i) after the start in ${re}`);
    return out;
}

function caseFold(s: string): string {
    let out = '';
    let inClass = false;
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '\\') {
            out += c + (s[i + 1] ?? '');
            i++;
            continue;
        }
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        if (/[a-zA-Z]/.test(c)) {
            const both = c.toLowerCase() + c.toUpperCase();
            out += inClass ? both : `[${both}]`;
        } else out += c;
    }
    return out;
}

export function javaRegexFlags(re: string): string {
    return /^\(\?i\)/.test(re) ? 'i' : '';
}
