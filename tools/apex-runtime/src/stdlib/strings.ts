/**
 * String methods (Apex Reference Guide, "String Class":
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ApexBlob, ApexDouble, ApexList, ApexSet } from '../interpreter/rvalues.js';
import { prim } from '../interpreter/types.js';
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime } from '../values/datetime.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import type { MethodFn, NativeRegistry, StaticFn } from './registry.js';
import type { Runtime } from './runtime.js';
import { compileJavaRegex, int, javaSplit, npe, strArg } from './util.js';

const S = prim('string');
const isBlank = (s: any): boolean => s === null || s === undefined || String(s).trim() === '';
const isWs = (c: string): boolean => /\s/.test(c);

function abbreviate(s: string, max: number, offset = 0): string {
    if (max < 4) throw new PlatformError('System.StringException', 'Minimum abbreviation width is 4');
    if (s.length <= max) return s;
    if (offset <= 0) return s.slice(0, max - 3) + '...';
    if (max < 7) throw new PlatformError('System.StringException', 'Minimum abbreviation width with offset is 7');
    if (offset > s.length) offset = s.length;
    if (s.length - offset < max - 3) offset = s.length - (max - 3);
    if (offset <= 4) return s.slice(0, max - 3) + '...';
    if (offset + max - 3 < s.length) return '...' + abbreviate(s.slice(offset), max - 3);
    return '...' + s.slice(s.length - (max - 3));
}

function pad(s: string, size: number, p: string, left: boolean): string {
    if (p === '') p = ' ';
    const n = size - s.length;
    if (n <= 0) return s;
    const fill = p.repeat(Math.ceil(n / p.length)).slice(0, n);
    return left ? fill + s : s + fill;
}

export function messageFormat(pattern: string, args: string[]): string {
    let out = '';
    let i = 0;
    while (i < pattern.length) {
        const c = pattern[i];
        if (c === "'") {
            if (pattern[i + 1] === "'") {
                out += "'";
                i += 2;
                continue;
            }
            const end = pattern.indexOf("'", i + 1);
            if (end < 0) {
                out += pattern.slice(i + 1);
                break;
            }
            out += pattern.slice(i + 1, end);
            i = end + 1;
            continue;
        }
        if (c === '{') {
            const end = pattern.indexOf('}', i);
            const spec = pattern.slice(i + 1, end).split(',');
            const idx = parseInt(spec[0], 10);
            out += idx < args.length ? args[idx] : `{${spec[0]}}`;
            i = end + 1;
            continue;
        }
        out += c;
        i++;
    }
    return out;
}

function escapeXml(s: string): string {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function escapeHtml(s: string): string {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeHtml(s: string): string {
    return s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
}

function escapeJava(s: string): string {
    return s.replace(/[\\"\n\r\t\b\f]/g, (c: string) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c]!);
}

function escapeEcma(s: string): string {
    return s.replace(/[\\"'/\n\r\t\b\f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', "'": "\\'", '/': '\\/', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c]!);
}

function replaceArg(rep: string): string {
    // Java replacement strings use $1 and \$; JS uses $1 and $$
    let out = '';
    for (let i = 0; i < rep.length; i++) {
        const c = rep[i];
        if (c === '\\' && i + 1 < rep.length) {
            const n = rep[++i];
            out += n === '$' ? '$$' : n;
        } else out += c;
    }
    return out;
}

function levenshtein(a: string, b: string): number {
    const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = dp[0];
        dp[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = dp[j];
            dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return dp[b.length];
}

function javaHash(s: string): number {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    return h;
}

function substringIdx(s: string, start: number, end = s.length): string {
    if (start < 0 || end > s.length || start > end) {
        throw new PlatformError('System.StringException', `Ending position out of bounds: ${end}`);
    }
    return s.slice(start, end);
}

export const stringMethods: Record<string, MethodFn> = {
    abbreviate: (_rt, s, a) => abbreviate(s, int(a[0]), a[1] !== undefined ? int(a[1]) : 0),
    capitalize: (_rt, s) => (s ? s[0].toUpperCase() + s.slice(1) : s),
    center: (_rt, s, a) => {
        const size = int(a[0]);
        const p = a[1] ?? ' ';
        const n = size - s.length;
        if (n <= 0) return s;
        const left = Math.floor(n / 2);
        return pad(pad(s, s.length + left, p, true), size, p, false);
    },
    charat: (_rt, s, a) => {
        const i = int(a[0]);
        if (i < 0 || i >= s.length) throw new PlatformError('System.StringException', `String index out of range: ${i}`);
        return s.charCodeAt(i);
    },
    codepointat: (_rt, s, a) => s.codePointAt(int(a[0])) ?? npe(),
    compareto: (_rt, s, a) => {
        const o = strArg(a[0]);
        for (let i = 0; i < Math.min(s.length, o.length); i++) if (s[i] !== o[i]) return s.charCodeAt(i) - o.charCodeAt(i);
        return s.length - o.length;
    },
    contains: (_rt, s, a) => s.includes(strArg(a[0])),
    containsany: (_rt, s, a) => [...strArg(a[0])].some((c) => s.includes(c)),
    containsignorecase: (_rt, s, a) => s.toLowerCase().includes(strArg(a[0]).toLowerCase()),
    containsnone: (_rt, s, a) => (a[0] === null ? true : ![...String(a[0])].some((c) => s.includes(c))),
    containsonly: (_rt, s, a) => [...s].every((c) => strArg(a[0]).includes(c)),
    containswhitespace: (_rt, s) => /\s/.test(s),
    countmatches: (_rt, s, a) => {
        const sub = strArg(a[0]);
        if (!sub) return 0;
        return s.split(sub).length - 1;
    },
    deletewhitespace: (_rt, s) => s.replace(/\s+/g, ''),
    difference: (_rt, s, a) => {
        const o = strArg(a[0]);
        let i = 0;
        while (i < s.length && i < o.length && s[i] === o[i]) i++;
        return o.slice(i);
    },
    endswith: (_rt, s, a) => s.endsWith(strArg(a[0])),
    endswithignorecase: (_rt, s, a) => s.toLowerCase().endsWith(strArg(a[0]).toLowerCase()),
    equals: (_rt, s, a) => typeof a[0] === 'string' && s === a[0],
    equalsignorecase: (_rt, s, a) => typeof a[0] === 'string' && s.toLowerCase() === a[0].toLowerCase(),
    escapecsv: (_rt, s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s),
    escapeecmascript: (_rt, s) => escapeEcma(s),
    escapehtml3: (_rt, s) => escapeHtml(s),
    escapehtml4: (_rt, s) => escapeHtml(s),
    escapejava: (_rt, s) => escapeJava(s),
    escapesinglequotes: (_rt, s) => s.replace(/'/g, "\\'"),
    escapeunicode: (_rt, s) => s.replace(/[^\x20-\x7e]/g, (c: string) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')),
    escapexml: (_rt, s) => escapeXml(s),
    getchars: (rt, s) => rt.ip.list(prim('integer'), [...s].map((c) => c.charCodeAt(0))),
    getlevenshteindistance: (_rt, s, a) => levenshtein(s, strArg(a[0])),
    hashcode: (_rt, s) => javaHash(s),
    indexof: (_rt, s, a) => s.indexOf(strArg(a[0]), a[1] !== undefined ? int(a[1]) : 0),
    indexofany: (_rt, s, a) => {
        const chars = strArg(a[0]);
        for (let i = 0; i < s.length; i++) if (chars.includes(s[i])) return i;
        return -1;
    },
    indexofanybut: (_rt, s, a) => {
        const chars = strArg(a[0]);
        for (let i = 0; i < s.length; i++) if (!chars.includes(s[i])) return i;
        return -1;
    },
    indexofchar: (_rt, s, a) => s.indexOf(String.fromCharCode(int(a[0])), a[1] !== undefined ? int(a[1]) : 0),
    indexofdifference: (_rt, s, a) => {
        const o = strArg(a[0]);
        if (s === o) return -1;
        let i = 0;
        while (i < s.length && i < o.length && s[i] === o[i]) i++;
        return i;
    },
    indexofignorecase: (_rt, s, a) => s.toLowerCase().indexOf(strArg(a[0]).toLowerCase(), a[1] !== undefined ? int(a[1]) : 0),
    isalllowercase: (_rt, s) => s.length > 0 && /^[a-z]+$/.test(s),
    isalluppercase: (_rt, s) => s.length > 0 && /^[A-Z]+$/.test(s),
    isalpha: (_rt, s) => s.length > 0 && /^[A-Za-z]+$/.test(s),
    isalphaspace: (_rt, s) => /^[A-Za-z ]*$/.test(s),
    isalphanumeric: (_rt, s) => s.length > 0 && /^[A-Za-z0-9]+$/.test(s),
    isalphanumericspace: (_rt, s) => /^[A-Za-z0-9 ]*$/.test(s),
    isasciiprintable: (_rt, s) => /^[\x20-\x7e]*$/.test(s),
    isnumeric: (_rt, s) => s.length > 0 && /^[0-9]+$/.test(s),
    isnumericspace: (_rt, s) => /^[0-9 ]*$/.test(s),
    iswhitespace: (_rt, s) => /^\s*$/.test(s),
    lastindexof: (_rt, s, a) => (a[1] !== undefined ? s.lastIndexOf(strArg(a[0]), int(a[1])) : s.lastIndexOf(strArg(a[0]))),
    lastindexofchar: (_rt, s, a) => s.lastIndexOf(String.fromCharCode(int(a[0]))),
    lastindexofignorecase: (_rt, s, a) => s.toLowerCase().lastIndexOf(strArg(a[0]).toLowerCase()),
    left: (_rt, s, a) => (int(a[0]) < 0 ? '' : s.slice(0, int(a[0]))),
    leftpad: (_rt, s, a) => pad(s, int(a[0]), a[1] ?? ' ', true),
    length: (_rt, s) => s.length,
    mid: (_rt, s, a) => {
        const start = Math.max(0, int(a[0]));
        const len = int(a[1]);
        if (len < 0 || start > s.length) return '';
        return s.slice(start, start + len);
    },
    normalizespace: (_rt, s) => s.trim().replace(/\s+/g, ' '),
    remove: (_rt, s, a) => (a[0] ? s.split(String(a[0])).join('') : s),
    removeend: (_rt, s, a) => (a[0] && s.endsWith(a[0]) ? s.slice(0, s.length - a[0].length) : s),
    removeendignorecase: (_rt, s, a) => (a[0] && s.toLowerCase().endsWith(String(a[0]).toLowerCase()) ? s.slice(0, s.length - a[0].length) : s),
    removestart: (_rt, s, a) => (a[0] && s.startsWith(a[0]) ? s.slice(a[0].length) : s),
    removestartignorecase: (_rt, s, a) => (a[0] && s.toLowerCase().startsWith(String(a[0]).toLowerCase()) ? s.slice(a[0].length) : s),
    repeat: (_rt, s, a) => {
        if (a.length === 2) {
            const n = int(a[1]);
            return n <= 0 ? '' : Array(n).fill(s).join(strArg(a[0]));
        }
        const n = int(a[0]);
        return n <= 0 ? '' : s.repeat(n);
    },
    replace: (_rt, s, a) => s.split(strArg(a[0])).join(strArg(a[1])),
    replaceall: (_rt, s, a) => s.replace(compileJavaRegex(strArg(a[0]), true), replaceArg(strArg(a[1]))),
    replacefirst: (_rt, s, a) => s.replace(compileJavaRegex(strArg(a[0]), false), replaceArg(strArg(a[1]))),
    reverse: (_rt, s) => [...s].reverse().join(''),
    right: (_rt, s, a) => (int(a[0]) <= 0 ? '' : s.slice(-int(a[0]))),
    rightpad: (_rt, s, a) => pad(s, int(a[0]), a[1] ?? ' ', false),
    split: (rt, s, a) => rt.ip.list(S, javaSplit(s, strArg(a[0]), a[1] !== undefined ? int(a[1]) : 0)),
    splitbycharactertype: (rt, s) => rt.ip.list(S, s.match(/[A-Z]+|[a-z]+|[0-9]+|\s+|[^A-Za-z0-9\s]+/g) ?? []),
    startswith: (_rt, s, a) => s.startsWith(strArg(a[0])),
    startswithignorecase: (_rt, s, a) => s.toLowerCase().startsWith(strArg(a[0]).toLowerCase()),
    striphtmltags: (_rt, s) => s.replace(/<[^>]*>/g, ''),
    substring: (_rt, s, a) => substringIdx(s, int(a[0]), a[1] !== undefined ? int(a[1]) : s.length),
    substringafter: (_rt, s, a) => {
        if (a[0] === null) return '';
        const i = s.indexOf(a[0]);
        return i < 0 ? '' : s.slice(i + a[0].length);
    },
    substringafterlast: (_rt, s, a) => {
        if (!a[0]) return '';
        const i = s.lastIndexOf(a[0]);
        return i < 0 || i === s.length - a[0].length ? '' : s.slice(i + a[0].length);
    },
    substringbefore: (_rt, s, a) => {
        if (a[0] === null) return s;
        const i = s.indexOf(a[0]);
        return i < 0 ? s : s.slice(0, i);
    },
    substringbeforelast: (_rt, s, a) => {
        if (!a[0]) return s;
        const i = s.lastIndexOf(a[0]);
        return i < 0 ? s : s.slice(0, i);
    },
    substringbetween: (_rt, s, a) => {
        const open = strArg(a[0]);
        const close = a.length > 1 ? strArg(a[1]) : open;
        const i = s.indexOf(open);
        if (i < 0) return null;
        const j = s.indexOf(close, i + open.length);
        return j < 0 ? null : s.slice(i + open.length, j);
    },
    swapcase: (_rt, s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
    tolowercase: (_rt, s) => s.toLowerCase(),
    touppercase: (_rt, s) => s.toUpperCase(),
    trim: (_rt, s) => s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, ''),
    strip: (_rt, s) => s.trim(),
    uncapitalize: (_rt, s) => (s ? s[0].toLowerCase() + s.slice(1) : s),
    unescapecsv: (_rt, s) => (/^".*"$/s.test(s) ? s.slice(1, -1).replace(/""/g, '"') : s),
    unescapehtml3: (_rt, s) => unescapeHtml(s),
    unescapehtml4: (_rt, s) => unescapeHtml(s),
    unescapexml: (_rt, s) => unescapeHtml(s),
    unescapejava: (_rt, s) => s.replace(/\\(["\\nrtbf'])/g, (_m: string, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c as 'n'] ?? c),
    unescapeecmascript: (_rt, s) => s.replace(/\\(["\\nrtbf'/])/g, (_m: string, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c as 'n'] ?? c),
    unescapeunicode: (_rt, s) => s.replace(/\\u([0-9a-fA-F]{4})/g, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))),
    tostring: (_rt, s) => s,
    format: (rt, s, a) => stringStatics.format(rt, [s, ...a]),
    isblank: (_rt, s) => isBlank(s),
    isnotblank: (_rt, s) => !isBlank(s),
    isempty: (_rt, s) => s === '',
    isnotempty: (_rt, s) => s !== '',
};

export const stringStatics: Record<string, StaticFn> = {
    valueof: (rt, a) => {
        const v = a[0];
        if (v === null || v === undefined) return 'null';
        if (v instanceof ApexDatetime) return v.toLocalString();
        if (v instanceof ApexDate) return v.toString();
        if (v instanceof ApexDouble || v instanceof Decimal || typeof v !== 'object') return rt.ip.str(v);
        return rt.ip.str(v);
    },
    valueofgmt: (_rt, a) => (a[0] as ApexDatetime).toString(),
    isblank: (_rt, a) => isBlank(a[0]),
    isnotblank: (_rt, a) => !isBlank(a[0]),
    isempty: (_rt, a) => a[0] === null || a[0] === '',
    isnotempty: (_rt, a) => !(a[0] === null || a[0] === ''),
    join: (rt, a) => {
        const it = a[0];
        if (it === null) npe();
        const items = it instanceof ApexList ? it.items : it instanceof ApexSet ? it.values() : null;
        if (!items) throw new UnsupportedError('String.join over a custom Iterable');
        return items.map((x) => rt.ip.str(x)).join(a[1] === null ? 'null' : a[1]);
    },
    format: (rt, a) => {
        const pattern = strArg(a[0]);
        const list = a[1];
        // String.format is java.text.MessageFormat: numbers and dates are formatted for the en_US locale
        const fmt = (x: any): string => {
            if (x === null || x === undefined) return 'null';
            if (typeof x === 'number' || typeof x === 'bigint') return BigInt(x).toLocaleString('en-US');
            if (x instanceof Decimal) return x.format();
            if (x instanceof ApexDouble) return Decimal.fromDouble(x.v).format();
            if (x instanceof ApexDatetime) return x.format();
            if (x instanceof ApexDate) return x.format();
            return rt.ip.str(x);
        };
        const args = list === null || list === undefined ? [] : (list as ApexList).items.map(fmt);
        return messageFormat(pattern, args);
    },
    escapesinglequotes: (_rt, a) => strArg(a[0]).replace(/'/g, "\\'"),
    fromchararray: (_rt, a) => String.fromCharCode(...(a[0] as ApexList).items),
    fromcodepoints: (_rt, a) => String.fromCodePoint(...(a[0] as ApexList).items),
    getcommonprefix: (_rt, a) => {
        const items: string[] = (a[0] as ApexList).items;
        if (!items.length) return '';
        let p = items[0] ?? '';
        for (const s of items) while (!String(s ?? '').startsWith(p)) p = p.slice(0, -1);
        return p;
    },
    isallblank: () => {
        throw new UnsupportedError('String.isAllBlank');
    },
};

/** `Blob.toString()` etc. live in crypto.ts; String.valueOf(Blob) is not allowed on the platform either. */
export function blobToString(b: ApexBlob): string {
    return b.bytes.toString('utf8');
}

export function installStrings(reg: NativeRegistry): void {
    reg.add({ name: 'String', statics: stringStatics });
}
