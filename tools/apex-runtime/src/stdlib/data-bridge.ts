/**
 * The interpreter's access to the data layer's schema and records: type lookup, field reads and writes with the
 * platform's conversions (Number fields hold Decimals, Id fields hold 18-character Ids).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { SObjectRecord } from '../data/record.js';
import type { FieldDef, ObjectDef, OrgSchema } from '../data/schema-types.js';
import { toDecimal, numKind } from '../interpreter/ops.js';
import { ApexList } from '../interpreter/rvalues.js';
import { isSObject, type SObjectLike } from '../interpreter/sobj.js';
import { Decimal } from '../values/decimal.js';
import { PlatformError } from '../values/errors.js';
import { isValidId, keyPrefixOf, to18 } from '../values/id.js';

const NUMERIC = new Set(['Number', 'Currency', 'Percent', 'Summary']);
const ID_TYPES = new Set(['Id', 'Lookup', 'MasterDetail']);

export class DataBridge {
    private readonly parentRels = new Map<string, Map<string, FieldDef>>();
    private readonly childRels = new Map<string, Map<string, { childObject: string; field: string; name: string }>>();

    constructor(readonly schema: OrgSchema) {
        for (const o of schema.objects.values()) {
            const pm = new Map<string, FieldDef>();
            for (const f of o.fields.values()) if (f.relationshipName) pm.set(f.relationshipName.toLowerCase(), f);
            this.parentRels.set(o.name.toLowerCase(), pm);
            const cm = new Map<string, { childObject: string; field: string; name: string }>();
            for (const c of o.childRelationships) cm.set(c.relationshipName.toLowerCase(), { childObject: c.childObject, field: c.field, name: c.relationshipName });
            this.childRels.set(o.name.toLowerCase(), cm);
        }
    }

    objectName(name: string): string | null {
        return this.schema.getObject(name)?.name ?? null;
    }

    object(name: string): ObjectDef {
        const o = this.schema.getObject(name);
        if (!o) throw new PlatformError('System.SObjectException', `Invalid sObject type: ${name}`);
        return o;
    }

    isIdOfKnownObject(v: string): boolean {
        return isValidId(v) && this.schema.objectByKeyPrefix(keyPrefixOf(v)) !== null;
    }

    newRecord(type: string): SObjectLike {
        const o = this.object(type);
        return new SObjectRecord(o.name) as unknown as SObjectLike;
    }

    field(rec: SObjectLike | string, name: string): FieldDef | null {
        const type = typeof rec === 'string' ? rec : rec.type;
        return this.schema.getField(type, name);
    }

    parentRelationship(type: string, name: string): FieldDef | null {
        return this.parentRels.get(type.toLowerCase())?.get(name.toLowerCase()) ?? null;
    }

    childRelationship(type: string, name: string): { childObject: string; field: string; name: string } | null {
        return this.childRels.get(type.toLowerCase())?.get(name.toLowerCase()) ?? null;
    }

    getField(rec: SObjectLike, name: string): any {
        const lname = name.toLowerCase();
        const r = rec as unknown as SObjectRecord;
        if (rec.fields.has(lname)) return rec.fields.get(lname);
        const child = this.childRelationship(rec.type, name);
        if (child) {
            const rows = r.getChildren ? r.getChildren(name) : null;
            if (!rows && r.fromQuery) r.getChecked(name, child.name);
            return new ApexList({ k: 'sobject', name: child.childObject }, rows ?? []);
        }
        const f = this.field(rec, name);
        const rel = f ? null : this.parentRelationship(rec.type, name);
        if (f || rel) {
            // a queried record throws for fields its query did not select (data layer's rule)
            if (r.fromQuery) r.getChecked(name, f ? f.name : rel!.relationshipName);
            return null;
        }
        throw new PlatformError('System.SObjectException', `Invalid field ${name} for ${rec.type}`);
    }

    /** Records that Apex may not modify (Trigger.new in after triggers, Trigger.old): "Record is read-only". */
    readonly readOnly = new WeakSet<object>();

    putField(rec: SObjectLike, name: string, v: any): void {
        if (this.readOnly.has(rec) || (rec as unknown as { readOnly?: boolean }).readOnly === true) {
            throw new PlatformError('System.FinalException', 'Record is read-only');
        }
        const f = this.field(rec, name);
        if (!f) {
            const rel = this.parentRelationship(rec.type, name);
            if (rel) {
                if (v !== null && !isSObject(v)) throw new PlatformError('System.SObjectException', `Illegal assignment to relationship ${name}`);
                rec.put(rel.relationshipName!, v);
                return;
            }
            const child = this.childRelationship(rec.type, name);
            if (child) throw new PlatformError('System.SObjectException', `Field ${name} is not editable`);
            throw new PlatformError('System.SObjectException', `Invalid field ${name} for ${rec.type}`);
        }
        rec.put(f.name, this.convert(f, v, rec.type));
    }

    /** Converts an Apex value to the storage form of a field. */
    convert(f: FieldDef, v: any, type: string): any {
        if (v === null || v === undefined) return null;
        const want = expectedKind(f.type);
        const have = valueKind(v);
        if (want && have && want !== have && !(want === 'Decimal' && (have === 'Integer' || have === 'Long' || have === 'Double'))) {
            if (!(want === 'Integer' && (have === 'Long' || have === 'Decimal' || have === 'Double'))) {
                // dynamic put() of a value of the wrong type (static assignments are compile errors)
                throw new PlatformError('System.SObjectException', `Illegal assignment from ${have} to ${want}`);
            }
        }
        if (NUMERIC.has(f.type) && numKind(v) >= 0) return v instanceof Decimal ? v : toDecimal(v);
        if (f.type === 'Integer' && numKind(v) >= 0) return Math.trunc(Number(v instanceof Decimal ? v.doubleValue() : v));
        if (ID_TYPES.has(f.type) && typeof v === 'string') {
            if (!isValidId(v)) throw new PlatformError('System.StringException', `Invalid id: ${v}`);
            return to18(v);
        }
        void type;
        return v;
    }
}

/** The Apex type a field holds (null when any value is accepted). */
function expectedKind(t: string): string | null {
    switch (t) {
        case 'Number':
        case 'Currency':
        case 'Percent':
        case 'Summary':
            return 'Decimal';
        case 'Integer':
            return 'Integer';
        case 'Checkbox':
            return 'Boolean';
        case 'Date':
            return 'Date';
        case 'DateTime':
            return 'Datetime';
        case 'Time':
            return 'Time';
        case 'Id':
        case 'Lookup':
        case 'MasterDetail':
        case 'Text':
        case 'TextArea':
        case 'LongTextArea':
        case 'Html':
        case 'EncryptedText':
        case 'Url':
        case 'Email':
        case 'Phone':
        case 'Picklist':
        case 'MultiselectPicklist':
        case 'AutoNumber':
            return 'String';
    }
    return null;
}

function valueKind(v: any): string | null {
    switch (typeof v) {
        case 'string':
            return 'String';
        case 'number':
            return 'Integer';
        case 'bigint':
            return 'Long';
        case 'boolean':
            return 'Boolean';
    }
    const n = v?.constructor?.name;
    if (n === 'Decimal') return 'Decimal';
    if (n === 'ApexDouble') return 'Double';
    if (n === 'ApexDate') return 'Date';
    if (n === 'ApexDatetime') return 'Datetime';
    if (n === 'ApexTime') return 'Time';
    return null;
}
