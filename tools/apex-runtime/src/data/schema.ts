/**
 * `loadOrgSchema(projectDir)`: the org schema built from an sfdx project's metadata (source format) plus the
 * built-in standard objects.
 *
 * Reads every package directory of `sfdx-project.json`: objects and fields, validation rules / record-triggered flows
 * / duplicate rules / workflow rules (recorded as unsupported automation), custom metadata types and records,
 * custom settings, platform events, permission sets, custom permissions, named credentials, custom labels, static
 * resources, custom notification types and Apex class names. Multi-currency follows the project scratch definition.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime } from '../values/datetime.js';
import { IdGenerator } from '../values/id.js';
import { SObjectRecord } from './record.js';
import { buildStandardObjects, parseFieldSpec } from './schema-standard.js';
import type {
    CustomPermissionDef,
    FieldDef,
    FieldType,
    NamedCredentialDef,
    ObjectDef,
    OrgSchema,
    PermissionSetDef,
    PicklistValue
} from './schema-types.js';

export type * from './schema-types.js';

const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: true
});

/* eslint-disable @typescript-eslint/no-explicit-any */
function arr<T = any>(v: T | T[] | undefined | null): T[] {
    if (v === undefined || v === null || v === '') return [];
    return Array.isArray(v) ? v : [v];
}

function text(v: any): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'object') return v['#text'] !== undefined ? String(v['#text']) : undefined;
    return String(v);
}

function bool(v: any, dflt = false): boolean {
    const t = text(v);
    return t === undefined ? dflt : t.trim().toLowerCase() === 'true';
}

function readXml(path: string): any {
    try {
        return xml.parse(readFileSync(path, 'utf8'));
    } catch (e) {
        throw new Error(`Malformed metadata XML ${path}: ${(e as Error).message}`);
    }
}

function listFiles(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string): void => {
        for (const entry of readdirSync(d, { withFileTypes: true })) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            const p = join(d, entry.name);
            if (entry.isDirectory()) walk(p);
            else out.push(p);
        }
    };
    if (existsSync(dir)) walk(dir);
    return out;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function prefixFor(letter: string, index: number): string {
    return letter + BASE62[Math.floor(index / 62) % 62] + BASE62[index % 62];
}

/** Reads the project's scratch definition to decide multi-currency. */
function detectMultiCurrency(projectDir: string): boolean {
    const candidates = [join(projectDir, 'config', 'project-scratch-def.json')];
    for (const p of candidates) {
        if (!existsSync(p)) continue;
        try {
            const def = JSON.parse(readFileSync(p, 'utf8'));
            const features: string[] = (def.features ?? []).map((f: string) => String(f).toLowerCase());
            if (features.includes('multicurrency')) return true;
            if (def.settings?.currencySettings?.enableMultiCurrency === true) return true;
        } catch {
            /* an unreadable scratch def means single currency */
        }
    }
    return false;
}

interface RawObject {
    name: string;
    meta: any;
    fields: any[];
    validationRules: string[];
    recordTypes: { name: string; label: string; active: boolean; description?: string }[];
}

/** Options for `loadOrgSchema`. */
export interface LoadOptions {
    /** Forces multi-currency on or off (default: from `config/project-scratch-def.json`). */
    multiCurrency?: boolean;
    /** Active currencies; default `['USD']` (a new org's corporate currency). */
    currencies?: string[];
}

