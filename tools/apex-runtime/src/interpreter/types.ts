/** Runtime representation of Apex types (resolved TypeRefs). */
import type { ClassInfo } from './classes.js';

export type PrimName =
    | 'string'
    | 'integer'
    | 'long'
    | 'double'
    | 'decimal'
    | 'boolean'
    | 'date'
    | 'datetime'
    | 'time'
    | 'id'
    | 'blob';

export type RType =
    | { k: 'any' }
    | { k: 'void' }
    | { k: 'prim'; n: PrimName }
    | { k: 'list'; el: RType }
    | { k: 'set'; el: RType }
    | { k: 'map'; key: RType; val: RType }
    | { k: 'class'; cls: ClassInfo }
    | { k: 'sobject'; name: string | null }
    | { k: 'native'; name: string };

export const ANY: RType = { k: 'any' };
export const VOID: RType = { k: 'void' };
const prims = new Map<PrimName, RType>();
export function prim(n: PrimName): RType {
    let t = prims.get(n);
    if (!t) {
        t = { k: 'prim', n };
        prims.set(n, t);
    }
    return t;
}

export const PRIM_NAMES: Record<string, PrimName> = {
    string: 'string',
    integer: 'integer',
    long: 'long',
    double: 'double',
    decimal: 'decimal',
    boolean: 'boolean',
    date: 'date',
    datetime: 'datetime',
    time: 'time',
    id: 'id',
    blob: 'blob',
};

const PRIM_DISPLAY: Record<PrimName, string> = {
    string: 'String',
    integer: 'Integer',
    long: 'Long',
    double: 'Double',
    decimal: 'Decimal',
    boolean: 'Boolean',
    date: 'Date',
    datetime: 'Datetime',
    time: 'Time',
    id: 'Id',
    blob: 'Blob',
};

/** The type's name as the platform prints it (Type.getName(), TypeException messages). */
export function typeName(t: RType): string {
    switch (t.k) {
        case 'any':
            return 'Object';
        case 'void':
            return 'void';
        case 'prim':
            return PRIM_DISPLAY[t.n];
        case 'list':
            return `List<${typeName(t.el)}>`;
        case 'set':
            return `Set<${typeName(t.el)}>`;
        case 'map':
            return `Map<${typeName(t.key)},${typeName(t.val)}>`;
        case 'class':
            return t.cls.name;
        case 'sobject':
            return t.name ?? 'SObject';
        case 'native':
            return t.name;
    }
}

export function sameType(a: RType, b: RType): boolean {
    return typeName(a).toLowerCase() === typeName(b).toLowerCase();
}
