/**
 * Runtime value classes owned by the interpreter: objects of Apex classes, collections, enum values, Type values,
 * Double, Blob and native (standard-library) objects. Numbers: Integer = JS number (int32), Long = bigint,
 * Double = ApexDouble, Decimal = the value layer's Decimal.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ClassInfo } from './classes.js';
import type { RType } from './types.js';

export class ApexObject {
    readonly fields = new Map<string, any>();
    /** Native state for exceptions and standard classes an Apex class extends. */
    native: any = null;
    constructor(public readonly cls: ClassInfo) {}
}

export class ApexDouble {
    constructor(public readonly v: number) {}
}

export class ApexBlob {
    constructor(public readonly bytes: Buffer) {}
}

export class ApexEnumValue {
    constructor(
        public readonly enumName: string,
        public readonly name: string,
        public readonly ordinal: number,
        public readonly owner: ClassInfo | null,
    ) {}
    toString(): string {
        return this.name;
    }
}

export class ApexTypeValue {
    constructor(public readonly t: RType) {}
}

export class ApexList {
    /** For-each loops currently iterating this list (structural changes then throw FinalException). */
    iterating = 0;
    constructor(
        public el: RType,
        public items: any[] = [],
    ) {}
}

export class ApexSet {
    readonly map = new Map<any, any>();
    /** For-each loops currently iterating this set. */
    iterating = 0;
    constructor(public el: RType) {}
    add(v: any): boolean {
        const k = keyOf(v);
        if (this.map.has(k)) return false;
        this.map.set(k, v);
        return true;
    }
    has(v: any): boolean {
        return this.map.has(keyOf(v));
    }
    delete(v: any): boolean {
        return this.map.delete(keyOf(v));
    }
    values(): any[] {
        return [...this.map.values()];
    }
}

export class ApexMap {
    readonly map = new Map<any, [any, any]>();
    /** Case-insensitive String keys (describe maps such as getGlobalDescribe() and fields.getMap()). */
    ci = false;
    constructor(
        public keyT: RType,
        public valT: RType,
    ) {}
    private k(k: any): any {
        return this.ci && typeof k === 'string' ? k.toLowerCase() : keyOf(k);
    }
    get(k: any): any {
        const e = this.map.get(this.k(k));
        return e === undefined ? null : e[1];
    }
    put(k: any, v: any): any {
        const kk = this.k(k);
        const prev = this.map.get(kk);
        this.map.set(kk, [k, v]);
        return prev ? prev[1] : null;
    }
    has(k: any): boolean {
        return this.map.has(this.k(k));
    }
    delete(k: any): any {
        const kk = this.k(k);
        const prev = this.map.get(kk);
        this.map.delete(kk);
        return prev ? prev[1] : null;
    }
    keys(): any[] {
        return [...this.map.values()].map((e) => e[0]);
    }
    vals(): any[] {
        return [...this.map.values()].map((e) => e[1]);
    }
}

/** An instance of a standard-library class implemented in TypeScript (HttpRequest, JSONGenerator, ...). */
export class NativeObject {
    constructor(
        public readonly typeName: string,
        public readonly data: any,
    ) {}
}

let keyHook: ((v: any) => any) | null = null;
/** Lets the interpreter teach keyOf about value-layer types (Decimal, Date, SObject). */
export function setKeyHook(h: (v: any) => any): void {
    keyHook = h;
}

/** Key for Set/Map membership: Apex uses value equality for primitives, SObjects and collections. */
export function keyOf(v: any): any {
    if (v === null || v === undefined) return null;
    const t = typeof v;
    if (t === 'string' || t === 'boolean') return v;
    if (t === 'number') return v;
    if (t === 'bigint') return 'L:' + v.toString();
    if (v instanceof ApexDouble) return v.v;
    if (v instanceof ApexEnumValue) return v;
    if (keyHook) return keyHook(v);
    return v;
}
