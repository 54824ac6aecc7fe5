/** Registry of standard-library types implemented in TypeScript (System, Database, Schema, Http..., enums). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ApexEnumValue } from '../interpreter/rvalues.js';
import type { Runtime } from './runtime.js';

export type StaticFn = (rt: Runtime, args: any[]) => any;
export type MethodFn = (rt: Runtime, self: any, args: any[]) => any;

export interface NativeType {
    /** Lower-case registry key (`httprequest`, `database.saveresult`). */
    key: string;
    /** Display name (`System.HttpRequest` prints as `HttpRequest`). */
    name: string;
    construct?: (rt: Runtime, args: any[]) => any;
    statics?: Record<string, StaticFn>;
    /** Static properties and constants; return undefined when unknown. */
    getStatic?: (rt: Runtime, lname: string, name: string) => any;
    setStatic?: (rt: Runtime, lname: string, value: any) => void;
    /** Instance methods of NativeObjects whose typeName is this type. */
    methods?: Record<string, MethodFn>;
    /** Instance properties of NativeObjects. */
    props?: Record<string, { get?: (rt: Runtime, self: any) => any; set?: (rt: Runtime, self: any, v: any) => void }>;
    enumValues?: string[];
    /** Lower-case keys of supertypes (for instanceof). */
    supers?: string[];
    isInterface?: boolean;
}

export class NativeRegistry {
    private readonly byName = new Map<string, NativeType>();
    private readonly byKey = new Map<string, NativeType>();
    private readonly enumCache = new Map<string, ApexEnumValue[]>();

    /** Registers a type under its key and aliases (lower-case). */
    add(t: Omit<NativeType, 'key'> & { key?: string }, ...aliases: string[]): NativeType {
        const key = (t.key ?? t.name).toLowerCase();
        const nt: NativeType = { ...t, key };
        const existing = this.byKey.get(key);
        if (existing) {
            // merge definitions contributed by several modules
            existing.statics = { ...existing.statics, ...nt.statics };
            existing.methods = { ...existing.methods, ...nt.methods };
            existing.props = { ...existing.props, ...nt.props };
            if (nt.getStatic) {
                const prev = existing.getStatic;
                const next = nt.getStatic;
                existing.getStatic = prev ? (rt, l, n) => { const v = next(rt, l, n); return v !== undefined ? v : prev(rt, l, n); } : next;
            }
            if (nt.construct) existing.construct = nt.construct;
            if (nt.setStatic) existing.setStatic = nt.setStatic;
            return existing;
        }
        this.byKey.set(key, nt);
        this.byName.set(key, nt);
        for (const a of aliases) this.byName.set(a.toLowerCase(), nt);
        return nt;
    }

    get(lname: string): NativeType | undefined {
        return this.byName.get(lname) ?? (lname.startsWith('system.') ? this.byName.get(lname.slice(7)) : undefined);
    }

    getByKey(key: string): NativeType | undefined {
        return this.byKey.get(key) ?? this.byName.get(key) ?? (key.startsWith('system.') ? this.getByKey(key.slice(7)) : undefined);
    }

    isSubtype(a: string, b: string): boolean {
        const ta = this.get(a);
        const tb = this.get(b);
        if (!ta || !tb) return a === b;
        if (ta === tb) return true;
        return (ta.supers ?? []).some((s) => this.isSubtype(s, b));
    }

    enumValue(nt: NativeType, idx: number): ApexEnumValue {
        let vals = this.enumCache.get(nt.key);
        if (!vals) {
            vals = (nt.enumValues ?? []).map((v, i) => new ApexEnumValue(nt.name, v, i, null));
            this.enumCache.set(nt.key, vals);
        }
        return vals[idx];
    }

    enumByName(key: string, name: string): ApexEnumValue {
        const nt = this.getByKey(key.toLowerCase());
        if (!nt || !nt.enumValues) throw new Error(`unknown enum ${key}`);
        let idx = nt.enumValues.findIndex((v) => v.toLowerCase() === name.toLowerCase());
        if (idx < 0) {
            // values the data layer reports but the catalogue lacks are appended, so they still compare by name
            nt.enumValues.push(name);
            idx = nt.enumValues.length - 1;
            this.enumCache.get(nt.key)?.push(new ApexEnumValue(nt.name, name, idx, null));
        }
        return this.enumValue(nt, idx);
    }

    allEnumValues(key: string): ApexEnumValue[] {
        const nt = this.getByKey(key.toLowerCase())!;
        return (nt.enumValues ?? []).map((_, i) => this.enumValue(nt, i));
    }
}
