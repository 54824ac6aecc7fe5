import { PlatformError } from '../values/errors.js';

/**
 * `SObjectRecord`: the in-memory SObject. The interpreter's SObject value IS this class (see DESIGN.md).
 *
 * Field names are case-insensitive: `fields` is keyed by the lower-cased name and `canonicalNames` remembers the
 * spelling to show (the schema's API name when known). Parent relationship values (`Account` on an Opportunity) are
 * stored in `fields` as nested records; child sub-query results live in `children`.
 */

/** An error attached with `addError` (record-level when `fields` is empty). */
export interface RecordError {
    message: string;
    fields: string[];
    /** Whether the message may contain HTML (`addError(msg, false)`); informational. */
    escape?: boolean;
}

export class SObjectRecord {
    /** Canonical API name of the SObject type (e.g. `Opportunity`, `CoSellSolution__c`). */
    type: string;
    readonly fields: Map<string, unknown>;
    readonly canonicalNames: Map<string, string>;
    children?: Map<string, SObjectRecord[]>;
    /** Canonical spellings of child relationship names in `children`. */
    childNames?: Map<string, string>;
    /** Errors added by `addError` (triggers) during the current DML operation. */
    errors: RecordError[] = [];
    /**
     * Set on the records handed to after triggers (and on `Trigger.old`): the platform throws
     * `System.FinalException: Record is read-only` when Apex assigns a field of such a record. The interpreter
     * enforces it; `put` itself does not (the data layer writes freely).
     */
    readOnly = false;
    /**
     * True for records returned by SOQL. Reading a field that the query did not select throws
     * `System.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Type.Field`
     * on the platform; use `getChecked` for Apex field reads.
     */
    fromQuery = false;

    constructor(type: string, init?: Record<string, unknown> | Iterable<[string, unknown]>) {
        this.type = type;
        this.fields = new Map();
        this.canonicalNames = new Map();
        if (init) {
            const entries =
                Symbol.iterator in Object(init) ? (init as Iterable<[string, unknown]>) : Object.entries(init);
            for (const [k, v] of entries) this.put(k, v);
        }
    }

    /** Value of a field (or parent relationship record); `null` when absent. Case-insensitive. */
    get(name: string): unknown {
        const v = this.fields.get(name.toLowerCase());
        return v === undefined ? null : v;
    }

    /**
     * An Apex field read: like `get`, but on a record returned by SOQL a field (or parent relationship) that was
     * not queried throws the platform's SObjectException. `canonicalName` is the schema spelling for the message.
     */
    getChecked(name: string, canonicalName?: string): unknown {
        const key = name.toLowerCase();
        if (this.fromQuery && !this.fields.has(key) && !this.children?.has(key)) {
            throw new PlatformError(
                'System.SObjectException',
                `SObject row was retrieved via SOQL without querying the requested field: ${this.type}.${canonicalName ?? name}`
            );
        }
        if (this.children?.has(key) && !this.fields.has(key)) return this.children.get(key);
        return this.get(name);
    }

    /** Sets a field; remembers the spelling used the first time (or the canonical name given later). */
    put(name: string, value: unknown): unknown {
        const key = name.toLowerCase();
        const previous = this.fields.get(key);
        this.fields.set(key, value);
        if (!this.canonicalNames.has(key)) this.canonicalNames.set(key, name);
        return previous === undefined ? null : previous;
    }

    /** True when the field has been set (even to null): `isSet` / populated. */
    has(name: string): boolean {
        return this.fields.has(name.toLowerCase());
    }

    /** Removes a field (used by `Security.stripInaccessible` and `clear`). */
    remove(name: string): void {
        const key = name.toLowerCase();
        this.fields.delete(key);
        this.canonicalNames.delete(key);
    }

    /** The record Id (18 characters) or null. */
    get id(): string | null {
        return (this.get('Id') as string | null) ?? null;
    }

    /** Canonical name of a populated field. */
    nameOf(key: string): string {
        return this.canonicalNames.get(key.toLowerCase()) ?? key;
    }

    /** Populated field names (canonical spelling), in population order. */
    fieldNames(): string[] {
        return [...this.fields.keys()].map((k) => this.canonicalNames.get(k) ?? k);
    }

    /** Records a child relationship's rows (sub-query result). */
    setChildren(relationshipName: string, rows: SObjectRecord[]): void {
        if (!this.children) this.children = new Map();
        if (!this.childNames) this.childNames = new Map();
        this.children.set(relationshipName.toLowerCase(), rows);
        this.childNames.set(relationshipName.toLowerCase(), relationshipName);
    }

    /** A child relationship's rows, or null when not queried. */
    getChildren(relationshipName: string): SObjectRecord[] | null {
        return this.children?.get(relationshipName.toLowerCase()) ?? null;
    }

    /** `addError(message)` or `field.addError(message)`. */
    addError(message: string, field?: string, escape = true): void {
        this.errors.push({ message, fields: field ? [field] : [], escape });
    }

    hasErrors(): boolean {
        return this.errors.length > 0;
    }

    /**
     * Copy. Value objects (Decimal, Date, …) are immutable and shared; nested parent records and children are
     * copied when `deep` is true (the default), matching `SObject.clone(preserveId, isDeepClone)` needs.
     */
    clone(deep = true): SObjectRecord {
        const copy = new SObjectRecord(this.type);
        copy.fromQuery = this.fromQuery;
        for (const [k, v] of this.fields) {
            copy.fields.set(k, deep && v instanceof SObjectRecord ? v.clone(true) : v);
        }
        for (const [k, v] of this.canonicalNames) copy.canonicalNames.set(k, v);
        if (this.children) {
            copy.children = new Map();
            copy.childNames = new Map(this.childNames);
            for (const [k, rows] of this.children) copy.children.set(k, deep ? rows.map((r) => r.clone(true)) : rows);
        }
        return copy;
    }
}
