/**
 * Schema describe and SObject methods (Apex Reference Guide, "Schema Class", "SObjectType Class",
 * "DescribeSObjectResult Class", "DescribeFieldResult Class", "SObject Class", "Id Class").
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { FieldDef, ObjectDef } from '../data/schema-types.js';
import { SObjectRecord } from '../data/record.js';
import { ApexList, ApexMap, ApexSet, NativeObject } from '../interpreter/rvalues.js';
import { isSObject } from '../interpreter/sobj.js';
import { ANY, prim } from '../interpreter/types.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import { isValidId, keyPrefixOf, to15, to18 } from '../values/id.js';
import type { NativeRegistry } from './registry.js';
import { type Runtime, valueMethods } from './runtime.js';
import { dmlState } from './dml.js';
import { npe } from './util.js';

const DISPLAY_TYPES = [
    'ADDRESS', 'ANYTYPE', 'BASE64', 'BOOLEAN', 'COMBOBOX', 'COMPLEXVALUE', 'CURRENCY', 'DATACATEGORYGROUPREFERENCE', 'DATE',
    'DATETIME', 'DOUBLE', 'EMAIL', 'ENCRYPTEDSTRING', 'ID', 'INTEGER', 'JSON', 'LOCATION', 'LONG', 'MULTIPICKLIST', 'PERCENT',
    'PHONE', 'PICKLIST', 'REFERENCE', 'SOBJECT', 'STRING', 'TEXTAREA', 'TIME', 'URL',
];

const TYPE_MAP: Record<string, string> = {
    Id: 'ID', Text: 'STRING', TextArea: 'TEXTAREA', LongTextArea: 'TEXTAREA', Html: 'TEXTAREA', EncryptedText: 'ENCRYPTEDSTRING',
    Url: 'URL', Email: 'EMAIL', Phone: 'PHONE', Picklist: 'PICKLIST', MultiselectPicklist: 'MULTIPICKLIST', Checkbox: 'BOOLEAN',
    Number: 'DOUBLE', Currency: 'CURRENCY', Percent: 'PERCENT', Integer: 'INTEGER', Date: 'DATE', DateTime: 'DATETIME', Time: 'TIME',
    Lookup: 'REFERENCE', MasterDetail: 'REFERENCE', MetadataRelationship: 'STRING', AutoNumber: 'STRING', Summary: 'DOUBLE',
    Address: 'ADDRESS', Location: 'LOCATION', Base64: 'BASE64',
};

const SOAP_MAP: Record<string, string> = {
    ID: 'ID', STRING: 'STRING', TEXTAREA: 'STRING', ENCRYPTEDSTRING: 'STRING', URL: 'STRING', EMAIL: 'STRING', PHONE: 'STRING',
    PICKLIST: 'STRING', MULTIPICKLIST: 'STRING', BOOLEAN: 'BOOLEAN', DOUBLE: 'DOUBLE', CURRENCY: 'DOUBLE', PERCENT: 'DOUBLE',
    INTEGER: 'INTEGER', DATE: 'DATE', DATETIME: 'DATETIME', TIME: 'TIME', REFERENCE: 'ID', ADDRESS: 'ADDRESS', LOCATION: 'LOCATION', BASE64: 'BASE64BINARY',
};

export function installSchema(reg: NativeRegistry, rt: Runtime): void {
    const schema = rt.data.schema;
    const tokens = new Map<string, NativeObject>();
    const fieldTokens = new Map<string, NativeObject>();
    const describes = new Map<string, NativeObject>();
    const db = () => dmlState(rt).db;

    const obj = (name: string): ObjectDef => {
        const o = schema.getObject(name);
        if (!o) throw new PlatformError('System.SObjectException', `Invalid sObject type: ${name}`);
        return o;
    };
    const token = (name: string): NativeObject => {
        const o = obj(name);
        let t = tokens.get(o.name.toLowerCase());
        if (!t) {
            t = new NativeObject('Schema.SObjectType', { def: o, toString: () => o.name });
            tokens.set(o.name.toLowerCase(), t);
        }
        return t;
    };
    const fieldToken = (o: ObjectDef, f: FieldDef): NativeObject => {
        const key = `${o.name}.${f.name}`.toLowerCase();
        let t = fieldTokens.get(key);
        if (!t) {
            t = new NativeObject('Schema.SObjectField', { def: o, f, field: f.name, toString: () => f.name });
            fieldTokens.set(key, t);
        }
        return t;
    };
    const describe = (o: ObjectDef): NativeObject => {
        let d = describes.get(o.name.toLowerCase());
        if (!d) {
            d = new NativeObject('Schema.DescribeSObjectResult', { def: o });
            describes.set(o.name.toLowerCase(), d);
        }
        return d;
    };
    const fieldDescribe = (o: ObjectDef, f: FieldDef): NativeObject => new NativeObject('Schema.DescribeFieldResult', { def: o, f });
    const fieldByName = (o: ObjectDef, name: string): FieldDef => {
        const f = o.fields.get(name.toLowerCase());
        if (!f) throw new PlatformError('System.SObjectException', `Invalid field ${name} for ${o.name}`);
        return f;
    };
    const fieldOf = (o: ObjectDef, v: any): FieldDef => {
        if (v instanceof NativeObject && v.typeName === 'Schema.SObjectField') return v.data.f;
        if (typeof v === 'string') return fieldByName(o, v);
        npe();
    };
    rt.extensions.set('sobjectToken', token);

    rt.extensions.set('sobjectStatic', (_r: Runtime, objectName: string, name: string) => {
        const o = obj(objectName);
        const l = name.toLowerCase();
        if (l === 'sobjecttype') return token(o.name);
        const f = o.fields.get(l);
        if (f) return fieldToken(o, f);
        throw new UnsupportedError(`${o.name}.${name}`);
    });

    // Record types (Apex Reference "RecordTypeInfo Class"): the project's record types (RecordType rows seeded by
    // the data layer) plus the Master record type every object has.
    const recordTypeInfos = (o: ObjectDef): NativeObject[] => {
        const out: NativeObject[] = [];
        const rows = [...db().rows('RecordType')].filter((x) => String(x.get('SobjectType')).toLowerCase() === o.name.toLowerCase());
        rows.forEach((x, i) =>
            out.push(
                new NativeObject('Schema.RecordTypeInfo', {
                    id: x.get('Id'),
                    name: x.get('Name'),
                    developerName: x.get('DeveloperName'),
                    active: x.get('IsActive') !== false,
                    master: false,
                    isDefault: i === 0,
                }),
            ),
        );
        out.push(
            new NativeObject('Schema.RecordTypeInfo', {
                id: '012000000000000AAA',
                name: 'Master',
                developerName: 'Master',
                active: true,
                master: true,
                isDefault: rows.length === 0,
            }),
        );
        return out;
    };
    const rtMap = (o: ObjectDef, key: (i: NativeObject) => string, keyType = prim('string')): ApexMap => {
        const m = new ApexMap(keyType, { k: 'native', name: 'Schema.RecordTypeInfo' });
        for (const i of recordTypeInfos(o)) m.put(key(i), i);
        return m;
    };
    reg.add({
        name: 'Schema.RecordTypeInfo',
        key: 'schema.recordtypeinfo',
        methods: {
            getrecordtypeid: (_r, s) => s.data.id,
            getname: (_r, s) => s.data.name,
            getdevelopername: (_r, s) => s.data.developerName,
            isactive: (_r, s) => s.data.active,
            isavailable: (_r, s) => s.data.active,
            isdefaultrecordtypemapping: (_r, s) => s.data.isDefault,
            ismaster: (_r, s) => s.data.master,
        },
    });

    const perm = (o: ObjectDef, access: 'read' | 'create' | 'edit' | 'delete'): boolean => {
        try {
            return db().canAccessObject(o.name, access);
        } catch {
            return false;
        }
    };

    reg.add(
        {
            name: 'Schema.SObjectType',
            key: 'schema.sobjecttype',
            getStatic: (_r, l) => {
                const o = schema.getObject(l);
                return o ? describe(o) : undefined;
            },
            methods: {
                getdescribe: (_r, s: NativeObject) => describe(s.data.def),
                newsobject: (r, s: NativeObject, a) => {
                    const rec = r.newSObject(s.data.def.name);
                    if (a.length === 1 && a[0] !== null) r.sobjectPut(rec, 'Id', a[0]);
                    if (a.length === 2) {
                        if (a[1] === true) return db().newRecordWithDefaults(s.data.def.name, a[0] ?? null);
                        if (a[0] !== null) r.sobjectPut(rec, 'RecordTypeId', a[0]);
                    }
                    return rec;
                },
                tostring: (_r, s: NativeObject) => s.data.def.name,
                equals: (_r, s: NativeObject, a) => s === a[0],
                hashcode: (_r, s: NativeObject) => s.data.def.name.length,
            },
        },
        'sobjecttype',
    );
    const fieldsMap = (o: ObjectDef): ApexMap => {
        const m = new ApexMap(prim('string'), { k: 'native', name: 'Schema.SObjectField' });
        m.ci = true;
        for (const f of o.fields.values()) m.put(f.name.toLowerCase(), fieldToken(o, f));
        return m;
    };
    reg.add(
        {
            name: 'Schema.DescribeSObjectResult',
            key: 'schema.describesobjectresult',
            methods: {
                getname: (_r, s) => s.data.def.name,
                getlocalname: (_r, s) => s.data.def.name,
                getlabel: (_r, s) => s.data.def.label,
                getlabelplural: (_r, s) => s.data.def.pluralLabel,
                getkeyprefix: (_r, s) => s.data.def.keyPrefix,
                getsobjecttype: (_r, s) => token(s.data.def.name),
                iscustom: (_r, s) => s.data.def.custom,
                iscustomsetting: (_r, s) => s.data.def.kind === 'customSetting',
                isaccessible: (_r, s) => perm(s.data.def, 'read'),
                isqueryable: (_r, s) => perm(s.data.def, 'read'),
                iscreateable: (_r, s) => s.data.def.createable && perm(s.data.def, 'create'),
                isupdateable: (_r, s) => s.data.def.updateable && perm(s.data.def, 'edit'),
                isdeletable: (_r, s) => s.data.def.deletable && perm(s.data.def, 'delete'),
                isundeletable: (_r, s) => s.data.def.deletable && perm(s.data.def, 'delete'),
                issearchable: () => true,
                getchildrelationships: (r, s) =>
                    r.anyList(s.data.def.childRelationships.map((c: any) => new NativeObject('Schema.ChildRelationship', { c }))),
                getrecordtypeinfos: (r, s) => new ApexList({ k: 'native', name: 'Schema.RecordTypeInfo' }, recordTypeInfos(s.data.def)),
                getrecordtypeinfosbydevelopername: (_r, s) => rtMap(s.data.def, (i) => i.data.developerName),
                getrecordtypeinfosbyname: (_r, s) => rtMap(s.data.def, (i) => i.data.name),
                getrecordtypeinfosbyid: (_r, s) => rtMap(s.data.def, (i) => i.data.id, prim('id')),
            },
            props: {
                fields: { get: (_r, s) => new NativeObject('Schema.SObjectTypeFields', { def: s.data.def }) },
            },
        },
        'describesobjectresult',
    );
    reg.add({
        name: 'Schema.ChildRelationship',
        key: 'schema.childrelationship',
        methods: {
            getrelationshipname: (_r, s) => s.data.c.relationshipName,
            getchildsobject: (_r, s) => token(s.data.c.childObject),
            getfield: (_r, s) => fieldToken(obj(s.data.c.childObject), fieldByName(obj(s.data.c.childObject), s.data.c.field)),
            iscascadedelete: (_r, s) => s.data.c.cascadeDelete,
            isrestricteddelete: (_r, s) => s.data.c.restrictedDelete,
        },
    });
    reg.add({
        name: 'Schema.SObjectTypeFields',
        key: 'schema.sobjecttypefields',
        methods: {
            getmap: (_r, s) => fieldsMap(s.data.def),
        },
    });
    const fieldsNt = reg.getByKey('schema.sobjecttypefields')!;
    rt.extensions.set('fieldsProp', true);
    // `Schema.SObjectType.Account.fields.Name` → DescribeFieldResult
    const origNativeProp = rt.nativeProp.bind(rt);
    rt.nativeProp = (o: any, lname: string, name: string) => {
        if (o instanceof NativeObject && o.typeName === 'Schema.SObjectTypeFields') {
            return fieldDescribe(o.data.def, fieldByName(o.data.def, name));
        }
        return origNativeProp(o, lname, name);
    };
    void fieldsNt;

    reg.add(
        {
            name: 'Schema.SObjectField',
            key: 'schema.sobjectfield',
            methods: {
                getdescribe: (_r, s) => fieldDescribe(s.data.def, s.data.f),
                tostring: (_r, s) => s.data.f.name,
                equals: (_r, s, a) => s === a[0],
                hashcode: (_r, s) => s.data.f.name.length,
            },
        },
        'sobjectfield',
    );
    reg.add({ name: 'Schema.DisplayType', key: 'schema.displaytype', enumValues: DISPLAY_TYPES }, 'displaytype');
    reg.add(
        {
            name: 'Schema.SoapType',
            key: 'schema.soaptype',
            enumValues: ['ADDRESS', 'ANYTYPE', 'BASE64BINARY', 'BOOLEAN', 'DATE', 'DATETIME', 'DOUBLE', 'ID', 'INTEGER', 'LOCATION', 'STRING', 'TIME'],
        },
        'soaptype',
    );
    const fperm = (s: NativeObject, edit: boolean): boolean => {
        try {
            return db().canAccessField(s.data.def.name, s.data.f.name, edit);
        } catch {
            return false;
        }
    };
    reg.add(
        {
            name: 'Schema.DescribeFieldResult',
            key: 'schema.describefieldresult',
            methods: {
                getname: (_r, s) => s.data.f.name,
                getlocalname: (_r, s) => s.data.f.name,
                getlabel: (_r, s) => s.data.f.label,
                gettype: (r, s) => r.natives.enumByName('schema.displaytype', TYPE_MAP[s.data.f.type] ?? 'STRING'),
                getsoaptype: (r, s) => r.natives.enumByName('schema.soaptype', SOAP_MAP[TYPE_MAP[s.data.f.type] ?? 'STRING'] ?? 'STRING'),
                getlength: (_r, s) => s.data.f.length ?? 0,
                getprecision: (_r, s) => s.data.f.precision ?? 0,
                getscale: (_r, s) => s.data.f.scale ?? 0,
                getdigits: () => 0,
                isaccessible: (_r, s) => fperm(s, false),
                isupdateable: (_r, s) => s.data.f.updateable && fperm(s, true),
                iscreateable: (_r, s) => s.data.f.createable && fperm(s, true),
                isnillable: (_r, s) => !s.data.f.required && s.data.f.type !== 'Checkbox',
                iscustom: (_r, s) => s.data.f.custom,
                isexternalid: (_r, s) => s.data.f.externalId,
                isunique: (_r, s) => s.data.f.unique,
                iscasesensitive: (_r, s) => s.data.f.caseSensitive,
                iscalculated: (_r, s) => s.data.f.calculated,
                isautonumber: (_r, s) => s.data.f.type === 'AutoNumber',
                isnamefield: (_r, s) => s.data.def.nameField?.toLowerCase() === s.data.f.name.toLowerCase(),
                isrestrictedpicklist: (_r, s) => !!s.data.f.restricted,
                isdependentpicklist: () => false,
                isfilterable: (_r, s) => s.data.f.type !== 'LongTextArea',
                issortable: (_r, s) => s.data.f.type !== 'LongTextArea' && s.data.f.type !== 'MultiselectPicklist',
                isgroupable: (_r, s) => !['LongTextArea', 'Number', 'Currency', 'Percent', 'DateTime'].includes(s.data.f.type),
                ishtmlformatted: (_r, s) => s.data.f.type === 'Html',
                isdefaultedoncreate: (_r, s) => s.data.f.defaultValue !== undefined || s.data.f.type === 'Checkbox',
                ispermissionable: (_r, s) => s.data.f.permissionable,
                getdefaultvalue: () => {
                    throw new UnsupportedError('DescribeFieldResult.getDefaultValue');
                },
                getdefaultvalueformula: (_r, s) => s.data.f.defaultValue ?? null,
                getinlinehelptext: () => null,
                getrelationshipname: (_r, s) => s.data.f.relationshipName ?? null,
                getreferenceto: (r, s) =>
                    new ApexList({ k: 'native', name: 'Schema.SObjectType' }, (s.data.f.referenceTo ?? []).filter((n: string) => schema.getObject(n)).map((n: string) => token(n))),
                getsobjectfield: (_r, s) => fieldToken(s.data.def, s.data.f),
                getsobjecttype: (_r, s) => token(s.data.def.name),
                getpicklistvalues: (r, s) =>
                    new ApexList(
                        { k: 'native', name: 'Schema.PicklistEntry' },
                        (s.data.f.picklistValues ?? []).map((p: any) => new NativeObject('Schema.PicklistEntry', { p })),
                    ),
                getcontroller: () => null,
            },
        },
        'describefieldresult',
    );
    reg.add(
        {
            name: 'Schema.PicklistEntry',
            key: 'schema.picklistentry',
            methods: {
                getvalue: (_r, s) => s.data.p.value,
                getlabel: (_r, s) => s.data.p.label,
                isactive: (_r, s) => s.data.p.active,
                isdefaultvalue: (_r, s) => s.data.p.isDefault,
            },
        },
        'picklistentry',
    );
    reg.add(
        {
            name: 'Schema',
            key: 'schema',
            statics: {
                getglobaldescribe: () => {
                    const m = new ApexMap(prim('string'), { k: 'native', name: 'Schema.SObjectType' });
                    m.ci = true;
                    for (const o of schema.objects.values()) m.put(o.name.toLowerCase(), token(o.name));
                    return m;
                },
                describesobjects: (r, a) => {
                    const names: string[] = (a[0] as ApexList).items;
                    return new ApexList(
                        { k: 'native', name: 'Schema.DescribeSObjectResult' },
                        names.map((n) => {
                            const o = schema.getObject(n);
                            if (!o) throw new PlatformError('System.InvalidParameterValueException', `Entity type ${n} is not supported`);
                            return describe(o);
                        }),
                    );
                    void r;
                },
            },
        },
        'schema.schema',
    );

    // ---------------------------------------------------------------- SObject instance methods
    const recOf = (s: any): SObjectRecord => s as SObjectRecord;
    valueMethods.sobject = {
        get: (r, s, a) => {
            if (s.type === 'AggregateResult') {
                const k = String(a[0] ?? npe()).toLowerCase();
                if (!s.fields.has(k)) throw new PlatformError('System.SObjectException', `Invalid field ${a[0]} for AggregateResult`);
                return s.fields.get(k);
            }
            const o = obj(s.type);
            if (typeof a[0] === 'string' && !o.fields.has(a[0].toLowerCase())) return r.sobjectGet(s, a[0]);
            const f = fieldOf(o, a[0]);
            return r.sobjectGet(s, f.name);
        },
        put: (r, s, a) => {
            const o = obj(s.type);
            const f = fieldOf(o, a[0]);
            const prev = s.get(f.name);
            r.sobjectPut(s, f.name, a[1]);
            return prev;
        },
        getsobjecttype: (_r, s) => token(s.type),
        getsobject: (_r, s, a) => {
            const v = s.get(typeof a[0] === 'string' ? a[0] : a[0].data.f.relationshipName);
            return isSObject(v) ? v : null;
        },
        getsobjects: (_r, s, a) => {
            const rows = recOf(s).getChildren(String(a[0]));
            const child = rt.data.childRelationship(s.type, String(a[0]));
            return rows ? new ApexList({ k: 'sobject', name: child?.childObject ?? null }, rows) : null;
        },
        putsobject: (r, s, a) => {
            const prev = s.get(String(a[0]));
            r.sobjectPut(s, String(a[0]), a[1]);
            return prev;
        },
        getpopulatedfieldsasmap: (_r, s) => {
            const m = new ApexMap(prim('string'), ANY);
            for (const [k, v] of s.fields) m.put(s.canonicalNames.get(k) ?? k, v);
            const rec = recOf(s);
            if (rec.children) for (const [k, rows] of rec.children) m.put(rec.childNames?.get(k) ?? k, new ApexList({ k: 'sobject', name: null }, rows));
            return m;
        },
        isset: (_r, s, a) => {
            const name = typeof a[0] === 'string' ? a[0] : a[0].data.f.name;
            return s.has(name);
        },
        clone: (_r, s, a) => {
            const preserveId = a[0] === true;
            const deep = a[1] === true;
            const c = recOf(s).clone(deep);
            if (!preserveId) c.remove('Id');
            if (a[2] !== true) for (const f of ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp']) c.remove(f);
            return c;
        },
        adderror: (_r, s, a) => {
            if (a.length >= 2 && (typeof a[0] === 'string' || a[0] instanceof NativeObject) && typeof a[1] === 'string') {
                const fname = typeof a[0] === 'string' ? a[0] : a[0].data.f.name;
                recOf(s).addError(a[1], fname);
                return null;
            }
            const msg = a[0];
            recOf(s).addError(msg instanceof Object && 'obj' in msg ? String(msg) : rt.ip.str(msg));
            return null;
        },
        geterrors: (r, s) =>
            new ApexList(
                { k: 'native', name: 'Database.Error' },
                recOf(s).errors.map((e) => new NativeObject('Database.Error', { e: { message: e.message, fields: e.fields, statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }, rt: r })),
            ),
        haserrors: (_r, s) => recOf(s).hasErrors(),
        getclonesourceid: () => null,
        getquickactionname: () => null,
        recalculateformulas: () => {
            throw new UnsupportedError('SObject.recalculateFormulas');
        },
        tostring: (r, s) => r.ip.str(s),
        equals: (r, s, a) => r.ip.equalsValues(s, a[0]),
        hashcode: (_r, s) => s.fields.size,
    };
    rt.extensions.set('fieldAddError', (s: any, field: string, args: any[]) => {
        recOf(s).addError(rt.ip.str(args[0]), field);
        return null;
    });

    // ---------------------------------------------------------------- Security.stripInaccessible
    // Apex Reference "Security Class" / "SObjectAccessDecision Class": fields the running user cannot access are
    // removed (Id never is); getRemovedFields() maps object → field names; the root object must be accessible.
    reg.add({ name: 'System.AccessType', key: 'accesstype', enumValues: ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE'] });
    reg.add({
        name: 'System.Security',
        key: 'security',
        statics: {
            stripinaccessible: (r, a) => {
                const access = (a[0] as any)?.name as string;
                const list = a[1] as ApexList;
                if (!access || list === null) npe();
                const enforceRoot = a[2] !== false;
                const removed = new Map<string, Set<string>>();
                const modified = new Set<number>();
                const edit = access !== 'READABLE';
                const objAccess = access === 'CREATABLE' ? 'create' : access === 'READABLE' ? 'read' : 'edit';
                const strip = (rec: SObjectRecord, idx: number | null): SObjectRecord => {
                    const o = obj(rec.type);
                    if (idx !== null && enforceRoot && !perm(o, objAccess as any)) {
                        throw new PlatformError('System.NoAccessException', `No access to entity: ${o.name}`);
                    }
                    const copy = rec.clone(true);
                    for (const key of [...rec.fields.keys()]) {
                        const f = o.fields.get(key);
                        const v = rec.fields.get(key);
                        if (v instanceof SObjectRecord) {
                            copy.put(rec.nameOf(key), strip(v, null));
                            continue;
                        }
                        if (!f || f.name === 'Id') continue;
                        let ok: boolean;
                        try {
                            ok = db().canAccessField(o.name, f.name, edit) && (!edit || (access === 'CREATABLE' ? f.createable : f.updateable));
                        } catch {
                            ok = false;
                        }
                        if (!ok) {
                            copy.remove(f.name);
                            const set = removed.get(o.name) ?? new Set<string>();
                            set.add(f.name);
                            removed.set(o.name, set);
                            if (idx !== null) modified.add(idx);
                        }
                    }
                    if (rec.children) for (const [k, rows] of rec.children) copy.setChildren(rec.childNames?.get(k) ?? k, rows.map((x) => strip(x, null)));
                    return copy;
                };
                const records = list.items.map((x, i) => strip(x as SObjectRecord, i));
                return new NativeObject('System.SObjectAccessDecision', { records, removed, modified, el: list.el });
            },
        },
    });
    reg.add({
        name: 'System.SObjectAccessDecision',
        key: 'sobjectaccessdecision',
        methods: {
            getrecords: (_r, s: NativeObject) => new ApexList(s.data.el, s.data.records),
            getremovedfields: (_r, s: NativeObject) => {
                const m = new ApexMap(prim('string'), { k: 'set', el: prim('string') });
                for (const [k, set] of s.data.removed as Map<string, Set<string>>) {
                    const x = new ApexSet(prim('string'));
                    for (const f of set) x.add(f);
                    m.put(k, x);
                }
                return m;
            },
            getmodifiedindexes: (_r, s: NativeObject) => {
                const x = new ApexSet(prim('integer'));
                for (const i of s.data.modified as Set<number>) x.add(i);
                return x;
            },
        },
    });

    // ---------------------------------------------------------------- custom labels (System.Label.X)
    reg.add(
        {
            name: 'System.Label',
            key: 'label',
            getStatic: (_r, l, name) => {
                const v = schema.customLabels.get(l);
                if (v === undefined) throw new UnsupportedError(`custom label ${name} (not in the project)`);
                return v;
            },
        },
        'system.label',
    );

    // ---------------------------------------------------------------- Id
    reg.add({
        name: 'Id',
        statics: {
            valueof: (_r, a) => {
                if (a[0] === null) return null;
                const s = String(a[0]);
                if (!isValidId(s)) throw new PlatformError('System.StringException', `Invalid id: ${s}`);
                return to18(s);
            },
        },
    });
    rt.extensions.set('idMethods', {
        getsobjecttype: (_r: Runtime, id: string) => {
            const t = db().typeOfId(id) ?? schema.objectByKeyPrefix(keyPrefixOf(id));
            if (!t) throw new PlatformError('System.SObjectException', `Invalid id: ${id}`);
            return token(t.name);
        },
        to15: (_r: Runtime, id: string) => to15(id),
        adderror: () => {
            throw new UnsupportedError('Id.addError');
        },
    });
}