/** Loads the org schema of an sfdx project directory. */
export function loadOrgSchema(projectDir: string, options: LoadOptions = {}): OrgSchema & OrgSchemaExtras {
    const root = resolve(projectDir);
    const projectFile = join(root, 'sfdx-project.json');
    if (!existsSync(projectFile)) throw new Error(`No sfdx-project.json in ${root}`);
    const project = JSON.parse(readFileSync(projectFile, 'utf8'));
    const packageDirs: string[] = arr(project.packageDirectories).map((p: any) => resolve(root, p.path));
    const multiCurrency = options.multiCurrency ?? detectMultiCurrency(root);
    const currencies = options.currencies ?? ['USD'];

    const files = packageDirs.flatMap((d) => listFiles(d));
    const rawObjects = new Map<string, RawObject>();
    const rawFor = (name: string): RawObject => {
        let r = rawObjects.get(name.toLowerCase());
        if (!r) {
            r = { name, meta: null, fields: [], validationRules: [], recordTypes: [] };
            rawObjects.set(name.toLowerCase(), r);
        }
        return r;
    };
    const cmdtRecordFiles: string[] = [];
    const permissionSets = new Map<string, PermissionSetDef>();
    const customPermissions = new Map<string, CustomPermissionDef>();
    const namedCredentials = new Map<string, NamedCredentialDef>();
    const customLabels = new Map<string, string>();
    const staticResources = new Map<string, { name: string; path: string; contentType: string }>();
    const notificationTypes: { name: string; label: string; description?: string }[] = [];
    const apexClasses: string[] = [];
    const apexTriggers: { name: string; object: string }[] = [];
    const automationByObject = new Map<string, string[]>();
    const globalValueSets = new Map<string, PicklistValue[]>();
    const addAutomation = (obj: string, what: string): void => {
        const k = obj.toLowerCase();
        if (!automationByObject.has(k)) automationByObject.set(k, []);
        automationByObject.get(k)!.push(what);
    };

    for (const file of files) {
        const base = basename(file);
        const parent = basename(dirname(file));
        if (base.endsWith('.object-meta.xml')) {
            const r = rawFor(base.slice(0, -'.object-meta.xml'.length));
            r.meta = readXml(file).CustomObject ?? {};
        } else if (base.endsWith('.field-meta.xml') && parent === 'fields') {
            const obj = basename(dirname(dirname(file)));
            rawFor(obj).fields.push(readXml(file).CustomField ?? {});
        } else if (base.endsWith('.validationRule-meta.xml')) {
            const obj = basename(dirname(dirname(file)));
            const vr = readXml(file).ValidationRule ?? {};
            if (bool(vr.active, true))
                rawFor(obj).validationRules.push(base.slice(0, -'.validationRule-meta.xml'.length));
        } else if (base.endsWith('.recordType-meta.xml')) {
            const obj = basename(dirname(dirname(file)));
            const rt = readXml(file).RecordType ?? {};
            rawFor(obj).recordTypes.push({
                name: base.slice(0, -'.recordType-meta.xml'.length),
                label: text(rt.label) ?? '',
                active: bool(rt.active, true),
                description: text(rt.description)
            });
        } else if (base.endsWith('.md-meta.xml')) {
            cmdtRecordFiles.push(file);
        } else if (base.endsWith('.permissionset-meta.xml')) {
            const ps = parsePermissionSet(
                base.slice(0, -'.permissionset-meta.xml'.length),
                readXml(file).PermissionSet ?? {}
            );
            permissionSets.set(ps.name.toLowerCase(), ps);
        } else if (base.endsWith('.customPermission-meta.xml')) {
            const cp = readXml(file).CustomPermission ?? {};
            const name = base.slice(0, -'.customPermission-meta.xml'.length);
            customPermissions.set(name.toLowerCase(), { name, label: text(cp.label) ?? name });
        } else if (base.endsWith('.namedCredential-meta.xml')) {
            const nc = readXml(file).NamedCredential ?? {};
            const name = base.slice(0, -'.namedCredential-meta.xml'.length);
            const params = arr(nc.namedCredentialParameters);
            const urlParam = params.find((p: any) => text(p.parameterType) === 'Url');
            const extParam = params.find((p: any) => text(p.parameterType) === 'Authentication');
            namedCredentials.set(name.toLowerCase(), {
                name,
                label: text(nc.label) ?? name,
                endpoint: text(urlParam?.parameterValue) ?? text(nc.endpoint) ?? '',
                externalCredential: text(extParam?.externalCredential),
                protocol: text(nc.protocol) ?? text(nc.namedCredentialType),
                allowMergeFieldsInHeader: bool(nc.allowMergeFieldsInHeader),
                generateAuthorizationHeader: bool(nc.generateAuthorizationHeader, true)
            });
        } else if (base.endsWith('.labels-meta.xml')) {
            for (const l of arr(readXml(file).CustomLabels?.labels)) {
                customLabels.set(String(text(l.fullName)).toLowerCase(), text(l.value) ?? '');
            }
        } else if (base.endsWith('.resource-meta.xml')) {
            const name = base.slice(0, -'.resource-meta.xml'.length);
            const meta = readXml(file).StaticResource ?? {};
            const dataFile = readdirSync(dirname(file))
                .map((f) => join(dirname(file), f))
                .find((f) => basename(f).startsWith(`${name}.`) && !f.endsWith('-meta.xml'));
            staticResources.set(name.toLowerCase(), {
                name,
                path: dataFile ?? join(dirname(file), name),
                contentType: text(meta.contentType) ?? 'application/octet-stream'
            });
        } else if (base.endsWith('.notiftype-meta.xml')) {
            const nt = readXml(file).CustomNotificationType ?? {};
            notificationTypes.push({
                name: base.slice(0, -'.notiftype-meta.xml'.length),
                label: text(nt.masterLabel) ?? text(nt.customNotifTypeName) ?? '',
                description: text(nt.description)
            });
        } else if (base.endsWith('.cls') && parent === 'classes') {
            apexClasses.push(base.slice(0, -4));
        } else if (base.endsWith('.trigger') && parent === 'triggers') {
            const src = readFileSync(file, 'utf8');
            const m = /trigger\s+(\w+)\s+on\s+(\w+)/i.exec(src);
            if (m) apexTriggers.push({ name: m[1], object: m[2] });
        } else if (base.endsWith('.flow-meta.xml')) {
            const flow = readXml(file).Flow ?? {};
            const start = flow.start ?? {};
            const triggerType = text(start.triggerType);
            const status = text(flow.status) ?? 'Active';
            if (triggerType && /^Record/.test(triggerType) && status === 'Active' && text(start.object)) {
                addAutomation(text(start.object)!, `record-triggered flow ${base.slice(0, -'.flow-meta.xml'.length)}`);
            }
        } else if (base.endsWith('.duplicateRule-meta.xml')) {
            const rule = readXml(file).DuplicateRule ?? {};
            const obj = base.split('.')[0];
            if (bool(rule.isActive, true)) addAutomation(obj, `duplicate rule ${base.split('.')[1]}`);
        } else if (base.endsWith('.workflow-meta.xml')) {
            const wf = readXml(file).Workflow ?? {};
            const obj = base.slice(0, -'.workflow-meta.xml'.length);
            for (const rule of arr(wf.rules)) {
                if (bool(rule.active, true)) addAutomation(obj, `workflow rule ${text(rule.fullName)}`);
            }
        } else if (base.endsWith('.globalValueSet-meta.xml')) {
            const gvs = readXml(file).GlobalValueSet ?? {};
            globalValueSets.set(
                base.slice(0, -'.globalValueSet-meta.xml'.length).toLowerCase(),
                arr(gvs.customValue).map((v: any) => ({
                    value: text(v.fullName) ?? '',
                    label: text(v.label) ?? text(v.fullName) ?? '',
                    isDefault: bool(v.default),
                    active: bool(v.isActive, true)
                }))
            );
        }
    }

    // ---------------------------------------------------------------- objects
    const objects = new Map<string, ObjectDef>();
    for (const std of buildStandardObjects(multiCurrency)) objects.set(std.name.toLowerCase(), std);

    const customNames = [...rawObjects.values()]
        .filter((r) => r.name.includes('__'))
        .map((r) => r.name)
        .sort();
    const counters = { a: 0, e: 0, m: 0 };
    for (const name of customNames) {
        const raw = rawObjects.get(name.toLowerCase())!;
        const meta = raw.meta ?? {};
        const kind: ObjectDef['kind'] = name.endsWith('__mdt')
            ? 'customMetadata'
            : name.endsWith('__e')
              ? 'platformEvent'
              : text(meta.customSettingsType)
                ? 'customSetting'
                : 'custom';
        const letter = kind === 'customMetadata' ? 'm' : kind === 'platformEvent' ? 'e' : 'a';
        const keyPrefix = prefixFor(letter, counters[letter as 'a' | 'e' | 'm']++);
        const fields = new Map<string, FieldDef>();
        const add = (f: FieldDef): void => {
            fields.set(f.name.toLowerCase(), f);
        };
        const isDetail = raw.fields.some((f) => text(f.type) === 'MasterDetail');
        if (kind === 'customMetadata') {
            [
                'Id Id ro',
                'DeveloperName Text(40) req',
                'MasterLabel Text(40) req',
                'Label Text(40) ro',
                'Language Text(40) ro',
                'NamespacePrefix Text(15) ro',
                'QualifiedApiName Text(70) ro',
                'SystemModstamp DateTime ro'
            ].forEach((s) => add(parseFieldSpec(s)));
        } else if (kind === 'platformEvent') {
            [
                'ReplayId Text(255) ro',
                'EventUuid Text(36) ro',
                'CreatedDate DateTime ro',
                'CreatedById Ref(User) ro rel=CreatedBy'
            ].forEach((s) => add(parseFieldSpec(s)));
        } else {
            [
                'Id Id ro',
                'IsDeleted Checkbox ro',
                'CreatedDate DateTime ro',
                'CreatedById Ref(User) ro rel=CreatedBy',
                'LastModifiedDate DateTime ro',
                'LastModifiedById Ref(User) ro rel=LastModifiedBy',
                'SystemModstamp DateTime ro'
            ].forEach((s) => add(parseFieldSpec(s)));
            if (kind === 'customSetting') {
                add(parseFieldSpec('Name Text(38)'));
                if (text(meta.customSettingsType) === 'Hierarchy') {
                    add(parseFieldSpec('SetupOwnerId Ref(Organization|Profile|User) rel=SetupOwner'));
                } else {
                    fields.get('name')!.required = true;
                }
            } else {
                const nf = meta.nameField ?? {};
                if (text(nf.type) === 'AutoNumber') {
                    const f = parseFieldSpec('Name Text(80) ro');
                    f.type = 'AutoNumber';
                    add(f);
                } else {
                    add(parseFieldSpec('Name Text(80)'));
                }
                fields.get('name')!.label = text(nf.label) ?? 'Name';
                if (!isDetail) add(parseFieldSpec('OwnerId Ref(User|Group) rel=Owner'));
                add(parseFieldSpec('LastViewedDate DateTime ro'));
                add(parseFieldSpec('LastReferencedDate DateTime ro'));
            }
            if (multiCurrency) add(parseFieldSpec('CurrencyIsoCode Picklist check=currency'));
            for (const f of fields.values()) f.permissionable = false;
        }
        for (const rawField of raw.fields) add(parseCustomField(rawField, globalValueSets));
        const automation = [
            ...raw.validationRules.map((v) => `validation rule ${v}`),
            ...[...fields.values()].filter((f) => f.type === 'Summary').map((f) => `roll-up summary field ${f.name}`)
        ];
        objects.set(name.toLowerCase(), {
            name,
            label: text(meta.label) ?? name,
            pluralLabel: text(meta.pluralLabel) ?? text(meta.label) ?? name,
            keyPrefix,
            kind,
            custom: true,
            fields,
            childRelationships: [],
            customSettingsType: text(meta.customSettingsType) as ObjectDef['customSettingsType'],
            eventType: text(meta.eventType),
            publishBehavior:
                (text(meta.publishBehavior) as ObjectDef['publishBehavior']) ??
                (kind === 'platformEvent' ? 'PublishImmediately' : undefined),
            sharingModel: text(meta.sharingModel),
            setup: false,
            unsupportedAutomation: automation,
            createable: kind !== 'customMetadata',
            updateable: kind !== 'customMetadata' && kind !== 'platformEvent',
            deletable: kind !== 'customMetadata' && kind !== 'platformEvent',
            queryable: kind !== 'platformEvent',
            nameField: kind === 'customMetadata' ? 'MasterLabel' : kind === 'platformEvent' ? undefined : 'Name',
            autoNumberFormat: text(meta.nameField?.displayFormat)
        });
    }
    // Fields added to standard objects, and validation rules on them.
    for (const raw of rawObjects.values()) {
        if (raw.name.includes('__')) continue;
        const obj = objects.get(raw.name.toLowerCase());
        if (!obj) {
            if (raw.fields.length) {
                throw new Error(
                    `The project adds fields to standard object ${raw.name}, which the runtime's catalogue does not model`
                );
            }
            continue;
        }
        for (const rawField of raw.fields) {
            const f = parseCustomField(rawField, globalValueSets);
            if (!f.custom) {
                // A standard field in source format (e.g. to change picklist values): merge what matters.
                const existing = obj.fields.get(f.name.toLowerCase());
                if (existing && f.picklistValues?.length) existing.picklistValues = f.picklistValues;
                continue;
            }
            obj.fields.set(f.name.toLowerCase(), f);
        }
        obj.unsupportedAutomation.push(...raw.validationRules.map((v) => `validation rule ${v}`));
        // A standard object's organization-wide default given in the project (scratch orgs apply it).
        const sharing = text(raw.meta?.sharingModel);
        if (sharing) obj.sharingModel = sharing;
    }
    for (const [obj, what] of automationByObject) {
        const def = objects.get(obj);
        if (def) def.unsupportedAutomation.push(...what);
    }

    // Objects with record types in the project get RecordTypeId (and the RecordType relationship).
    for (const raw of rawObjects.values()) {
        const obj = objects.get(raw.name.toLowerCase());
        if (obj && raw.recordTypes.length && !obj.fields.has('recordtypeid')) {
            const f = parseFieldSpec('RecordTypeId Ref(RecordType) rel=RecordType');
            f.label = 'Record Type ID';
            obj.fields.set('recordtypeid', f);
        }
    }

    // Child relationships.
    for (const obj of objects.values()) {
        for (const f of obj.fields.values()) {
            if (!f.referenceTo || !f.childRelationshipName) continue;
            for (const target of f.referenceTo) {
                const parents =
                    target === '*'
                        ? [...objects.values()].filter(
                              (o) => (o.kind === 'custom' || o.kind === 'standard') && !o.setup
                          )
                        : [objects.get(target.toLowerCase())].filter(Boolean);
                for (const p of parents) {
                    if (
                        p!.childRelationships.some(
                            (c) => c.relationshipName.toLowerCase() === f.childRelationshipName!.toLowerCase()
                        )
                    )
                        continue;
                    p!.childRelationships.push({
                        relationshipName: f.childRelationshipName,
                        childObject: obj.name,
                        field: f.name,
                        cascadeDelete: f.deleteConstraint === 'Cascade' || f.type === 'MasterDetail',
                        restrictedDelete: f.deleteConstraint === 'Restrict'
                    });
                }
            }
        }
    }

    const byPrefix = new Map<string, ObjectDef>();
    for (const o of objects.values()) if (!byPrefix.has(o.keyPrefix)) byPrefix.set(o.keyPrefix, o);

    const schema: OrgSchema & OrgSchemaExtras = {
        projectDir: root,
        apiVersion: String(project.sourceApiVersion ?? '62.0'),
        multiCurrency,
        currencies,
        objects,
        customMetadataRecords: new Map(),
        permissionSets,
        customPermissions,
        namedCredentials,
        customLabels,
        staticResources,
        notificationTypes,
        apexClasses,
        apexTriggers,
        recordTypes: [...rawObjects.values()].flatMap((r) => r.recordTypes.map((rt) => ({ object: r.name, ...rt }))),
        metadataIds: new IdGenerator(),
        getObject(name: string): ObjectDef | null {
            return objects.get(name.toLowerCase()) ?? null;
        },
        getField(objectName: string, fieldName: string): FieldDef | null {
            return objects.get(objectName.toLowerCase())?.fields.get(fieldName.toLowerCase()) ?? null;
        },
        objectByKeyPrefix(prefix: string): ObjectDef | null {
            return byPrefix.get(prefix) ?? null;
        }
    };
    loadCustomMetadataRecords(schema, cmdtRecordFiles);
    return schema;
}

