/**
 * Blob, EncodingUtil, Crypto, Pattern/Matcher (Apex Reference Guide: "Blob Class", "EncodingUtil Class",
 * "Crypto Class", "Pattern Class", "Matcher Class"). RSA and digests use node:crypto.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createHash, createHmac, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, randomInt, createCipheriv, createDecipheriv, generateKeyPairSync } from 'node:crypto';
import { ApexBlob, ApexList, NativeObject } from '../interpreter/rvalues.js';
import { prim } from '../interpreter/types.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import type { NativeRegistry } from './registry.js';
import { valueMethods } from './runtime.js';
import { int, javaRegex, javaRegexFlags, npe } from './util.js';

function blob(v: any): Buffer {
    if (v === null || v === undefined) npe();
    if (!(v instanceof ApexBlob)) throw new PlatformError('System.TypeException', 'Blob argument expected');
    return v.bytes;
}

const DIGESTS: Record<string, string> = { md5: 'md5', sha1: 'sha1', 'sha-1': 'sha1', sha256: 'sha256', 'sha-256': 'sha256', sha512: 'sha512', 'sha-512': 'sha512', sha384: 'sha384', 'sha-384': 'sha384' };
const MACS: Record<string, string> = { hmacmd5: 'md5', hmacsha1: 'sha1', hmacsha256: 'sha256', hmacsha512: 'sha512', hmacsha384: 'sha384' };
const SIGS: Record<string, string> = { 'rsa-sha256': 'sha256', 'rsa-sha1': 'sha1', 'rsa-sha384': 'sha384', 'rsa-sha512': 'sha512', rsa: 'sha1', 'ecdsa-sha256': 'sha256', 'ecdsa-sha384': 'sha384', 'ecdsa-sha512': 'sha512' };

function algo(table: Record<string, string>, name: any, kind: string): string {
    const a = table[String(name).toLowerCase()];
    if (!a) throw new PlatformError('System.InvalidParameterValueException', `Invalid algorithm: ${name}`);
    void kind;
    return a;
}

function privateKey(b: Buffer): any {
    try {
        return createPrivateKey({ key: b, format: 'der', type: 'pkcs8' });
    } catch {
        throw new PlatformError('System.SecurityException', 'Invalid private key');
    }
}

function publicKey(b: Buffer): any {
    try {
        return createPublicKey({ key: b, format: 'der', type: 'spki' });
    } catch {
        try {
            return createPublicKey({ key: b, format: 'der', type: 'pkcs1' });
        } catch {
            throw new PlatformError('System.SecurityException', 'Invalid public key');
        }
    }
}

export function installCrypto(reg: NativeRegistry): void {
    reg.add({
        name: 'Blob',
        statics: {
            valueof: (_rt, a) => {
                if (a[0] === null) npe();
                return new ApexBlob(Buffer.from(String(a[0]), 'utf8'));
            },
            topdf: () => {
                throw new UnsupportedError('Blob.toPdf');
            },
        },
    });
    valueMethods.blob = {
        tostring: (_rt, b: ApexBlob) => {
            const s = b.bytes.toString('utf8');
            if (Buffer.from(s, 'utf8').equals(b.bytes)) return s;
            throw new PlatformError('System.StringException', 'BLOB is not a valid UTF-8 string');
        },
        size: (_rt, b: ApexBlob) => b.bytes.length,
        equals: (_rt, b: ApexBlob, a) => a[0] instanceof ApexBlob && b.bytes.equals(a[0].bytes),
        hashcode: (_rt, b: ApexBlob) => b.bytes.length,
    };

    reg.add({
        name: 'System.EncodingUtil',
        key: 'encodingutil',
        statics: {
            base64encode: (_rt, a) => blob(a[0]).toString('base64'),
            base64decode: (_rt, a) => {
                if (a[0] === null) npe();
                const s = String(a[0]);
                if (!/^[A-Za-z0-9+/=\s_-]*$/.test(s)) throw new PlatformError('System.StringException', 'Unrecognized base64 character');
                return new ApexBlob(Buffer.from(s, 'base64'));
            },
            converttohex: (_rt, a) => blob(a[0]).toString('hex'),
            convertfromhex: (_rt, a) => {
                const s = String(a[0] ?? npe());
                if (!/^([0-9a-fA-F]{2})*$/.test(s)) throw new PlatformError('System.InvalidParameterValueException', 'Invalid hex string');
                return new ApexBlob(Buffer.from(s, 'hex'));
            },
            urlencode: (_rt, a) => {
                const s = String(a[0] ?? npe());
                if (String(a[1]).toUpperCase() !== 'UTF-8') throw new UnsupportedError(`EncodingUtil.urlEncode with ${a[1]}`);
                return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
            },
            urldecode: (_rt, a) => {
                const s = String(a[0] ?? npe());
                try {
                    return decodeURIComponent(s.replace(/\+/g, ' '));
                } catch {
                    throw new PlatformError('System.StringException', `URLDecoder: Illegal hex characters in escape (%) pattern`);
                }
            },
            base64urlencode: (_rt, a) => blob(a[0]).toString('base64url'),
        },
    });

    reg.add({
        name: 'System.Crypto',
        key: 'crypto',
        statics: {
            generatedigest: (_rt, a) => new ApexBlob(createHash(algo(DIGESTS, a[0], 'digest')).update(blob(a[1])).digest()),
            generatemac: (_rt, a) => new ApexBlob(createHmac(algo(MACS, a[0], 'mac'), blob(a[2])).update(blob(a[1])).digest()),
            sign: (_rt, a) => {
                const s = createSign(algo(SIGS, a[0], 'sign'));
                s.update(blob(a[1]));
                return new ApexBlob(s.sign(privateKey(blob(a[2]))));
            },
            verify: (_rt, a) => {
                const v = createVerify(algo(SIGS, a[0], 'verify'));
                v.update(blob(a[1]));
                try {
                    return v.verify(publicKey(blob(a[3])), blob(a[2]));
                } catch (e) {
                    if (e instanceof PlatformError) throw e;
                    return false;
                }
            },
            signwithcertificate: () => {
                throw new UnsupportedError('Crypto.signWithCertificate');
            },
            verifyhmac: (_rt, a) => createHmac(algo(MACS, a[0], 'mac'), blob(a[2])).update(blob(a[1])).digest().equals(blob(a[3])),
            getrandominteger: () => randomInt(-2147483648, 2147483647),
            getrandomlong: () => randomBytes(8).readBigInt64BE(),
            generateaeskey: (_rt, a) => {
                const size = int(a[0]);
                if (![128, 192, 256].includes(size)) throw new PlatformError('System.InvalidParameterValueException', `Invalid key size: ${size}`);
                return new ApexBlob(randomBytes(size / 8));
            },
            encryptwithmanagediv: (_rt, a) => {
                const key = blob(a[1]);
                const iv = randomBytes(16);
                const c = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
                return new ApexBlob(Buffer.concat([iv, c.update(blob(a[2])), c.final()]));
            },
            decryptwithmanagediv: (_rt, a) => {
                const key = blob(a[1]);
                const data = blob(a[2]);
                const d = createDecipheriv(`aes-${key.length * 8}-cbc`, key, data.subarray(0, 16));
                return new ApexBlob(Buffer.concat([d.update(data.subarray(16)), d.final()]));
            },
        },
    });
    void generateKeyPairSync;

    // ---------------------------------------------------------------- Pattern / Matcher
    reg.add({
        name: 'System.Pattern',
        key: 'pattern',
        statics: {
            compile: (_rt, a) => {
                const src = String(a[0] ?? npe());
                try {
                    return new NativeObject('System.Pattern', { src, re: new RegExp(javaRegex(src), 'g' + javaRegexFlags(src)) });
                } catch (e) {
                    if (e instanceof UnsupportedError) throw e;
                    throw new PlatformError('System.StringException', `Invalid regex: ${(e as Error).message}`);
                }
            },
            matches: (_rt, a) => new RegExp(`^(?:${javaRegex(String(a[0]))})$`, javaRegexFlags(String(a[0]))).test(String(a[1] ?? npe())),
            quote: (_rt, a) => String(a[0]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        },
        methods: {
            matcher: (_rt, s: NativeObject, a) => new NativeObject('System.Matcher', { p: s.data, input: String(a[0] ?? npe()), m: null, pos: 0 }),
            pattern: (_rt, s: NativeObject) => s.data.src,
            split: (rt, s: NativeObject, a) => rt.ip.list(prim('string'), String(a[0]).split(new RegExp(s.data.re.source, s.data.re.flags.replace('g', '')))),
        },
    });
    const group = (s: NativeObject, i: number): any => {
        if (!s.data.m) throw new PlatformError('System.StringException', 'No match found');
        const g = s.data.m[i];
        return g === undefined ? null : g;
    };
    reg.add({
        name: 'System.Matcher',
        key: 'matcher',
        methods: {
            matches: (_rt, s: NativeObject) => {
                const re = new RegExp(`^(?:${s.data.p.re.source})$`, s.data.p.re.flags.replace('g', ''));
                s.data.m = re.exec(s.data.input);
                return s.data.m !== null;
            },
            find: (_rt, s: NativeObject, a) => {
                const re = new RegExp(s.data.p.re.source, s.data.p.re.flags.includes('g') ? s.data.p.re.flags : s.data.p.re.flags + 'g');
                re.lastIndex = a.length ? int(a[0]) : s.data.pos;
                const m = re.exec(s.data.input);
                s.data.m = m;
                if (m) s.data.pos = m.index + Math.max(1, m[0].length);
                return m !== null;
            },
            lookingat: (_rt, s: NativeObject) => {
                const re = new RegExp(`^(?:${s.data.p.re.source})`, s.data.p.re.flags.replace('g', ''));
                s.data.m = re.exec(s.data.input);
                return s.data.m !== null;
            },
            group: (_rt, s: NativeObject, a) => group(s, a.length ? int(a[0]) : 0),
            groupcount: (_rt, s: NativeObject) => new RegExp(s.data.p.re.source + '|').exec('')!.length - 1,
            start: (_rt, s: NativeObject) => {
                if (!s.data.m) throw new PlatformError('System.StringException', 'No match available');
                return s.data.m.index;
            },
            end: (_rt, s: NativeObject) => {
                if (!s.data.m) throw new PlatformError('System.StringException', 'No match available');
                return s.data.m.index + s.data.m[0].length;
            },
            replaceall: (_rt, s: NativeObject, a) => s.data.input.replace(new RegExp(s.data.p.re.source, 'g' + s.data.p.re.flags.replace('g', '')), String(a[0])),
            replacefirst: (_rt, s: NativeObject, a) => s.data.input.replace(new RegExp(s.data.p.re.source, s.data.p.re.flags.replace('g', '')), String(a[0])),
            reset: (_rt, s: NativeObject, a) => {
                if (a.length) s.data.input = String(a[0]);
                s.data.m = null;
                s.data.pos = 0;
                return s;
            },
            hitend: () => {
                throw new UnsupportedError('Matcher.hitEnd');
            },
        },
    });
    void ApexList;
}
