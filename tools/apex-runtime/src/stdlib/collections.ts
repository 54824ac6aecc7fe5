/**
 * List, Set and Map methods (Apex Reference Guide, "List Class", "Set Class", "Map Class"). Sets and maps keep
 * insertion order, as the platform documents for iteration since API 39 (Set) / always for Map keySet/values.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { compare } from '../interpreter/ops.js';
import { ApexEnumValue, ApexList, ApexMap, ApexObject, ApexSet, NativeObject } from '../interpreter/rvalues.js';
import { isSObject } from '../interpreter/sobj.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import type { MethodFn, NativeRegistry } from './registry.js';
import type { Runtime } from './runtime.js';
import { int, npe } from './util.js';

/** Converts a lookup argument to the collection's element type (a String passed for an Id element). */
function key(rt: Runtime, v: any, t: import('../interpreter/types.js').RType): any {
    if (typeof v !== 'string' || t.k !== 'prim' || t.n !== 'id') return v;
    try {
        return rt.ip.coerce(v, t);
    } catch {
        return v;
    }
}

/**
 * Structural changes during a for-each over the same collection throw (Apex Developer Guide, "Iterating
 * Collections"; for sets from API 62.0, Winter '25 release notes).
 */
function mutating(c: ApexList | ApexSet, rt?: Runtime): void {
    if (c.iterating === 0) return;
    if (c instanceof ApexSet && rt && Number(rt.data.schema.apiVersion) < 62) return;
    throw new PlatformError('System.FinalException', 'Cannot modify a collection while it is being iterated.');
}

function bounds(l: ApexList, i: number, allowEnd = false): void {
    if (i < 0 || i > l.items.length || (!allowEnd && i === l.items.length)) {
        throw new PlatformError('System.ListException', `List index out of bounds: ${i}`);
    }
}

function iterItems(v: any): any[] {
    if (v === null || v === undefined) npe();
    if (v instanceof ApexList) return v.items;
    if (v instanceof ApexSet) return v.values();
    throw new UnsupportedError('addAll from a custom Iterable');
}

function sortCompare(rt: Runtime, a: any, b: any): number {
    if (a === null && b === null) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    if (a instanceof ApexObject) {
        if (!rt.ip.hasMethod(a, 'compareTo', 1)) throw new PlatformError('System.ListException', 'One or more of the items in this list is not Comparable');
        return int(rt.ip.callMethod(a, 'compareTo', [b]));
    }
    if (a instanceof ApexEnumValue && b instanceof ApexEnumValue) return a.ordinal - b.ordinal;
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    if (isSObject(a) && isSObject(b)) {
        // Apex Developer Guide "Sorting Lists of sObjects": the sObject type's label, then the Name field, then
        // standard fields in alphabetical order (except Id and Name), then custom fields in alphabetical order.
        const label = (t: string): string => rt.data.schema.getObject(t)?.label ?? t;
        const la = label(a.type);
        const lb = label(b.type);
        if (la !== lb) return la < lb ? -1 : 1;
        const cmpField = (k: string): number => {
            const x = a.fields.has(k) ? a.fields.get(k) : null;
            const y = b.fields.has(k) ? b.fields.get(k) : null;
            if (x === null && y === null) return 0;
            if (x === null) return -1;
            if (y === null) return 1;
            if (isSObject(x) || isSObject(y)) return 0;
            try {
                return compare(x, y) ?? 0;
            } catch {
                return 0;
            }
        };
        const byName = cmpField('name');
        if (byName !== 0) return byName;
        const keys = [...new Set([...a.fields.keys(), ...b.fields.keys()])].filter((k) => k !== 'id' && k !== 'name');
        const standard = keys.filter((k) => !k.endsWith('__c')).sort();
        const custom = keys.filter((k) => k.endsWith('__c')).sort();
        for (const k of [...standard, ...custom]) {
            const c = cmpField(k);
            if (c !== 0) return c;
        }
        return 0;
    }
    return compare(a, b) ?? 0;
}