/** Extra schema information used by the database seed and the interpreter. */
export interface OrgSchemaExtras {
    notificationTypes: { name: string; label: string; description?: string }[];
    apexClasses: string[];
    apexTriggers: { name: string; object: string }[];
    recordTypes: { object: string; name: string; label: string; active: boolean; description?: string }[];
    /** Id generator for metadata-backed rows (custom metadata records). */
    metadataIds: IdGenerator;
}

const FIELD_TYPES = new Set<FieldType>([
    'Text',
    'TextArea',
    'LongTextArea',
    'Html',
    'EncryptedText',
    'Url',
    'Email',
    'Phone',
    'Picklist',
    'MultiselectPicklist',
    'Checkbox',
    'Number',
    'Currency',
    'Percent',
    'Date',
    'DateTime',
    'Time',
    'Lookup',
    'MasterDetail',
    'MetadataRelationship',
    'AutoNumber',
    'Summary',
    'Location'
]);

function parseCustomField(raw: any, globalValueSets: Map<string, PicklistValue[]>): FieldDef {
    const name = text(raw.fullName) ?? '';
    let type = (text(raw.type) ?? (text(raw.formula) ? 'Text' : 'Text')) as string;
    if (type === 'Hierarchy') type = 'Lookup';
    if (type === 'Html') type = 'Html';
    if (!FIELD_TYPES.has(type as FieldType)) throw new Error(`Unrecognised type '${type}' on field ${name}`);
    const formula = text(raw.formula);
    const isRef = type === 'Lookup' || type === 'MasterDetail' || type === 'MetadataRelationship';
    const required = type === 'MasterDetail' || bool(raw.required);
    const f: FieldDef = {
        name,
        label: text(raw.label) ?? name,
        type: type as FieldType,
        custom: name.endsWith('__c'),
        required,
        unique: bool(raw.unique),
        externalId: bool(raw.externalId),
        caseSensitive: bool(raw.caseSensitive),
        createable: !formula && type !== 'AutoNumber' && type !== 'Summary',
        updateable:
            !formula &&
            type !== 'AutoNumber' &&
            type !== 'Summary' &&
            !(type === 'MasterDetail' && !bool(raw.reparentableMasterDetail)),
        calculated: !!formula || type === 'AutoNumber' || type === 'Summary',
        formula,
        permissionable: !required
    };
    const len = text(raw.length);
    if (len) f.length = Number(len);
    else if (type === 'Email') f.length = 80;
    else if (type === 'Phone') f.length = 40;
    else if (type === 'Url' || type === 'TextArea' || type === 'Picklist') f.length = 255;
    else if (type === 'MultiselectPicklist') f.length = 4099;
    if (['Number', 'Currency', 'Percent', 'Summary'].includes(type)) {
        f.precision = Number(text(raw.precision) ?? 18);
        f.scale = Number(text(raw.scale) ?? 0);
    }
    if (isRef) {
        f.referenceTo = [text(raw.referenceTo) ?? 'User'];
        if (type === 'MetadataRelationship') {
            f.relationshipName = name.replace(/__c$/, '__r');
            f.controllingField = text(raw.metadataRelationshipControllingField);
        } else {
            f.relationshipName = name.replace(/__c$/, '__r');
            const rn = text(raw.relationshipName);
            if (rn) f.childRelationshipName = `${rn}__r`;
            f.deleteConstraint =
                type === 'MasterDetail'
                    ? 'Cascade'
                    : ((text(raw.deleteConstraint) as FieldDef['deleteConstraint']) ?? 'SetNull');
        }
        f.length = 18;
    }
    const vs = raw.valueSet;
    if (vs) {
        f.restricted = bool(vs.restricted);
        const gvs = text(vs.valueSetName);
        if (gvs) {
            f.picklistValues = globalValueSets.get(gvs.toLowerCase()) ?? [];
            f.restricted = true; // global value sets are always restricted
        } else {
            f.picklistValues = arr(vs.valueSetDefinition?.value).map((v: any) => ({
                value: text(v.fullName) ?? '',
                label: text(v.label) ?? text(v.fullName) ?? '',
                isDefault: bool(v.default),
                active: bool(v.isActive, true)
            }));
        }
        const dflt = f.picklistValues.find((v) => v.isDefault);
        if (dflt) f.defaultValue = JSON.stringify(dflt.value);
    }
    const dv = text(raw.defaultValue);
    if (dv !== undefined && dv !== '') f.defaultValue = dv;
    if (type === 'Checkbox' && f.defaultValue === undefined) f.defaultValue = 'false';
    return f;
}

