/**
 * The interpreter's view of the data layer's SObjectRecord (DESIGN.md: `type`, `fields` keyed by lower-case name,
 * `canonicalNames`, `children`, `get/put/has/clone`). Kept behind these helpers so that the interpreter does not
 * depend on the record module's internals.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface SObjectLike {
    type: string;
    fields: Map<string, any>;
    canonicalNames: Map<string, string>;
    children?: Map<string, any>;
    get(name: string): any;
    put(name: string, value: any): any;
    has(name: string): boolean;
    clone(): SObjectLike;
}

export function isSObject(v: any): v is SObjectLike {
    return v !== null && typeof v === 'object' && typeof v.type === 'string' && v.fields instanceof Map && typeof v.put === 'function';
}