function deepCloneValue(rt: Runtime, v: any, preserveId: boolean): any {
    if (isSObject(v)) {
        const c = v.clone() as any;
        if (!preserveId) c.put('Id', null);
        void rt;
        return c;
    }
    return v;
}

export function makeIterator(items: any[]): NativeObject {
    return new NativeObject('System.Iterator', { items, i: 0 });
}

export const listMethods: Record<string, MethodFn> = {
    add: (_rt, l: ApexList, a) => {
        mutating(l);
        if (a.length === 2) {
            const i = int(a[0]);
            bounds(l, i, true);
            l.items.splice(i, 0, a[1]);
            return null;
        }
        l.items.push(_rt.ip.coerce(a[0], l.el));
        return null;
    },
    addall: (rt, l: ApexList, a) => {
        mutating(l);
        for (const x of iterItems(a[0])) l.items.push(rt.ip.coerce(x, l.el));
        return null;
    },
    clear: (_rt, l: ApexList) => {
        mutating(l);
        l.items.length = 0;
        return null;
    },
    clone: (_rt, l: ApexList) => new ApexList(l.el, l.items.slice()),
    contains: (rt, l: ApexList, a) => l.items.some((x) => rt.ip.equalsValues(x, a[0])),
    deepclone: (rt, l: ApexList, a) => new ApexList(l.el, l.items.map((x) => deepCloneValue(rt, x, a[0] === true))),
    equals: (rt, l: ApexList, a) => rt.ip.equalsValues(l, a[0]),
    get: (rt, l: ApexList, a) => rt.ip.listGet(l, a[0]),
    getsobjecttype: (rt, l: ApexList) => rt.sobjectTypeToken(l.el.k === 'sobject' ? l.el.name : null),
    hashcode: (_rt, l: ApexList) => l.items.length,
    indexof: (rt, l: ApexList, a) => l.items.findIndex((x) => rt.ip.equalsValues(x, a[0])),
    isempty: (_rt, l: ApexList) => l.items.length === 0,
    iterator: (_rt, l: ApexList) => makeIterator(l.items),
    remove: (_rt, l: ApexList, a) => {
        mutating(l);
        const i = int(a[0]);
        bounds(l, i);
        return l.items.splice(i, 1)[0];
    },
    set: (rt, l: ApexList, a) => {
        const i = int(a[0]);
        bounds(l, i);
        l.items[i] = rt.ip.coerce(a[1], l.el);
        return null;
    },
    size: (_rt, l: ApexList) => l.items.length,
    sort: (rt, l: ApexList, a) => {
        if (a.length === 1) {
            const cmp = a[0];
            if (cmp === null) npe();
            l.items.sort((x, y) => int(rt.ip.callAny(cmp, 'compare', [x, y])));
            return null;
        }
        const sorted = l.items.slice().sort((x, y) => sortCompare(rt, x, y));
        l.items.splice(0, l.items.length, ...sorted);
        return null;
    },
    tostring: (rt, l: ApexList) => rt.ip.str(l),
    isnotempty: (_rt, l: ApexList) => l.items.length > 0,
};