function parsePermissionSet(name: string, ps: any): PermissionSetDef {
    const def: PermissionSetDef = {
        name,
        label: text(ps.label) ?? name,
        objectPermissions: new Map(),
        fieldPermissions: new Map(),
        customPermissions: new Set(),
        classAccesses: new Set(),
        userPermissions: new Set(),
        customMetadataTypeAccesses: new Set(),
        customSettingAccesses: new Set(),
        externalCredentialPrincipals: new Set()
    };
    for (const op of arr(ps.objectPermissions)) {
        def.objectPermissions.set(String(text(op.object)).toLowerCase(), {
            read: bool(op.allowRead),
            create: bool(op.allowCreate),
            edit: bool(op.allowEdit),
            delete: bool(op.allowDelete),
            viewAll: bool(op.viewAllRecords),
            modifyAll: bool(op.modifyAllRecords)
        });
    }
    for (const fp of arr(ps.fieldPermissions)) {
        def.fieldPermissions.set(String(text(fp.field)).toLowerCase(), {
            readable: bool(fp.readable),
            editable: bool(fp.editable)
        });
    }
    for (const cp of arr(ps.customPermissions))
        if (bool(cp.enabled)) def.customPermissions.add(String(text(cp.name)).toLowerCase());
    for (const ca of arr(ps.classAccesses))
        if (bool(ca.enabled)) def.classAccesses.add(String(text(ca.apexClass)).toLowerCase());
    for (const up of arr(ps.userPermissions))
        if (bool(up.enabled)) def.userPermissions.add(String(text(up.name)).toLowerCase());
    for (const a of arr(ps.customMetadataTypeAccesses))
        if (bool(a.enabled)) def.customMetadataTypeAccesses.add(String(text(a.name)).toLowerCase());
    for (const a of arr(ps.customSettingAccesses))
        if (bool(a.enabled)) def.customSettingAccesses.add(String(text(a.name)).toLowerCase());
    for (const a of arr(ps.externalCredentialPrincipalAccesses)) {
        if (bool(a.enabled))
            def.externalCredentialPrincipals.add(String(text(a.externalCredentialPrincipal)).toLowerCase());
    }
    return def;
}

