/** Call frames, type handles and control-flow signals. */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ClassInfo } from './classes.js';
import type { ApexObject } from './rvalues.js';
import type { RType } from './types.js';

export interface Var {
    v: any;
    t: RType;
}

export class Frame {
    /** Block scopes, innermost last; a block that declares nothing keeps a null entry (no allocation). */
    scopes: (Map<string, Var> | null)[] = [null];
    line = 0;
    col = 1;
    ret: any = null;
    /** Lower-case property name while running that property's accessor (the name then means the backing field). */
    propName: string | null = null;
    constructor(
        public readonly cls: ClassInfo | null,
        public readonly self: ApexObject | null,
        public readonly method: string,
    ) {}

    lookup(lname: string): Var | undefined {
        const s = this.scopes;
        for (let i = s.length - 1; i >= 0; i--) {
            const m = s[i];
            if (m === null) continue;
            const v = m.get(lname);
            if (v !== undefined) return v;
        }
        return undefined;
    }

    declare(lname: string, v: any, t: RType): void {
        const last = this.scopes.length - 1;
        let m = this.scopes[last];
        if (m === null) {
            m = new Map();
            this.scopes[last] = m;
        }
        m.set(lname, { v, t });
    }

    /** Sets a variable in the innermost scope (loop variables). */
    setLocal(lname: string, v: any, t: RType): void {
        this.declare(lname, v, t);
    }
}

/** A name that resolved to a type (or namespace) rather than a value: `Account`, `System`, `Outer.Inner`. */
export class TypeHandle {
    constructor(
        public readonly kind: 'class' | 'sobject' | 'native',
        /** class: display name; sobject: canonical API name; native: registry key (lower-case) */
        public readonly name: string,
        public readonly cls: ClassInfo | null = null,
    ) {}
}

export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Signal = 0 | 1 | 2 | 3;