export const setMethods: Record<string, MethodFn> = {
    add: (rt, s: ApexSet, a) => {
        mutating(s, rt);
        return s.add(rt.ip.coerce(a[0], s.el));
    },
    addall: (rt, s: ApexSet, a) => {
        mutating(s, rt);
        let changed = false;
        for (const x of iterItems(a[0])) changed = s.add(rt.ip.coerce(x, s.el)) || changed;
        return changed;
    },
    clear: (rt, s: ApexSet) => {
        mutating(s, rt);
        s.map.clear();
        return null;
    },
    clone: (rt, s: ApexSet) => {
        const c = new ApexSet(s.el);
        for (const v of s.values()) c.add(v);
        return c;
    },
    contains: (rt, s: ApexSet, a) => s.has(key(rt, a[0], s.el)),
    containsall: (rt, s: ApexSet, a) => iterItems(a[0]).every((x) => s.has(x)),
    equals: (rt, s: ApexSet, a) => rt.ip.equalsValues(s, a[0]),
    hashcode: (rt, s: ApexSet) => s.map.size,
    isempty: (rt, s: ApexSet) => s.map.size === 0,
    iterator: (rt, s: ApexSet) => makeIterator(s.values()),
    remove: (rt, s: ApexSet, a) => {
        mutating(s, rt);
        return s.delete(key(rt, a[0], s.el));
    },
    removeall: (rt, s: ApexSet, a) => {
        mutating(s, rt);
        let changed = false;
        for (const x of iterItems(a[0])) changed = s.delete(x) || changed;
        return changed;
    },
    retainall: (rt, s: ApexSet, a) => {
        mutating(s, rt);
        const keep = new ApexSet(s.el);
        for (const x of iterItems(a[0])) keep.add(x);
        let changed = false;
        for (const v of s.values()) if (!keep.has(v)) changed = s.delete(v) || changed;
        return changed;
    },
    size: (_rt, s: ApexSet) => s.map.size,
    tostring: (rt, s: ApexSet) => rt.ip.str(s),
};

export const mapMethods: Record<string, MethodFn> = {
    clear: (_rt, m: ApexMap) => {
        m.map.clear();
        return null;
    },
    clone: (_rt, m: ApexMap) => {
        const c = new ApexMap(m.keyT, m.valT);
        for (const [k, v] of m.map.values()) c.put(k, v);
        return c;
    },
    containskey: (rt, m: ApexMap, a) => m.has(key(rt, a[0], m.keyT)),
    deepclone: (rt, m: ApexMap) => {
        const c = new ApexMap(m.keyT, m.valT);
        for (const [k, v] of m.map.values()) c.put(k, deepCloneValue(rt, v, true));
        return c;
    },
    equals: (rt, m: ApexMap, a) => rt.ip.equalsValues(m, a[0]),
    get: (rt, m: ApexMap, a) => m.get(key(rt, a[0], m.keyT)),
    getsobjecttype: (rt, m: ApexMap) => rt.sobjectTypeToken(m.valT.k === 'sobject' ? m.valT.name : null),
    hashcode: (_rt, m: ApexMap) => m.map.size,
    isempty: (_rt, m: ApexMap) => m.map.size === 0,
    keyset: (_rt, m: ApexMap) => {
        const s = new ApexSet(m.keyT);
        for (const k of m.keys()) s.add(k);
        return s;
    },
    put: (rt, m: ApexMap, a) => m.put(rt.ip.coerce(a[0], m.keyT), rt.ip.coerce(a[1], m.valT)),
    putall: (rt, m: ApexMap, a) => {
        const src = a[0];
        if (src === null) npe();
        if (src instanceof ApexMap) for (const [k, v] of src.map.values()) m.put(k, v);
        else if (src instanceof ApexList) for (const r of src.items) m.put(rt.ip.coerce((r as any).get('Id'), m.keyT), r);
        else throw new UnsupportedError('Map.putAll argument');
        return null;
    },
    remove: (rt, m: ApexMap, a) => m.delete(key(rt, a[0], m.keyT)),
    size: (_rt, m: ApexMap) => m.map.size,
    tostring: (rt, m: ApexMap) => rt.ip.str(m),
    values: (_rt, m: ApexMap) => new ApexList(m.valT, m.vals()),
};

export function installCollections(reg: NativeRegistry): void {
    reg.add({
        name: 'System.Iterator',
        key: 'iterator',
        isInterface: true,
        methods: {
            hasnext: (_rt, self: NativeObject) => self.data.i < self.data.items.length,
            next: (_rt, self: NativeObject) => {
                if (self.data.i >= self.data.items.length) throw new PlatformError('System.NoSuchElementException', 'Iterator has no more elements.');
                return self.data.items[self.data.i++];
            },
        },
    });
    reg.add({ name: 'System.Iterable', key: 'iterable', isInterface: true });
    reg.add({ name: 'System.Comparable', key: 'comparable', isInterface: true });
    reg.add({ name: 'System.Comparator', key: 'comparator', isInterface: true });
}