/** Converts a custom metadata record value to the runtime type of its field. */
function cmdtValue(field: FieldDef | null, raw: any): unknown {
    if (raw === undefined || raw === null) return null;
    if (typeof raw === 'object' && (raw['@_xsi:nil'] === 'true' || raw['@_xsi:nil'] === true)) return null;
    const t = text(raw) ?? '';
    const xsiType = typeof raw === 'object' ? String(raw['@_xsi:type'] ?? '') : '';
    const type = field?.type;
    if (type === 'Checkbox' || xsiType.endsWith('boolean')) return t.toLowerCase() === 'true';
    if (
        type === 'Number' ||
        type === 'Percent' ||
        type === 'Currency' ||
        xsiType.endsWith('double') ||
        xsiType.endsWith('int')
    ) {
        if (t === '') return null;
        const d = Decimal.parse(t);
        return field?.scale !== undefined ? d.setScale(field.scale) : d;
    }
    if (type === 'Date' || xsiType.endsWith(':date')) return t === '' ? null : ApexDate.valueOf(t);
    if (type === 'DateTime' || xsiType.endsWith('dateTime')) return t === '' ? null : ApexDatetime.parseIso(t);
    return t === '' ? null : t;
}

function loadCustomMetadataRecords(schema: OrgSchema & OrgSchemaExtras, files: string[]): void {
    const pendingRefs: { record: SObjectRecord; field: FieldDef; value: string }[] = [];
    const byTypeAndDevName = new Map<string, SObjectRecord>();
    for (const file of files.sort()) {
        const base = basename(file).slice(0, -'.md-meta.xml'.length);
        const dot = base.indexOf('.');
        const typeName = `${base.slice(0, dot)}__mdt`;
        const devName = base.slice(dot + 1);
        const obj = schema.getObject(typeName);
        if (!obj) throw new Error(`Custom metadata record ${basename(file)} has no type ${typeName} in the project`);
        const doc = readXml(file).CustomMetadata ?? {};
        const rec = new SObjectRecord(obj.name);
        rec.put('Id', schema.metadataIds.next(obj.keyPrefix));
        rec.put('DeveloperName', devName);
        rec.put('MasterLabel', text(doc.label) ?? devName);
        rec.put('Label', text(doc.label) ?? devName);
        rec.put('Language', 'en_US');
        rec.put('NamespacePrefix', null);
        rec.put('QualifiedApiName', devName);
        for (const f of obj.fields.values()) {
            if (f.custom) rec.put(f.name, f.type === 'Checkbox' ? false : null);
        }
        for (const v of arr(doc.values)) {
            const fieldName = text(v.field) ?? '';
            const field = schema.getField(obj.name, fieldName);
            if (!field) throw new Error(`Custom metadata record ${basename(file)} sets unknown field ${fieldName}`);
            const value = cmdtValue(field, v.value);
            if (
                field.type === 'MetadataRelationship' &&
                typeof value === 'string' &&
                field.referenceTo?.[0]?.endsWith('__mdt')
            ) {
                pendingRefs.push({ record: rec, field, value });
            }
            rec.put(field.name, value);
        }
        byTypeAndDevName.set(`${obj.name.toLowerCase()}.${devName.toLowerCase()}`, rec);
        const key = obj.name.toLowerCase();
        if (!schema.customMetadataRecords.has(key)) schema.customMetadataRecords.set(key, []);
        schema.customMetadataRecords.get(key)!.push(rec);
    }
    // A relationship to another custom metadata type holds the target record's Id once loaded.
    for (const { record, field, value } of pendingRefs) {
        const target = byTypeAndDevName.get(`${field.referenceTo![0].toLowerCase()}.${value.toLowerCase()}`);
        record.put(field.name, target ? target.get('Id') : value);
    }
    for (const o of schema.objects.values()) {
        if (o.kind === 'customMetadata' && !schema.customMetadataRecords.has(o.name.toLowerCase())) {
            schema.customMetadataRecords.set(o.name.toLowerCase(), []);
        }
    }
}

/** True when a file path exists and is a directory. */
export function isDirectory(p: string): boolean {
    try {
        return statSync(p).isDirectory();
    } catch {
        return false;
    }
}
