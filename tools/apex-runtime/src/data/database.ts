/**
 * `OrgDatabase`: the in-memory org. DML with the platform's order of execution, status codes and messages;
 * snapshots for savepoints and test isolation; user-mode object and field permissions.
 *
 * Sources:
 * - Apex Developer Guide, "Triggers and Order of Execution"
 *   (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm):
 *   for Apex/API saves only foreign keys and restricted picklists are validated before before-triggers; required
 *   fields, field lengths and formats are validated after them; unique indexes at save; then after triggers.
 * - Apex Developer Guide, "DML Exceptions and Error Handling" / "Bulk DML Exception Handling" and the Apex
 *   Reference "DmlException Class" (`getNumDml`, `getDmlMessage`, `getDmlType`, `getDmlFieldNames`).
 * - Apex Developer Guide, "Upserting Records" (matching on Id or an External ID field; case-insensitive unless
 *   the field is case-sensitive; more than one match is an error).
 * - Apex Developer Guide, "Mixed DML Operations in Test Methods".
 */
import { randomUUID } from 'node:crypto';
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import { IdGenerator, isValidId, keyPrefixOf, to18 } from '../values/id.js';
import { isValidTimeZone } from '../values/timezone.js';
import { SObjectRecord } from './record.js';
import {
    EMAIL_ENCODINGS,
    LANGUAGES,
    OPPORTUNITY_STAGES,
    STANDARD_PROFILES,
    UNMODELLED_STANDARD_OBJECTS
} from './schema-standard.js';
import type { FieldDef, ObjectDef, OrgSchema } from './schema-types.js';
import type { OrgSchemaExtras } from './schema.js';
import { canAccessField, canAccessObject, hasCustomPermission, type EffectivePermissions } from './permissions.js';

export type DmlOp = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';
export type TriggerOp = 'insert' | 'update' | 'delete' | 'undelete';
export type AccessLevel = 'USER' | 'SYSTEM';

export interface DmlOptions {
    /** Default true (statement DML and `Database.*(records)`). */
    allOrNone?: boolean;
    /** Upsert key; default `Id`. */
    externalIdField?: string | null;
    /** Default: `hooks.isUserMode()` → USER, else SYSTEM. */
    accessLevel?: AccessLevel;
    /**
     * The running code enforces sharing (a `with sharing` class, or `inherited sharing` called from one): system-mode
     * updates and deletes then need record access too, as in user mode (Apex Developer Guide, "Set an Access Mode for
     * Database Operations"). Default false (the data layer's own writes, `without sharing` code, triggers).
     */
    withSharing?: boolean;
    /** `Database.DMLOptions.allowFieldTruncation`: over-long text is truncated instead of failing. */
    allowFieldTruncation?: boolean;
}

export interface DmlErrorEntry {
    statusCode: string;
    message: string;
    fields: string[];
}

export interface DmlResult {
    success: boolean;
    id: string | null;
    /** Upsert only: true when the row was inserted. */
    created?: boolean;
    errors: DmlErrorEntry[];
}

const OP_LABEL: Record<DmlOp, string> = {
    insert: 'Insert',
    update: 'Update',
    upsert: 'Upsert',
    delete: 'Delete',
    undelete: 'Undelete'
};

/**
 * Thrown when `allOrNone` is true and a row fails. The interpreter turns it into `System.DmlException` with
 * `message` as its message; `failures` backs `getNumDml()` / `getDmlIndex(i)` / `getDmlId(i)` / `getDmlMessage(i)` /
 * `getDmlType(i)` / `getDmlFieldNames(i)`.
 */
export class DmlError extends Error {
    readonly apexType = 'System.DmlException';
    readonly op: DmlOp;
    readonly results: DmlResult[];
    readonly failures: { index: number; id: string | null; statusCode: string; message: string; fields: string[] }[];

    constructor(op: DmlOp, results: DmlResult[]) {
        const failures = results
            .map((r, index) => ({ r, index }))
            .filter(({ r }) => !r.success)
            .map(({ r, index }) => ({
                index,
                id: r.id,
                statusCode: r.errors[0]?.statusCode ?? 'UNKNOWN_EXCEPTION',
                message: r.errors[0]?.message ?? '',
                fields: r.errors[0]?.fields ?? []
            }));
        const first = failures[0];
        super(
            `${OP_LABEL[op]} failed. First exception on row ${first.index}` +
                (first.id && op !== 'insert' ? ` with id ${first.id}` : '') +
                `; first error: ${first.statusCode}, ${first.message}: [${first.fields.join(', ')}]`
        );
        this.name = 'DmlError';
        this.op = op;
        this.results = results;
        this.failures = failures;
    }
}

/** Callbacks the interpreter installs (triggers, limits, running user, access mode). */
export interface DatabaseHooks {
    beforeTrigger?(type: string, op: TriggerOp, newList: SObjectRecord[] | null, oldList: SObjectRecord[] | null): void;
    afterTrigger?(type: string, op: TriggerOp, newList: SObjectRecord[] | null, oldList: SObjectRecord[] | null): void;
    /** Once per SOQL query, with the number of rows returned (limits). */
    onSoql?(rows: number): void;
    /** Once per DML statement, with the number of rows (limits). */
    onDml?(rows: number): void;
    /** The running user's Id (defaults to the seeded admin user). */
    currentUser?(): string | null;
    /** Default access mode when an operation does not give one. */
    isUserMode?(): boolean;
    /** True inside `System.runAs` in a test: the mixed-DML rule does not apply. */
    mixedDmlAllowed?(): boolean;
}

export interface DatabaseSnapshot {
    tables: Map<string, Map<string, SObjectRecord>>;
    bin: Map<string, BinEntry>;
    mixed: { setup: string | null; nonSetup: string | null };
}

interface BinEntry {
    record: SObjectRecord;
    /** ContentNote and its ContentDocument share one Id: deleted and restored together. */
    twin?: SObjectRecord;
    /** Rows deleted with it (master-detail cascade) and lookups it nulled, to restore on undelete. */
    cascaded: string[];
    nulled: { id: string; field: string }[];
    /** False for rows deleted by cascade only (not undeletable on their own). */
    top: boolean;
}

const TEXT_TYPES = new Set([
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
    'AutoNumber'
]);
const REF_TYPES = new Set(['Lookup', 'MasterDetail', 'Id']);
const NUMBER_TYPES = new Set(['Number', 'Currency', 'Percent', 'Summary']);
const TRIGGER_BATCH = 200;

function isDoubleLike(v: unknown): v is { v: number } {
    return (
        typeof v === 'object' &&
        v !== null &&
        typeof (v as { v?: unknown }).v === 'number' &&
        Object.keys(v).length === 1
    );
}

function err(statusCode: string, message: string, fields: string[] = []): DmlErrorEntry {
    return { statusCode, message, fields };
}

/** The in-memory org database. */
export class OrgDatabase {
    readonly schema: OrgSchema & OrgSchemaExtras;
    hooks: DatabaseHooks = {};
    readonly ids = new IdGenerator();
    private tables = new Map<string, Map<string, SObjectRecord>>();
    private bin = new Map<string, BinEntry>();
    private idIndex = new Map<string, string>();
    private autoNumbers = new Map<string, number>();
    private replayId = 0;
    private mixed: { setup: string | null; nonSetup: string | null } = { setup: null, nonSetup: null };
    /** DMLOptions.allowFieldTruncation of the DML statement being processed. */
    private allowFieldTruncation = false;
    /** DmlOptions.withSharing of the DML statement being processed. */
    private withSharing = false;
    /** Seeded rows: the admin user, profiles … */
    readonly adminUserId: string;
    readonly automatedProcessUserId: string;
    readonly organizationId: string;
    private profileIdsByName = new Map<string, string>();
    private permissionSetIdsByName = new Map<string, string>();

    constructor(schema: OrgSchema & OrgSchemaExtras) {
        this.schema = schema;
        const seeded = this.seed();
        this.adminUserId = seeded.admin;
        this.automatedProcessUserId = seeded.automated;
        this.organizationId = seeded.org;
    }

    // ------------------------------------------------------------------ seed

    private seed(): { admin: string; automated: string; org: string } {
        const now = ApexDatetime.now();
        const org = this.systemInsert('Organization', {
            Name: 'Apex Runtime Org',
            IsSandbox: false,
            OrganizationType: 'Developer Edition',
            InstanceName: 'LOCAL',
            NamespacePrefix: null,
            DefaultLocaleSidKey: 'en_US',
            LanguageLocaleKey: 'en_US',
            TimeZoneSidKey: 'GMT',
            IsReadOnly: false,
            FiscalYearStartMonth: 1
        });
        for (const p of STANDARD_PROFILES) {
            const id = this.systemInsert('Profile', { Name: p.name, UserType: 'Standard' });
            this.profileIdsByName.set(p.name.toLowerCase(), id);
            this.systemInsert('PermissionSet', {
                Name: `X00e${p.name.replace(/\W/g, '')}`,
                Label: p.name,
                IsOwnedByProfile: true,
                ProfileId: id,
                Type: 'Profile'
            });
        }
        OPPORTUNITY_STAGES.forEach((st, i) =>
            this.systemInsert('OpportunityStage', {
                MasterLabel: st.name,
                ApiName: st.name,
                IsActive: true,
                IsClosed: st.isClosed,
                IsWon: st.isWon,
                DefaultProbability: Decimal.fromInteger(st.probability),
                ForecastCategory: st.forecastCategory,
                ForecastCategoryName: st.forecastCategoryName,
                SortOrder: i + 1
            })
        );
        const adminProfile = this.profileIdsByName.get('system administrator')!;
        const userDefaults = {
            TimeZoneSidKey: 'GMT',
            LocaleSidKey: 'en_US',
            LanguageLocaleKey: 'en_US',
            EmailEncodingKey: 'UTF-8',
            IsActive: true,
            UserType: 'Standard'
        };
        const admin = this.systemInsert('User', {
            ...userDefaults,
            Username: 'admin@apex-runtime.local',
            FirstName: 'User',
            LastName: 'User',
            Name: 'User User',
            Alias: 'UUser',
            Email: 'admin@apex-runtime.local',
            CommunityNickname: 'User',
            ProfileId: adminProfile,
            ...(this.schema.multiCurrency
                ? { CurrencyIsoCode: this.schema.currencies[0], DefaultCurrencyIsoCode: this.schema.currencies[0] }
                : {})
        });
        const automated = this.systemInsert('User', {
            ...userDefaults,
            Username: 'autoproc@apex-runtime.local',
            LastName: 'Automated Process',
            Name: 'Automated Process',
            Alias: 'autoproc',
            Email: 'autoproc@apex-runtime.local',
            ProfileId: adminProfile,
            UserType: 'AutomatedProcess'
        });
        for (const ps of this.schema.permissionSets.values()) {
            const id = this.systemInsert('PermissionSet', {
                Name: ps.name,
                Label: ps.label,
                IsOwnedByProfile: false,
                Type: 'Regular'
            });
            this.permissionSetIdsByName.set(ps.name.toLowerCase(), id);
        }
        const cpIds = new Map<string, string>();
        for (const cp of this.schema.customPermissions.values()) {
            cpIds.set(
                cp.name.toLowerCase(),
                this.systemInsert('CustomPermission', { DeveloperName: cp.name, MasterLabel: cp.label })
            );
        }
        for (const ps of this.schema.permissionSets.values()) {
            for (const cp of ps.customPermissions) {
                const cpId = cpIds.get(cp);
                if (cpId) {
                    this.systemInsert('SetupEntityAccess', {
                        ParentId: this.permissionSetIdsByName.get(ps.name.toLowerCase()),
                        SetupEntityId: cpId,
                        SetupEntityType: 'CustomPermission'
                    });
                }
            }
        }
        for (const name of this.schema.apexClasses) {
            this.systemInsert('ApexClass', {
                Name: name,
                Status: 'Active',
                IsValid: true,
                ApiVersion: Decimal.parse(this.schema.apiVersion)
            });
        }
        for (const t of this.schema.apexTriggers) {
            this.systemInsert('ApexTrigger', {
                Name: t.name,
                Status: 'Active',
                TableEnumOrId: t.object,
                ApiVersion: Decimal.parse(this.schema.apiVersion)
            });
        }
        for (const nt of this.schema.notificationTypes) {
            this.systemInsert('CustomNotificationType', {
                DeveloperName: nt.name,
                MasterLabel: nt.label,
                CustomNotifTypeName: nt.label,
                Description: nt.description ?? null
            });
        }
        for (const nc of this.schema.namedCredentials.values()) {
            this.systemInsert('NamedCredential', {
                DeveloperName: nc.name,
                MasterLabel: nc.label,
                Endpoint: nc.endpoint
            });
        }
        for (const sr of this.schema.staticResources.values()) {
            this.systemInsert('StaticResource', { Name: sr.name, ContentType: sr.contentType });
        }
        for (const rt of this.schema.recordTypes) {
            this.systemInsert('RecordType', {
                Name: rt.label,
                DeveloperName: rt.name,
                SobjectType: rt.object,
                IsActive: rt.active,
                Description: rt.description ?? null
            });
        }
        void now;
        return { admin, automated, org };
    }

    /**
     * A new record with the field defaults the platform would apply (`SObjectType.newSObject(recordTypeId, true)`):
     * default-value formulas, picklist defaults and checkbox defaults. The record type is not modelled: a non-null
     * record type Id is kept as `RecordTypeId` when the object has that field, otherwise it fails loudly.
     */
    newRecordWithDefaults(type: string, recordTypeId: string | null = null): SObjectRecord {
        const def = this.objectDef(type);
        const rec = new SObjectRecord(def.name);
        if (recordTypeId !== null) {
            if (!def.fields.has('recordtypeid'))
                throw new UnsupportedError('record types', `${def.name} has no RecordTypeId field in the runtime`);
            rec.put('RecordTypeId', recordTypeId);
        }
        for (const f of def.fields.values()) {
            if (f.defaultValue !== undefined && !f.calculated)
                rec.put(f.name, this.coerce(def, f, this.evalDefault(f)).value);
        }
        // "Create an Event with an EventUuid Field": newSObject(null, true) gives a platform event its EventUuid.
        if (def.kind === 'platformEvent') rec.put('EventUuid', randomUUID());
        return rec;
    }

    /** Id of a built-in profile by name (`System Administrator`, `Standard User`, …). */
    profileId(name: string): string | null {
        return this.profileIdsByName.get(name.toLowerCase()) ?? null;
    }

    /** Id of a project permission set row by API name. */
    permissionSetId(name: string): string | null {
        return this.permissionSetIdsByName.get(name.toLowerCase()) ?? null;
    }

    // ------------------------------------------------------------------ low-level access

    private table(type: string): Map<string, SObjectRecord> {
        const key = type.toLowerCase();
        let t = this.tables.get(key);
        if (!t) {
            t = new Map();
            this.tables.set(key, t);
        }
        return t;
    }

    /** The object definition; throws for an unknown type. */
    objectDef(type: string): ObjectDef {
        const o = this.schema.getObject(type);
        if (!o) {
            if (UNMODELLED_STANDARD_OBJECTS.has(type.toLowerCase()))
                throw new UnsupportedError(`standard object ${type}`);
            throw new PlatformError('System.TypeException', `Invalid sObject type: ${type}`);
        }
        return o;
    }

    /** Live (not deleted) rows of a type, as stored. Callers must not mutate them. */
    rows(type: string): Iterable<SObjectRecord> {
        const def = this.schema.getObject(type);
        if (def?.kind === 'customMetadata') return this.schema.customMetadataRecords.get(def.name.toLowerCase()) ?? [];
        if (def?.name === 'EntityDefinition' || def?.name === 'FieldDefinition') return this.definitionRows(def.name);
        return this.table(type).values();
    }

    /** Rows in the recycle bin (for `ALL ROWS`). */
    deletedRows(type: string): SObjectRecord[] {
        const key = type.toLowerCase();
        return [...this.bin.values()].filter((b) => b.record.type.toLowerCase() === key).map((b) => b.record);
    }

    /** A live row by Id (15 or 18 characters), as stored, or null. */
    getById(id: string): SObjectRecord | null {
        if (!isValidId(id)) return null;
        const id18 = to18(id);
        const type = this.idIndex.get(id18);
        if (type) return this.tables.get(type)?.get(id18) ?? null;
        for (const recs of this.schema.customMetadataRecords.values()) {
            const r = recs.find((x) => x.get('Id') === id18);
            if (r) return r;
        }
        return null;
    }

    /** A live row by Id in one of the given tables (shared-prefix objects such as ContentNote/ContentDocument). */
    getByIdIn(id: string, types: string[]): SObjectRecord | null {
        if (!isValidId(id)) return null;
        const id18 = to18(id);
        for (const t of types) {
            const r = this.tables.get(t.toLowerCase())?.get(id18);
            if (r) return r;
        }
        return types.includes('*') ? this.getById(id18) : null;
    }

    /** True when the Id belongs to a row in the recycle bin. */
    isDeleted(id: string): boolean {
        return isValidId(id) && this.bin.has(to18(id));
    }

    /** The SObject type of an Id (by key prefix, or by the row when prefixes are shared). */
    typeOfId(id: string): ObjectDef | null {
        if (!isValidId(id)) return null;
        // The key prefix decides (a ContentNote Id is a ContentDocument Id, prefix 069); rows of objects without a
        // catalogued prefix fall back to the table that holds them.
        const byPrefix = this.schema.objectByKeyPrefix(keyPrefixOf(id));
        if (byPrefix) return byPrefix;
        const t = this.idIndex.get(to18(id));
        return t ? this.schema.getObject(t) : null;
    }

    private newId(def: ObjectDef): string {
        return this.ids.next(def.keyPrefix);
    }

    /**
     * Inserts a row without validation, permissions or triggers: seed data and platform-owned rows
     * (AsyncApexJob, CronTrigger …). Returns the new Id.
     */
    systemInsert(type: string, values: Record<string, unknown>): string {
        const def = this.objectDef(type);
        const rec = new SObjectRecord(def.name);
        const id = this.newId(def);
        rec.put('Id', id);
        for (const [k, v] of Object.entries(values)) {
            const f = def.fields.get(k.toLowerCase());
            rec.put(f?.name ?? k, v);
        }
        this.stampAudit(def, rec, true);
        for (const f of def.fields.values())
            if (!rec.has(f.name)) rec.put(f.name, f.type === 'Checkbox' ? false : null);
        this.table(def.name).set(id, rec);
        this.idIndex.set(id, def.name.toLowerCase());
        return id;
    }

    /** Updates fields of a row without validation or triggers (platform-owned rows, `Test.setCreatedDate`). */
    systemUpdate(id: string, values: Record<string, unknown>): void {
        const current = this.getById(id);
        if (!current) throw new PlatformError('System.InvalidParameterValueException', `Record not found: ${id}`);
        const def = this.objectDef(current.type);
        const next = current.clone(false);
        for (const [k, v] of Object.entries(values)) {
            const f = def.fields.get(k.toLowerCase());
            next.put(f?.name ?? k, v);
        }
        this.table(def.name).set(to18(id), next);
    }

    /** Deletes a platform-owned row without triggers (`System.abortJob`). */
    systemDelete(id: string): void {
        const current = this.getById(id);
        if (current) this.table(current.type).delete(to18(id));
    }

    private stampAudit(def: ObjectDef, rec: SObjectRecord, insert: boolean): void {
        const now = new ApexDatetime(Math.floor(ApexDatetime.now().millis / 1000) * 1000);
        const user = this.currentUserId();
        const has = (f: string): boolean => def.fields.has(f.toLowerCase());
        if (insert) {
            if (has('CreatedDate') && !(rec.get('CreatedDate') instanceof ApexDatetime)) rec.put('CreatedDate', now);
            if (has('CreatedById') && !rec.get('CreatedById')) rec.put('CreatedById', user);
            if (has('IsDeleted')) rec.put('IsDeleted', false);
        }
        if (has('LastModifiedDate')) rec.put('LastModifiedDate', now);
        if (has('LastModifiedById')) rec.put('LastModifiedById', user);
        if (has('SystemModstamp')) rec.put('SystemModstamp', now);
    }

    currentUserId(): string {
        return this.hooks.currentUser?.() ?? this.adminUserId;
    }

    private accessLevel(opts?: DmlOptions): AccessLevel {
        return opts?.accessLevel ?? (this.hooks.isUserMode?.() ? 'USER' : 'SYSTEM');
    }

    // ------------------------------------------------------------------ snapshots

    /** A savepoint of every table (cheap: rows are immutable once stored). */
    snapshot(): DatabaseSnapshot {
        const tables = new Map<string, Map<string, SObjectRecord>>();
        for (const [k, t] of this.tables) tables.set(k, new Map(t));
        return { tables, bin: new Map(this.bin), mixed: { ...this.mixed } };
    }

    /** Restores a snapshot (Database.rollback, test isolation). Ids and auto-numbers are not reused, as on the platform. */
    restore(s: DatabaseSnapshot): void {
        this.tables = new Map();
        for (const [k, t] of s.tables) this.tables.set(k, new Map(t));
        this.bin = new Map(s.bin);
        this.mixed = { ...s.mixed };
    }

    /** Starts a new transaction for the mixed-DML rule (each test method, `System.runAs` block, async job). */
    resetTransaction(): void {
        this.mixed = { setup: null, nonSetup: null };
    }

    // ------------------------------------------------------------------ permissions

    /** Effective permissions of a user (profile + assigned permission sets). */
    permissionsOf(userId: string = this.currentUserId()): EffectivePermissions {
        const user = this.getById(userId);
        const profile = user ? this.getById(String(user.get('ProfileId') ?? '')) : null;
        const profileName = String(profile?.get('Name') ?? 'Minimum Access - Salesforce');
        const p = STANDARD_PROFILES.find((x) => x.name.toLowerCase() === profileName.toLowerCase()) ?? {
            name: profileName,
            modifyAllData: false,
            standardCrud: false
        };
        const id18 = user ? String(user.get('Id')) : userId;
        const permissionSets = [];
        for (const psa of this.table('PermissionSetAssignment').values()) {
            if (psa.get('AssigneeId') !== id18) continue;
            const ps = this.getById(String(psa.get('PermissionSetId') ?? ''));
            const def = ps ? this.schema.permissionSets.get(String(ps.get('Name')).toLowerCase()) : undefined;
            if (def) permissionSets.push(def);
        }
        return { profile: p, permissionSets };
    }

    /** `FeatureManagement.checkPermission(name)` for the running user. */
    checkCustomPermission(name: string, userId: string = this.currentUserId()): boolean {
        return hasCustomPermission(this.permissionsOf(userId), name);
    }

    /**
     * Record-level access of a user to a row, from the organization-wide default of its object (`sharingModel` in
     * the object's metadata; standard objects are public read/write as in a new org), ownership, "Modify All Data",
     * and View All / Modify All object permissions. Master-detail children follow their master, as do standard
     * objects whose access follows a parent (`sharingParentField`: OpportunityContactRole). Role hierarchy,
     * sharing rules, manual shares and teams are not modelled (see the README).
     * Source: Salesforce Help, "Sharing Settings" / "Organization-Wide Defaults".
     */
    recordAccess(
        def: ObjectDef,
        row: SObjectRecord,
        userId: string = this.currentUserId(),
        perms?: EffectivePermissions
    ): 'None' | 'Read' | 'Edit' | 'All' {
        const p = perms ?? this.permissionsOf(userId);
        if (p.profile.modifyAllData) return 'All';
        const key = def.name.toLowerCase();
        const objPerms = p.permissionSets.map((ps) => ps.objectPermissions.get(key)).filter((x) => !!x);
        if (objPerms.some((o) => o!.modifyAll)) return 'All';
        const model = def.sharingModel ?? 'ReadWrite';
        const isOwner = !!row.get('OwnerId') && row.get('OwnerId') === to18(userId);
        let level: 'None' | 'Read' | 'Edit' | 'All';
        if (model === 'ControlledByParent') {
            // Custom detail objects follow their master; a Contact follows its Account (a private contact without
            // an account is visible to its owner only).
            const master =
                [...def.fields.values()].find((f) => f.type === 'MasterDetail') ??
                (def.sharingParentField ? def.fields.get(def.sharingParentField.toLowerCase()) : undefined) ??
                (def.name === 'Contact' ? def.fields.get('accountid') : undefined);
            const parentId = master ? (row.get(master.name) as string | null) : null;
            const parent = parentId ? this.getById(parentId) : null;
            if (parent) {
                const parentLevel = this.recordAccess(this.objectDef(parent.type), parent, userId, p);
                // Editing or deleting a detail record needs edit access to its master.
                if (master!.type === 'MasterDetail' || def.sharingParentField)
                    level = parentLevel === 'Edit' ? 'All' : parentLevel;
                else level = parentLevel === 'All' && !isOwner ? 'Edit' : isOwner ? 'All' : parentLevel;
            } else {
                level = isOwner ? 'All' : 'None';
            }
        } else if (model === 'Private') {
            level = isOwner ? 'All' : 'None';
        } else if (model === 'Read') {
            level = isOwner ? 'All' : 'Read';
        } else {
            level = isOwner ? 'All' : 'Edit';
        }
        if (level === 'None' && objPerms.some((o) => o!.viewAll)) level = 'Read';
        return level;
    }

    canAccessObject(type: string, access: 'read' | 'create' | 'edit' | 'delete', userId?: string): boolean {
        return canAccessObject(this.schema, this.permissionsOf(userId), this.objectDef(type), access);
    }

    canAccessField(type: string, field: string, edit: boolean, userId?: string): boolean {
        const def = this.objectDef(type);
        const f = def.fields.get(field.toLowerCase());
        if (!f) return false;
        const perms = this.permissionsOf(userId);
        if (!canAccessObject(this.schema, perms, def, 'read')) return false;
        if (edit && f.calculated) return false;
        return canAccessField(perms, def, f, edit);
    }

    // ------------------------------------------------------------------ DML entry points

    insert(records: SObjectRecord[], opts: DmlOptions = {}): DmlResult[] {
        return this.run('insert', records, opts, (recs, level, allOrNone) => this.doInsert(recs, level, allOrNone));
    }

    update(records: SObjectRecord[], opts: DmlOptions = {}): DmlResult[] {
        return this.run('update', records, opts, (recs, level, allOrNone) => this.doUpdate(recs, level, allOrNone));
    }

    upsert(records: SObjectRecord[], opts: DmlOptions = {}): DmlResult[] {
        return this.run('upsert', records, opts, (recs, level, allOrNone) =>
            this.doUpsert(recs, level, allOrNone, opts.externalIdField ?? null)
        );
    }

    /** Deletes records or Ids. */
    delete(records: (SObjectRecord | string)[], opts: DmlOptions = {}): DmlResult[] {
        const recs = records.map((r) => (typeof r === 'string' ? this.stubFor(r) : r));
        return this.run('delete', recs, opts, (rs, level, allOrNone) => this.doDelete(rs, level, allOrNone));
    }

    undelete(records: (SObjectRecord | string)[], opts: DmlOptions = {}): DmlResult[] {
        const recs = records.map((r) => (typeof r === 'string' ? this.stubFor(r) : r));
        return this.run('undelete', recs, opts, (rs, level, allOrNone) => this.doUndelete(rs, level, allOrNone));
    }

    /** `Database.merge` / `Database.convertLead` are not modelled. */
    merge(): never {
        throw new UnsupportedError('Database.merge');
    }

    private stubFor(id: string): SObjectRecord {
        const def = isValidId(id) ? this.typeOfId(id) : null;
        const rec = new SObjectRecord(def?.name ?? 'SObject');
        rec.put('Id', isValidId(id) ? to18(id) : id);
        return rec;
    }

    private run(
        op: DmlOp,
        records: SObjectRecord[],
        opts: DmlOptions,
        body: (recs: SObjectRecord[], level: AccessLevel, allOrNone: boolean) => DmlResult[]
    ): DmlResult[] {
        const allOrNone = opts.allOrNone !== false;
        this.hooks.onDml?.(records.length);
        if (records.length === 0) return [];
        if (records.some((r) => r == null)) {
            throw new PlatformError('System.NullPointerException', 'Attempt to de-reference a null object');
        }
        // A list of mixed types is processed in chunks by type, in order of first appearance (at most 10 chunks).
        const types = [...new Set(records.map((r) => r.type.toLowerCase()))];
        if (types.length > 10) {
            throw new PlatformError(
                'System.TypeException',
                'Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.'
            );
        }
        for (const t of types) {
            const def = this.objectDef(t);
            this.checkAutomation(def, op);
            this.checkMixedDml(
                def,
                op,
                records.filter((r) => r.type.toLowerCase() === t)
            );
        }
        const savepoint = this.snapshot();
        const hadId = records.map((r) => r.get('Id') !== null);
        const results: DmlResult[] = new Array(records.length);
        const outerTruncation = this.allowFieldTruncation;
        const outerSharing = this.withSharing;
        this.allowFieldTruncation = opts.allowFieldTruncation === true;
        this.withSharing = opts.withSharing === true;
        try {
            for (const t of types) {
                const idx = records.map((r, i) => (r.type.toLowerCase() === t ? i : -1)).filter((i) => i >= 0);
                const chunkResults = body(
                    idx.map((i) => records[i]),
                    this.accessLevel(opts),
                    allOrNone
                );
                idx.forEach((i, j) => (results[i] = chunkResults[j]));
            }
        } catch (e) {
            this.restore(savepoint);
            throw e;
        } finally {
            this.allowFieldTruncation = outerTruncation;
            this.withSharing = outerSharing;
        }
        if (allOrNone && results.some((r) => !r.success)) {
            this.restore(savepoint);
            // Ids assigned to the caller's records during a failed all-or-none insert are cleared again.
            if (op === 'insert' || op === 'upsert') {
                records.forEach((r, i) => {
                    if (!hadId[i] && r.has('Id')) r.remove('Id');
                });
            }
            throw new DmlError(op, results);
        }
        return results;
    }

    private checkAutomation(def: ObjectDef, op: DmlOp): void {
        if (def.unsupportedAutomation.length && op !== 'undelete') {
            throw new UnsupportedError(
                `automation on ${def.name}`,
                `the project defines ${def.unsupportedAutomation.join(', ')}, which the local runtime does not evaluate`
            );
        }
        if (def.kind === 'customMetadata') {
            throw new PlatformError('System.TypeException', `DML operation ${op} not allowed on ${def.name}`);
        }
        if (def.kind === 'platformEvent') {
            throw new PlatformError(
                'System.TypeException',
                `DML operation ${op} not allowed on ${def.name}; use EventBus.publish`
            );
        }
        const allowed =
            op === 'insert'
                ? def.createable
                : op === 'update'
                  ? def.updateable
                  : op === 'upsert'
                    ? def.createable && def.updateable
                    : def.deletable;
        if (!allowed)
            throw new PlatformError('System.TypeException', `DML operation ${OP_LABEL[op]} not allowed on ${def.name}`);
    }

    /**
     * Whether this DML counts as DML on a setup object for the mixed-DML rule. Per "sObjects That Can't Be Used
     * Together in DML Operations": a User may be inserted with other sObjects when UserRoleId is null and updated
     * unless UserRoleId, IsActive, ForecastEnabled, IsPortalEnabled, Username or ProfileId change; a Group may be
     * inserted and updated with other sObjects. Custom settings are not setup objects.
     */
    private setupKind(def: ObjectDef, op: DmlOp, records: SObjectRecord[]): 'setup' | 'nonSetup' | 'neutral' {
        if (def.name === 'User') {
            const sensitive = ['UserRoleId', 'IsActive', 'ForecastEnabled', 'IsPortalEnabled', 'Username', 'ProfileId'];
            const touchesSetup = records.some((r) => {
                const id = r.get('Id');
                const old = typeof id === 'string' ? this.getById(id) : null;
                if (!old) return r.get('UserRoleId') !== null;
                return sensitive.some((f) => r.has(f) && !sameValue(r.get(f), old.get(f)));
            });
            return touchesSetup || op === 'delete' || op === 'undelete' ? 'setup' : 'neutral';
        }
        if (def.name === 'Group') return op === 'delete' || op === 'undelete' ? 'setup' : 'neutral';
        return def.setup ? 'setup' : 'nonSetup';
    }

    private checkMixedDml(def: ObjectDef, op: DmlOp, records: SObjectRecord[]): void {
        if (this.hooks.mixedDmlAllowed?.()) return;
        const kind = this.setupKind(def, op, records);
        if (kind === 'neutral') return;
        const fail = (message: string): never => {
            throw new DmlError(
                op,
                records.map(() => ({ success: false, id: null, errors: [err('MIXED_DML_OPERATION', message)] }))
            );
        };
        if (kind === 'setup') {
            if (this.mixed.nonSetup) {
                fail(
                    `DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): ${def.name}, original object: ${this.mixed.nonSetup}`
                );
            }
            this.mixed.setup ??= def.name;
        } else {
            if (this.mixed.setup) {
                fail(
                    `DML operation on non-setup object is not permitted after you have updated a setup object (or vice versa): ${def.name}, original object: ${this.mixed.setup}`
                );
            }
            this.mixed.nonSetup ??= def.name;
        }
    }

    // ------------------------------------------------------------------ validation helpers

    private label(def: ObjectDef, f: FieldDef): string {
        void def;
        return f.label || f.name;
    }

    /** Coerces a value to the storage type of a field; returns an error entry when impossible. */
    private coerce(def: ObjectDef, f: FieldDef, v: unknown): { value: unknown; error?: DmlErrorEntry } {
        const wrongType = (): { value: unknown; error: DmlErrorEntry } => ({
            value: v,
            error: err('INVALID_TYPE_ON_FIELD_IN_RECORD', `${this.label(def, f)}: value not of required type: ${String(v)}`, [
                f.name
            ])
        });
        if (v === undefined || v === null) return { value: f.type === 'Checkbox' ? false : null };
        if (TEXT_TYPES.has(f.type)) {
            let s: string;
            if (typeof v === 'string') s = v;
            else if (v instanceof Decimal) s = v.toPlainString();
            else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') s = String(v);
            else if (isDoubleLike(v)) s = String(v.v);
            else s = String(v);
            return { value: s === '' ? null : s };
        }
        if (REF_TYPES.has(f.type)) {
            const s = String(v);
            if (s === '') return { value: null };
            if (!isValidId(s))
                return {
                    value: s,
                    error: err('MALFORMED_ID', `${this.label(def, f)}: id value of incorrect type: ${s}`, [f.name])
                };
            return { value: to18(s) };
        }
        if (f.type === 'MetadataRelationship') return { value: String(v) };
        if (NUMBER_TYPES.has(f.type)) {
            let d: Decimal;
            if (v instanceof Decimal) d = v;
            else if (typeof v === 'number' || typeof v === 'bigint') d = Decimal.of(v);
            else if (isDoubleLike(v)) d = Decimal.fromDouble(v.v);
            else if (typeof v === 'string' && Decimal.isDecimalText(v)) d = Decimal.parse(v);
            else
                return wrongType();
            if (f.scale !== undefined) d = d.setScale(f.scale, 'HALF_UP');
            if (f.precision !== undefined && f.scale !== undefined) {
                const intDigits = d.abs().toBigInt().toString().replace(/^0$/, '').length;
                if (intDigits > f.precision - f.scale) {
                    return {
                        value: d,
                        error: err(
                            'NUMBER_OUTSIDE_VALID_RANGE',
                            `${this.label(def, f)}: value outside of valid range on numeric field: ${d.toString()}`,
                            [f.name]
                        )
                    };
                }
            }
            return { value: d };
        }
        if (f.type === 'Integer') {
            if (typeof v === 'number') return { value: Math.trunc(v) };
            if (typeof v === 'bigint') return { value: Number(v) };
            if (v instanceof Decimal) return { value: v.intValue() };
            if (isDoubleLike(v)) return { value: Math.trunc(v.v) };
            return wrongType();
        }
        if (f.type === 'Checkbox') {
            if (typeof v === 'boolean') return { value: v };
            return wrongType();
        }
        if (f.type === 'Date') {
            if (v instanceof ApexDate) return { value: v };
            if (v instanceof ApexDatetime) return { value: v.dateGmt() };
            return wrongType();
        }
        if (f.type === 'DateTime') {
            // DateTime fields keep whole seconds: milliseconds are dropped on save (re-queried values end in .000Z).
            if (v instanceof ApexDatetime)
                return { value: v.millis % 1000 === 0 ? v : new ApexDatetime(Math.floor(v.millis / 1000) * 1000) };
            if (v instanceof ApexDate) return { value: ApexDatetime.newInstanceGmt(v.year, v.month, v.day) };
            return wrongType();
        }
        if (f.type === 'Time') {
            if (v instanceof ApexTime) return { value: v };
            return wrongType();
        }
        return { value: v };
    }

    /** Checks a picklist value (restricted picklists and rule-checked values). */
    private picklistError(def: ObjectDef, f: FieldDef, v: unknown): DmlErrorEntry | null {
        if (v === null || v === undefined || v === '') return null;
        const s = String(v);
        if (f.valueCheck) {
            let ok = true;
            switch (f.valueCheck) {
                case 'timezone':
                    ok = isValidTimeZone(s) && s !== 'UTC';
                    break;
                case 'locale':
                    ok = /^[a-z]{2,3}(_[A-Z]{2})?(_\w+)?$/.test(s);
                    break;
                case 'language':
                    ok = LANGUAGES.includes(s);
                    break;
                case 'emailEncoding':
                    ok = EMAIL_ENCODINGS.includes(s);
                    break;
                case 'currency':
                    if (!this.schema.currencies.includes(s)) {
                        return err('FIELD_INTEGRITY_EXCEPTION', `${this.label(def, f)}: invalid currency code: ${s}`, [
                            f.name
                        ]);
                    }
                    return null;
            }
            return ok
                ? null
                : err(
                      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                      `${this.label(def, f)}: bad value for restricted picklist field: ${s}`,
                      [f.name]
                  );
        }
        if (!f.restricted || !f.picklistValues) return null;
        const values = f.type === 'MultiselectPicklist' ? s.split(';') : [s];
        for (const one of values) {
            if (!f.picklistValues.some((p) => p.active && p.value === one)) {
                return err(
                    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                    `${this.label(def, f)}: bad value for restricted picklist field: ${one}`,
                    [f.name]
                );
            }
        }
        return null;
    }

    /** Evaluates a field's default value formula. */
    private evalDefault(f: FieldDef): unknown {
        const formula = (f.defaultValue ?? '').trim();
        if (formula === '' || /^null$/i.test(formula)) return null;
        if (/^true$/i.test(formula)) return true;
        if (/^false$/i.test(formula)) return false;
        const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(formula) ?? /^'((?:[^'\\]|\\.)*)'$/.exec(formula);
        if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
        if (/^-?\d+(\.\d+)?$/.test(formula)) return f.type === 'Integer' ? Number(formula) : Decimal.parse(formula);
        if (/^TODAY\(\)$/i.test(formula)) return ApexDate.today();
        if (/^NOW\(\)$/i.test(formula)) return ApexDatetime.now();
        if (/^\$User\.Id$/i.test(formula)) return this.currentUserId();
        throw new UnsupportedError('default value formula', `${f.name}: ${formula}`);
    }

    /** Foreign keys (existence and type) — validated before before-triggers. */
    private foreignKeyErrors(def: ObjectDef, rec: SObjectRecord, onlyChangedFrom?: SObjectRecord): DmlErrorEntry[] {
        const out: DmlErrorEntry[] = [];
        for (const [key, raw] of rec.fields) {
            const f = def.fields.get(key);
            if (
                !f ||
                (f.type !== 'Lookup' && f.type !== 'MasterDetail') ||
                raw === null ||
                raw === undefined ||
                raw === ''
            )
                continue;
            if (f.calculated) continue;
            if (onlyChangedFrom && onlyChangedFrom.get(f.name) === raw) continue;
            const s = String(raw);
            if (!isValidId(s)) {
                out.push(err('MALFORMED_ID', `${this.label(def, f)}: id value of incorrect type: ${s}`, [f.name]));
                continue;
            }
            const targets = f.referenceTo ?? [];
            if (this.isDeleted(s)) {
                out.push(err('ENTITY_IS_DELETED', 'entity is deleted', []));
                continue;
            }
            if (this.getByIdIn(s, targets)) continue;
            const targetDef = this.typeOfId(s);
            if (
                !targets.includes('*') &&
                (!targetDef || !targets.some((t) => t.toLowerCase() === targetDef.name.toLowerCase()))
            ) {
                out.push(
                    err('FIELD_INTEGRITY_EXCEPTION', `${this.label(def, f)}: id value of incorrect type: ${s}`, [
                        f.name
                    ])
                );
                continue;
            }
            out.push(err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []));
        }
        return out;
    }

    /** Required fields, lengths, formats, picklists — validated after before-triggers. */
    private fieldErrors(def: ObjectDef, rec: SObjectRecord, isInsert: boolean): DmlErrorEntry[] {
        const out: DmlErrorEntry[] = [];
        const missing: string[] = [];
        for (const f of def.fields.values()) {
            if (f.calculated) continue;
            const present = rec.has(f.name);
            const v = present ? rec.get(f.name) : null;
            if (f.required && (v === null || v === '') && (isInsert || present)) {
                missing.push(f.name);
                continue;
            }
            if (!present || v === null) continue;
            if (
                typeof v === 'string' &&
                f.length !== undefined &&
                TEXT_TYPES.has(f.type) &&
                f.type !== 'Picklist' &&
                f.type !== 'MultiselectPicklist' &&
                v.length > f.length
            ) {
                if (this.allowFieldTruncation) {
                    rec.put(f.name, v.slice(0, f.length));
                } else {
                    out.push(
                        err(
                            'STRING_TOO_LONG',
                            `${this.label(def, f)}: data value too large: ${v} (max length=${f.length})`,
                            [f.name]
                        )
                    );
                }
            }
            if (f.type === 'Email' && typeof v === 'string' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
                out.push(err('INVALID_EMAIL_ADDRESS', `${this.label(def, f)}: invalid email address: ${v}`, [f.name]));
            }
            const pe = this.picklistError(def, f, v);
            if (pe) out.push(pe);
        }
        if (missing.length)
            out.unshift(err('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing));
        return out;
    }

    /**
     * Access checks of one row. User mode: object permission, record sharing and FLS on the fields being written.
     * System mode ignores object permissions and FLS; record sharing still applies when the running code enforces
     * sharing (`withSharing` of the statement).
     */
    private accessErrors(
        def: ObjectDef,
        rec: SObjectRecord,
        access: 'create' | 'edit' | 'delete',
        level: AccessLevel,
        old?: SObjectRecord
    ): DmlErrorEntry[] {
        // Record sharing in system mode concerns records that have sharing (not settings, metadata or setup rows).
        const shared = this.withSharing && (def.kind === 'custom' || def.kind === 'standard') && !def.setup;
        const perms = level === 'USER' || shared ? this.permissionsOf() : null;
        if (!perms) return [];
        if (level === 'USER' && !canAccessObject(this.schema, perms, def, access)) {
            return [err('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', [])];
        }
        if (access !== 'create') {
            // Sharing: editing needs Edit access to the row, deleting needs full access.
            const stored = this.table(def.name).get(String(rec.get('Id')));
            const recordLevel = stored ? this.recordAccess(def, stored, this.currentUserId(), perms) : 'All';
            const allowed = access === 'edit' ? recordLevel === 'Edit' || recordLevel === 'All' : recordLevel === 'All';
            if (!allowed)
                return [err('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', [])];
        }
        if (access === 'delete' || level !== 'USER') return [];
        const denied: string[] = [];
        for (const key of rec.fields.keys()) {
            const f = def.fields.get(key);
            if (!f || f.calculated || f.name === 'Id') continue;
            if (old && old.get(f.name) === rec.get(f.name)) continue;
            if (!canAccessField(perms, def, f, true)) denied.push(f.name);
        }
        if (denied.length) {
            return [
                err(
                    'INVALID_FIELD_FOR_INSERT_UPDATE',
                    `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                    denied
                )
            ];
        }
        return [];
    }

    /** Builds the stored form of a record: known fields only, coerced; unknown fields fail loudly. */
    private normalize(
        def: ObjectDef,
        source: SObjectRecord,
        base: SObjectRecord | null,
        forUpdate: boolean
    ): { rec: SObjectRecord; errors: DmlErrorEntry[] } {
        const rec = base ? base.clone(false) : new SObjectRecord(def.name);
        const errors: DmlErrorEntry[] = [];
        for (const [key, value] of source.fields) {
            if (value instanceof SObjectRecord) {
                // A queried parent travels along unsaved; a parent given by external id is a platform feature the
                // runtime does not model.
                if (value.get('Id') === null)
                    throw new UnsupportedError('DML foreign key by external id', `${def.name}.${source.nameOf(key)}`);
                continue;
            }
            const f = def.fields.get(key);
            // A queried parent relationship whose parent is null travels as a null value: not saved.
            if (!f && value === null && [...def.fields.values()].some((x) => x.relationshipName?.toLowerCase() === key))
                continue;
            if (!f)
                throw new PlatformError(
                    'System.SObjectException',
                    `Invalid field ${source.nameOf(key)} for ${def.name}`
                );
            if (f.calculated || f.type === 'Address') continue; // read-only fields are ignored on save
            if (f.name === 'Id') continue;
            const { value: v, error } = this.coerce(def, f, value);
            if (error) errors.push(error);
            if (forUpdate && !f.updateable && base && !sameValue(base.get(f.name), v)) {
                errors.push(
                    err(
                        'INVALID_FIELD_FOR_INSERT_UPDATE',
                        `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                        [f.name]
                    )
                );
                continue;
            }
            rec.put(f.name, v);
        }
        return { rec, errors };
    }

    /** OwnerId and CurrencyIsoCode default to the running user's (visible in before-insert triggers). */
    private ownerAndCurrencyDefaults(def: ObjectDef, rec: SObjectRecord): void {
        // A hierarchy custom setting row without an owner is the org default row.
        if (def.customSettingsType === 'Hierarchy' && !rec.get('SetupOwnerId'))
            rec.put('SetupOwnerId', this.organizationId);
        if (def.fields.has('ownerid') && !rec.get('OwnerId')) rec.put('OwnerId', this.currentUserId());
        if (def.fields.has('currencyisocode') && !rec.get('CurrencyIsoCode')) {
            // New records take the running user's default currency (the corporate currency here).
            const user = this.getById(this.currentUserId());
            rec.put(
                'CurrencyIsoCode',
                (user?.get('DefaultCurrencyIsoCode') as string | null) ?? this.schema.currencies[0]
            );
        }
    }

    /** Platform-derived values of standard objects (Opportunity stage, names, fiscal fields, auto-numbers). */
    private derive(def: ObjectDef, rec: SObjectRecord, old: SObjectRecord | null): void {
        this.ownerAndCurrencyDefaults(def, rec);
        if (def.name === 'Opportunity') {
            const stage = OPPORTUNITY_STAGES.find((s) => s.name === rec.get('StageName'));
            const stageChanged = !old || old.get('StageName') !== rec.get('StageName');
            if (stage) {
                rec.put('IsClosed', stage.isClosed);
                rec.put('IsWon', stage.isWon);
                rec.put('ForecastCategory', stage.forecastCategory);
                if (stageChanged || !rec.get('ForecastCategoryName'))
                    rec.put('ForecastCategoryName', stage.forecastCategoryName);
                const probabilityTouched = old
                    ? !sameValue(old.get('Probability'), rec.get('Probability'))
                    : rec.get('Probability') !== null;
                if (stageChanged && !probabilityTouched) rec.put('Probability', Decimal.fromInteger(stage.probability));
            } else {
                rec.put('IsClosed', rec.get('IsClosed') ?? false);
                rec.put('IsWon', rec.get('IsWon') ?? false);
            }
            if (stageChanged) rec.put('LastStageChangeDate', old ? ApexDatetime.now() : null);
            const amount = rec.get('Amount');
            const prob = rec.get('Probability');
            rec.put(
                'ExpectedRevenue',
                amount instanceof Decimal && prob instanceof Decimal
                    ? amount.multiply(prob).divide(Decimal.fromInteger(100), 2)
                    : null
            );
            const close = rec.get('CloseDate');
            if (close instanceof ApexDate) {
                rec.put('FiscalYear', close.year);
                rec.put('FiscalQuarter', Math.floor((close.month - 1) / 3) + 1);
                rec.put('Fiscal', `${close.year} ${Math.floor((close.month - 1) / 3) + 1}`);
            }
            rec.put('HasOpportunityLineItem', rec.get('HasOpportunityLineItem') ?? false);
        }
        if (['Contact', 'Lead', 'User'].includes(def.name)) {
            const first = rec.get('FirstName');
            rec.put('Name', [first, rec.get('LastName')].filter((x) => x !== null && x !== '').join(' '));
        }
        if (def.name === 'User') {
            if (!rec.get('UserType')) rec.put('UserType', 'Standard');
            if (!rec.get('CommunityNickname'))
                rec.put('CommunityNickname', String(rec.get('Username') ?? '').split('@')[0]);
        }
        if (def.name === 'Task') rec.put('IsClosed', rec.get('Status') === 'Completed');
        if (def.name === 'Case') {
            const closed = rec.get('Status') === 'Closed';
            rec.put('IsClosed', closed);
            if (closed && !rec.get('ClosedDate')) rec.put('ClosedDate', ApexDatetime.now());
        }
        if (def.name === 'PermissionSetAssignment') rec.put('IsActive', true);
        if (def.name === 'ContentNote') {
            rec.put('FileType', 'SNOTE');
            rec.put('FileExtension', 'snote');
            rec.put('IsReadOnly', false);
        }
        if (def.name === 'ContentVersion') {
            rec.put('IsLatest', true);
            if (!rec.get('Title') && rec.get('PathOnClient'))
                rec.put('Title', String(rec.get('PathOnClient')).replace(/\.[^.]*$/, ''));
            rec.put('VersionNumber', '1');
        }
        if (!old) {
            const nameField = def.fields.get('name');
            if (nameField?.type === 'AutoNumber' || (def.nameField === 'CaseNumber' && def.name === 'Case')) {
                const n = (this.autoNumbers.get(def.name) ?? 0) + 1;
                this.autoNumbers.set(def.name, n);
                const format = def.autoNumberFormat ?? '{00000000}';
                const text = format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
                rec.put(def.name === 'Case' ? 'CaseNumber' : 'Name', text);
            }
            if (def.kind === 'customSetting' && !rec.get('Name') && def.fields.has('setupownerid')) {
                rec.put('Name', null);
            }
        }
    }

    /** Values of unique fields, normalised for comparison. */
    private uniqueKey(f: FieldDef, v: unknown): string | null {
        if (v === null || v === undefined || v === '') return null;
        const s = v instanceof Decimal ? v.numericKey() : String(v);
        return f.caseSensitive ? s : s.toLowerCase();
    }

    /** Unique-index violations against stored rows and within the batch. */
    private uniqueErrors(
        def: ObjectDef,
        batch: { rec: SObjectRecord; failed: boolean }[]
    ): Map<SObjectRecord, DmlErrorEntry> {
        const out = new Map<SObjectRecord, DmlErrorEntry>();
        if (def.name === 'PermissionSetAssignment') {
            // One assignment per user and permission set.
            const key = (r: SObjectRecord): string =>
                `${r.get('AssigneeId')}:${r.get('PermissionSetId') ?? r.get('PermissionSetGroupId')}`;
            const ids = new Set(batch.map((b) => b.rec.get('Id')).filter(Boolean));
            const existing = new Set([...this.table(def.name).values()].filter((r) => !ids.has(r.get('Id'))).map(key));
            for (const b of batch) {
                if (b.failed) continue;
                const k = key(b.rec);
                if (existing.has(k)) out.set(b.rec, err('DUPLICATE_VALUE', 'Duplicate PermissionSetAssignment', []));
                existing.add(k);
            }
        }
        // A hierarchy custom setting has one row per owner; a list custom setting one row per Name.
        const uniques = [...def.fields.values()].filter(
            (f) =>
                f.unique ||
                (def.customSettingsType === 'Hierarchy' && f.name === 'SetupOwnerId') ||
                (def.customSettingsType === 'List' && f.name === 'Name')
        );
        if (!uniques.length) return out;
        const batchIds = new Set(batch.map((b) => b.rec.get('Id')).filter(Boolean));
        for (const f of uniques) {
            const existing = new Map<string, string>();
            for (const row of this.table(def.name).values()) {
                if (batchIds.has(row.get('Id'))) continue;
                const k = this.uniqueKey(f, row.get(f.name));
                if (k !== null) existing.set(k, String(row.get('Id')));
            }
            const seen = new Set<string>();
            for (const b of batch) {
                if (b.failed || out.has(b.rec)) continue;
                const k = this.uniqueKey(f, b.rec.get(f.name));
                if (k === null) continue;
                const dupOf = existing.get(k);
                if (def.name === 'User' && f.name === 'Username' && (dupOf || seen.has(k))) {
                    out.set(
                        b.rec,
                        err(
                            'DUPLICATE_USERNAME',
                            "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address). ",
                            ['Username']
                        )
                    );
                } else if (dupOf) {
                    out.set(
                        b.rec,
                        err(
                            'DUPLICATE_VALUE',
                            `duplicate value found: ${f.name} duplicates value on record with id: ${dupOf}`,
                            []
                        )
                    );
                } else if (seen.has(k)) {
                    out.set(
                        b.rec,
                        err(
                            'DUPLICATE_VALUE',
                            `duplicate value found: ${f.name} duplicates value on record with id: <unknown>`,
                            []
                        )
                    );
                }
                seen.add(k);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ insert

    private doInsert(
        records: SObjectRecord[],
        level: AccessLevel,
        allOrNone: boolean,
        upsertCreated = false
    ): DmlResult[] {
        const def = this.objectDef(records[0].type);
        const results: DmlResult[] = records.map(() => ({ success: true, id: null, errors: [] }));
        const fail = (i: number, e: DmlErrorEntry[]): void => {
            results[i] = { success: false, id: null, errors: e };
        };
        for (let start = 0; start < records.length; start += TRIGGER_BATCH) {
            const slice = records.slice(start, start + TRIGGER_BATCH);
            const work: { i: number; rec: SObjectRecord; failed: boolean }[] = [];
            slice.forEach((source, j) => {
                const i = start + j;
                if (source.get('Id') !== null && !upsertCreated) {
                    fail(i, [err('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id'])]);
                    return;
                }
                const accessErr = this.accessErrors(def, source, 'create', level);
                if (accessErr.length) return fail(i, accessErr);
                const { rec, errors } = this.normalize(def, source, null, false);
                // Defaults apply to fields the caller left empty.
                for (const f of def.fields.values()) {
                    if (
                        f.defaultValue !== undefined &&
                        !f.calculated &&
                        (rec.get(f.name) === null || (f.type === 'Checkbox' && !source.has(f.name)))
                    ) {
                        rec.put(f.name, this.coerce(def, f, this.evalDefault(f)).value);
                    }
                }
                this.ownerAndCurrencyDefaults(def, rec);
                const pre = [...errors, ...this.foreignKeyErrors(def, rec), ...this.restrictedPicklistErrors(def, rec)];
                if (pre.length) return fail(i, pre);
                rec.errors = [];
                work.push({ i, rec, failed: false });
            });
            if (allOrNone && results.some((r) => !r.success)) return results;
            const live = work.filter((w) => !w.failed);
            if (live.length)
                this.hooks.beforeTrigger?.(
                    def.name,
                    'insert',
                    live.map((w) => w.rec),
                    null
                );
            for (const w of live) {
                if (w.rec.errors.length) {
                    w.failed = true;
                    fail(
                        w.i,
                        w.rec.errors.map((e) => err('FIELD_CUSTOM_VALIDATION_EXCEPTION', e.message, e.fields))
                    );
                    continue;
                }
                // Before triggers may have set fields: normalise them and run the post-trigger validation.
                const { rec, errors } = this.normalize(def, w.rec, null, false);
                for (const [k, v] of w.rec.fields)
                    if (!rec.fields.has(k) && def.fields.get(k)?.calculated) rec.fields.set(k, v);
                w.rec = rec;
                const post = [...errors, ...this.fieldErrors(def, rec, true)];
                if (post.length) {
                    w.failed = true;
                    fail(w.i, post);
                }
            }
            for (const w of work) if (!w.failed) this.derive(def, w.rec, null);
            const dup = this.uniqueErrors(def, work);
            for (const w of work) {
                const e = dup.get(w.rec);
                if (e && !w.failed) {
                    w.failed = true;
                    fail(w.i, [e]);
                }
            }
            if (allOrNone && results.some((r) => !r.success)) return results;
            const saved: { i: number; rec: SObjectRecord }[] = [];
            for (const w of work) {
                if (w.failed) continue;
                const id = this.newId(def);
                w.rec.put('Id', id);
                // A custom object's text Name left empty is set to the record Id (15 characters; VERIFY, see README).
                if (def.kind === 'custom' && def.fields.get('name')?.type === 'Text' && w.rec.get('Name') === null) {
                    w.rec.put('Name', id.slice(0, 15));
                }
                this.stampAudit(def, w.rec, true);
                for (const f of def.fields.values())
                    if (!w.rec.has(f.name)) w.rec.put(f.name, f.type === 'Checkbox' ? false : null);
                this.reorder(def, w.rec);
                this.table(def.name).set(id, w.rec);
                this.idIndex.set(id, def.name.toLowerCase());
                this.afterInsertEffects(def, w.rec);
                records[w.i].put('Id', id);
                results[w.i] = { success: true, id, errors: [] };
                saved.push({ i: w.i, rec: w.rec });
            }
            if (saved.length && this.hooks.afterTrigger) {
                const after = saved.map((s) => {
                    const c = s.rec.clone(false);
                    c.readOnly = true;
                    return c;
                });
                this.hooks.afterTrigger(def.name, 'insert', after, null);
                after.forEach((c, k) => {
                    if (c.errors.length) {
                        const { i } = saved[k];
                        this.table(def.name).delete(String(saved[k].rec.get('Id')));
                        records[i].remove('Id');
                        fail(
                            i,
                            c.errors.map((e) => err('FIELD_CUSTOM_VALIDATION_EXCEPTION', e.message, e.fields))
                        );
                    }
                });
            }
        }
        return results;
    }

    /**
     * Rows the platform creates alongside an insert: a ContentNote is also a ContentDocument (same Id) with a
     * ContentVersion; a ContentVersion without ContentDocumentId creates its ContentDocument, and a
     * FirstPublishLocationId links it. Source: Object Reference, "ContentNote", "ContentVersion".
     */
    private afterInsertEffects(def: ObjectDef, rec: SObjectRecord): void {
        const id = String(rec.get('Id'));
        if (def.name === 'ContentNote') {
            const versionId = this.systemInsert('ContentVersion', {
                Title: rec.get('Title'),
                VersionData: rec.get('Content'),
                ContentDocumentId: id,
                FileType: 'SNOTE',
                FileExtension: 'snote',
                IsLatest: true,
                VersionNumber: '1',
                OwnerId: rec.get('OwnerId')
            });
            rec.put('LatestPublishedVersionId', versionId);
            const doc = new SObjectRecord('ContentDocument');
            const docDef = this.objectDef('ContentDocument');
            for (const f of docDef.fields.values())
                doc.put(f.name, rec.has(f.name) ? rec.get(f.name) : f.type === 'Checkbox' ? false : null);
            doc.put('Id', id);
            doc.put('PublishStatus', 'P');
            doc.put('LatestPublishedVersionId', versionId);
            this.table('ContentDocument').set(id, doc);
        } else if (def.name === 'ContentVersion' && !rec.get('ContentDocumentId')) {
            const path = String(rec.get('PathOnClient') ?? '');
            const ext = /\.([^.]+)$/.exec(path)?.[1]?.toLowerCase() ?? null;
            rec.put('FileExtension', ext);
            rec.put('FileType', ext ? ext.toUpperCase() : 'UNKNOWN');
            const docId = this.systemInsert('ContentDocument', {
                Title: rec.get('Title'),
                FileType: rec.get('FileType'),
                FileExtension: ext,
                LatestPublishedVersionId: id,
                PublishStatus: 'P',
                OwnerId: rec.get('OwnerId')
            });
            rec.put('ContentDocumentId', docId);
            const location = rec.get('FirstPublishLocationId');
            if (location) {
                this.systemInsert('ContentDocumentLink', {
                    ContentDocumentId: docId,
                    LinkedEntityId: location,
                    ShareType: 'I',
                    Visibility: 'AllUsers'
                });
            }
        }
    }

    /** Restricted picklists are validated before triggers (with foreign keys), like the platform does for API saves. */
    private restrictedPicklistErrors(def: ObjectDef, rec: SObjectRecord): DmlErrorEntry[] {
        const out: DmlErrorEntry[] = [];
        for (const [key, v] of rec.fields) {
            const f = def.fields.get(key);
            if (!f || f.calculated) continue;
            const e = this.picklistError(def, f, v);
            if (e) out.push(e);
        }
        return out;
    }

    /** Stores fields in schema order (Id first) so describe-ordered output is stable. */
    private fieldOrder = new Map<string, Map<string, number>>();

    private reorder(def: ObjectDef, rec: SObjectRecord): void {
        const entries = [...rec.fields.entries()];
        let order = this.fieldOrder.get(def.name);
        if (!order) {
            order = new Map([...def.fields.keys()].map((k, i) => [k, i]));
            this.fieldOrder.set(def.name, order);
        }
        const pos = (k: string): number => order!.get(k) ?? 1e9;
        entries.sort((a, b) => pos(a[0]) - pos(b[0]));
        rec.fields.clear();
        const names = new Map(rec.canonicalNames);
        rec.canonicalNames.clear();
        for (const [k, v] of entries) {
            rec.fields.set(k, v);
            rec.canonicalNames.set(k, def.fields.get(k)?.name ?? names.get(k) ?? k);
        }
    }

    // ------------------------------------------------------------------ update

    private doUpdate(records: SObjectRecord[], level: AccessLevel, allOrNone: boolean): DmlResult[] {
        const def = this.objectDef(records[0].type);
        const seen = new Set<string>();
        for (const r of records) {
            const id = r.get('Id');
            if (typeof id === 'string' && isValidId(id)) {
                const k = to18(id);
                if (seen.has(k)) throw new PlatformError('System.ListException', `Duplicate id in list: ${k}`);
                seen.add(k);
            }
        }
        const results: DmlResult[] = records.map(() => ({ success: true, id: null, errors: [] }));
        const fail = (i: number, e: DmlErrorEntry[], id: string | null = null): void => {
            results[i] = { success: false, id, errors: e };
        };
        for (let start = 0; start < records.length; start += TRIGGER_BATCH) {
            const slice = records.slice(start, start + TRIGGER_BATCH);
            const work: { i: number; rec: SObjectRecord; old: SObjectRecord; failed: boolean }[] = [];
            slice.forEach((source, j) => {
                const i = start + j;
                const rawId = source.get('Id');
                if (rawId === null || rawId === '')
                    return fail(i, [err('MISSING_ARGUMENT', 'Id not specified in an update call', [])]);
                const id = String(rawId);
                if (!isValidId(id))
                    return fail(i, [err('MALFORMED_ID', `Record ID: id value of incorrect type: ${id}`, ['Id'])]);
                const id18 = to18(id);
                if (this.isDeleted(id18)) return fail(i, [err('ENTITY_IS_DELETED', 'entity is deleted', [])], id18);
                const stored = this.table(def.name).get(id18);
                if (!stored) {
                    const other = this.typeOfId(id18);
                    if (other && other.name !== def.name)
                        return fail(
                            i,
                            [err('MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${id18}`, ['Id'])],
                            id18
                        );
                    return fail(i, [err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [])], id18);
                }
                const accessErr = this.accessErrors(def, source, 'edit', level, stored);
                if (accessErr.length) return fail(i, accessErr, id18);
                const { rec, errors } = this.normalize(def, source, stored, true);
                const pre = [
                    ...errors,
                    ...this.foreignKeyErrors(def, rec, stored),
                    ...this.restrictedPicklistErrors(def, rec)
                ];
                if (pre.length) return fail(i, pre, id18);
                rec.errors = [];
                const old = stored.clone(false);
                old.readOnly = true;
                work.push({ i, rec, old, failed: false });
            });
            if (allOrNone && results.some((r) => !r.success)) return results;
            const live = work.filter((w) => !w.failed);
            if (live.length)
                this.hooks.beforeTrigger?.(
                    def.name,
                    'update',
                    live.map((w) => w.rec),
                    live.map((w) => w.old)
                );
            for (const w of live) {
                const id18 = String(w.old.get('Id'));
                if (w.rec.errors.length) {
                    w.failed = true;
                    fail(
                        w.i,
                        w.rec.errors.map((e) => err('FIELD_CUSTOM_VALIDATION_EXCEPTION', e.message, e.fields)),
                        id18
                    );
                    continue;
                }
                const { rec, errors } = this.normalize(def, w.rec, w.old, true);
                w.rec = rec;
                const post = [...errors, ...this.fieldErrors(def, rec, false)];
                if (post.length) {
                    w.failed = true;
                    fail(w.i, post, id18);
                }
            }
            for (const w of work) if (!w.failed) this.derive(def, w.rec, w.old);
            const dup = this.uniqueErrors(def, work);
            for (const w of work) {
                const e = dup.get(w.rec);
                if (e && !w.failed) {
                    w.failed = true;
                    fail(w.i, [e], String(w.old.get('Id')));
                }
            }
            if (allOrNone && results.some((r) => !r.success)) return results;
            const saved: { i: number; rec: SObjectRecord; old: SObjectRecord }[] = [];
            for (const w of work) {
                if (w.failed) continue;
                const id18 = String(w.old.get('Id'));
                w.rec.readOnly = false;
                this.stampAudit(def, w.rec, false);
                this.table(def.name).set(id18, w.rec);
                results[w.i] = { success: true, id: id18, errors: [] };
                saved.push({ i: w.i, rec: w.rec, old: w.old });
            }
            if (saved.length && this.hooks.afterTrigger) {
                const after = saved.map((s) => {
                    const c = s.rec.clone(false);
                    c.readOnly = true;
                    return c;
                });
                this.hooks.afterTrigger(
                    def.name,
                    'update',
                    after,
                    saved.map((s) => s.old)
                );
                after.forEach((c, k) => {
                    if (c.errors.length) {
                        const s = saved[k];
                        this.table(def.name).set(String(s.old.get('Id')), this.unfreeze(s.old));
                        fail(
                            s.i,
                            c.errors.map((e) => err('FIELD_CUSTOM_VALIDATION_EXCEPTION', e.message, e.fields)),
                            String(s.old.get('Id'))
                        );
                    }
                });
            }
        }
        return results;
    }

    private unfreeze(r: SObjectRecord): SObjectRecord {
        const c = r.clone(false);
        c.readOnly = false;
        return c;
    }

    // ------------------------------------------------------------------ upsert

    private doUpsert(
        records: SObjectRecord[],
        level: AccessLevel,
        allOrNone: boolean,
        externalIdField: string | null
    ): DmlResult[] {
        const def = this.objectDef(records[0].type);
        const keyField = externalIdField ? def.fields.get(externalIdField.toLowerCase()) : def.fields.get('id');
        if (
            !keyField ||
            (keyField.name !== 'Id' && !keyField.externalId && !(keyField.unique && keyField.name === 'Username'))
        ) {
            throw new PlatformError(
                'System.SObjectException',
                `Invalid field for upsert, must be an External Id custom or standard indexed field: ${externalIdField}`
            );
        }
        const results: DmlResult[] = records.map(() => ({ success: true, id: null, errors: [] }));
        const inserts: number[] = [];
        const updates: number[] = [];
        const seenKeys = new Map<string, number>();
        records.forEach((r, i) => {
            if (keyField.name === 'Id') {
                if (r.get('Id') === null) inserts.push(i);
                else updates.push(i);
                return;
            }
            const raw = r.get(keyField.name);
            const k = this.uniqueKey(keyField, raw);
            if (k === null) {
                // A blank external id cannot match anything: the row is inserted (or updated by its Id).
                if (r.get('Id') !== null) updates.push(i);
                else inserts.push(i);
                return;
            }
            if (seenKeys.has(k)) {
                results[i] = {
                    success: false,
                    id: null,
                    errors: [
                        err('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${String(raw)}`, [keyField.name])
                    ]
                };
                return;
            }
            seenKeys.set(k, i);
            const matches = [...this.table(def.name).values()].filter(
                (row) => this.uniqueKey(keyField, row.get(keyField.name)) === k
            );
            if (matches.length > 1) {
                results[i] = {
                    success: false,
                    id: null,
                    errors: [
                        err(
                            'DUPLICATE_EXTERNAL_ID',
                            `${keyField.label}: more than one record found for external id field: [${matches.map((m) => m.get('Id')).join(', ')}]`,
                            [keyField.name]
                        )
                    ]
                };
                return;
            }
            if (matches.length === 1) {
                r.put('Id', matches[0].get('Id'));
                updates.push(i);
            } else {
                inserts.push(i);
            }
        });
        if (allOrNone && results.some((r) => !r.success)) return results;
        if (updates.length) {
            const res = this.doUpdate(
                updates.map((i) => records[i]),
                level,
                allOrNone
            );
            updates.forEach((i, k) => (results[i] = { ...res[k], created: false }));
            if (allOrNone && res.some((r) => !r.success)) return results;
        }
        if (inserts.length) {
            const res = this.doInsert(
                inserts.map((i) => records[i]),
                level,
                allOrNone
            );
            inserts.forEach((i, k) => (results[i] = { ...res[k], created: res[k].success }));
        }
        return results;
    }

    // ------------------------------------------------------------------ delete / undelete

    private doDelete(records: SObjectRecord[], level: AccessLevel, allOrNone: boolean): DmlResult[] {
        const def = this.objectDef(records[0].type);
        const results: DmlResult[] = records.map(() => ({ success: true, id: null, errors: [] }));
        const work: { i: number; stored: SObjectRecord }[] = [];
        const seen = new Set<string>();
        records.forEach((r, i) => {
            const raw = r.get('Id');
            if (raw === null) {
                results[i] = {
                    success: false,
                    id: null,
                    errors: [err('MISSING_ARGUMENT', 'Id not specified in a delete call', [])]
                };
                return;
            }
            const id = String(raw);
            if (!isValidId(id)) {
                results[i] = { success: false, id: null, errors: [err('MALFORMED_ID', `bad id ${id}`, [])] };
                return;
            }
            const id18 = to18(id);
            if (seen.has(id18)) throw new PlatformError('System.ListException', `Duplicate id in list: ${id18}`);
            seen.add(id18);
            if (this.isDeleted(id18)) {
                results[i] = { success: false, id: id18, errors: [err('ENTITY_IS_DELETED', 'entity is deleted', [])] };
                return;
            }
            const stored = this.table(def.name).get(id18);
            if (!stored) {
                results[i] = {
                    success: false,
                    id: id18,
                    errors: [err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [])]
                };
                return;
            }
            const accessErr = this.accessErrors(def, r, 'delete', level);
            if (accessErr.length) {
                results[i] = { success: false, id: id18, errors: accessErr };
                return;
            }
            const restrict = this.restrictingChildren(def, id18);
            if (restrict) {
                results[i] = { success: false, id: id18, errors: [err('DELETE_FAILED', restrict, [])] };
                return;
            }
            work.push({ i, stored });
        });
        if (allOrNone && results.some((r) => !r.success)) return results;
        for (let start = 0; start < work.length; start += TRIGGER_BATCH) {
            const slice = work.slice(start, start + TRIGGER_BATCH);
            const olds = slice.map((w) => {
                const c = w.stored.clone(false);
                c.readOnly = true;
                c.errors = [];
                return c;
            });
            this.hooks.beforeTrigger?.(def.name, 'delete', null, olds);
            const done: { i: number; old: SObjectRecord }[] = [];
            slice.forEach((w, k) => {
                const id18 = String(w.stored.get('Id'));
                if (olds[k].errors.length) {
                    results[w.i] = {
                        success: false,
                        id: id18,
                        errors: olds[k].errors.map((e) => err('FIELD_CUSTOM_VALIDATION_EXCEPTION', e.message, e.fields))
                    };
                    return;
                }
                this.removeWithCascade(id18, true, def.name);
                results[w.i] = { success: true, id: id18, errors: [] };
                done.push({ i: w.i, old: olds[k] });
            });
            if (done.length && this.hooks.afterTrigger) {
                const afterOld = done.map((d) => {
                    const c = d.old.clone(false);
                    c.readOnly = true;
                    c.errors = [];
                    return c;
                });
                this.hooks.afterTrigger(def.name, 'delete', null, afterOld);
                afterOld.forEach((c, k) => {
                    if (c.errors.length) {
                        const id18 = String(c.get('Id'));
                        this.restoreFromBin(id18);
                        results[done[k].i] = {
                            success: false,
                            id: id18,
                            errors: c.errors.map((e) => err('FIELD_CUSTOM_VALIDATION_EXCEPTION', e.message, e.fields))
                        };
                    }
                });
            }
        }
        return results;
    }

    private restrictingChildren(def: ObjectDef, id18: string): string | null {
        for (const rel of def.childRelationships) {
            if (!rel.restrictedDelete) continue;
            for (const row of this.table(rel.childObject).values()) {
                if (row.get(rel.field) === id18) {
                    return `Your attempt to delete ${def.label} could not be completed because it is associated with the following ${rel.childObject}s.`;
                }
            }
        }
        return null;
    }

    /** Moves a row to the recycle bin; cascades master-detail children and nulls lookups (no triggers fire on those). */
    private removeWithCascade(id18: string, top: boolean, type?: string): BinEntry {
        const rec = (type ? this.table(type).get(id18) : undefined) ?? this.getById(id18)!;
        const def = this.objectDef(rec.type);
        const entry: BinEntry = { record: rec.clone(false), cascaded: [], nulled: [], top };
        entry.record.put('IsDeleted', true);
        this.table(def.name).delete(id18);
        const twinType =
            def.name === 'ContentNote' ? 'ContentDocument' : def.name === 'ContentDocument' ? 'ContentNote' : null;
        const twin = twinType ? this.table(twinType).get(id18) : undefined;
        if (twinType && twin) {
            entry.twin = twin.clone(false);
            entry.twin.put('IsDeleted', true);
            this.table(twinType).delete(id18);
        }
        this.bin.set(id18, entry);
        for (const { childDef, field: f } of this.referencesTo(def)) {
            const table = this.tables.get(childDef.name.toLowerCase());
            if (!table || table.size === 0) continue;
            for (const row of [...table.values()]) {
                if (row.get(f.name) !== id18) continue;
                const rowId = String(row.get('Id'));
                if (f.type === 'MasterDetail' || f.deleteConstraint === 'Cascade') {
                    if (table.has(rowId)) {
                        this.removeWithCascade(rowId, false);
                        entry.cascaded.push(rowId);
                    }
                } else if (f.deleteConstraint !== 'Restrict') {
                    const next = row.clone(false);
                    next.put(f.name, null);
                    table.set(rowId, next);
                    entry.nulled.push({ id: rowId, field: f.name });
                }
            }
        }
        return entry;
    }

    private referenceCache = new Map<string, { childDef: ObjectDef; field: FieldDef }[]>();

    /** Lookup and master-detail fields that can point at rows of `def` (including polymorphic `*` references). */
    private referencesTo(def: ObjectDef): { childDef: ObjectDef; field: FieldDef }[] {
        let refs = this.referenceCache.get(def.name);
        if (!refs) {
            refs = [];
            const twin =
                def.name === 'ContentNote' ? 'contentdocument' : def.name === 'ContentDocument' ? 'contentnote' : null;
            for (const childDef of this.schema.objects.values()) {
                if (childDef.kind === 'customMetadata' || childDef.kind === 'platformEvent') continue;
                for (const f of childDef.fields.values()) {
                    if ((f.type !== 'Lookup' && f.type !== 'MasterDetail') || f.calculated) continue;
                    const targets = (f.referenceTo ?? []).map((t) => t.toLowerCase());
                    if (
                        targets.includes('*') ||
                        targets.includes(def.name.toLowerCase()) ||
                        (twin && targets.includes(twin))
                    ) {
                        refs.push({ childDef, field: f });
                    }
                }
            }
            this.referenceCache.set(def.name, refs);
        }
        return refs;
    }

    private restoreFromBin(id18: string): SObjectRecord | null {
        const entry = this.bin.get(id18);
        if (!entry) return null;
        this.bin.delete(id18);
        const rec = entry.record.clone(false);
        rec.put('IsDeleted', false);
        this.table(rec.type).set(id18, rec);
        if (entry.twin) {
            const twin = entry.twin.clone(false);
            twin.put('IsDeleted', false);
            this.table(twin.type).set(id18, twin);
        }
        for (const child of entry.cascaded) this.restoreFromBin(child);
        for (const n of entry.nulled) {
            const row = this.getById(n.id);
            if (row && row.get(n.field) === null) {
                const next = row.clone(false);
                next.put(n.field, id18);
                this.table(row.type).set(n.id, next);
            }
        }
        return rec;
    }

    private doUndelete(records: SObjectRecord[], level: AccessLevel, allOrNone: boolean): DmlResult[] {
        const def = this.objectDef(records[0].type);
        void level;
        const results: DmlResult[] = records.map(() => ({ success: true, id: null, errors: [] }));
        const restored: { i: number; rec: SObjectRecord }[] = [];
        records.forEach((r, i) => {
            const raw = r.get('Id');
            const id18 = raw && isValidId(String(raw)) ? to18(String(raw)) : null;
            const entry = id18 ? this.bin.get(id18) : undefined;
            if (!id18 || !entry || !entry.top) {
                results[i] = {
                    success: false,
                    id: id18,
                    errors: [err('UNDELETE_FAILED', 'Entity is not in the recycle bin', [])]
                };
                return;
            }
            restored.push({ i, rec: this.restoreFromBin(id18)! });
            results[i] = { success: true, id: id18, errors: [] };
        });
        if (allOrNone && results.some((r) => !r.success)) return results;
        for (let start = 0; start < restored.length; start += TRIGGER_BATCH) {
            const slice = restored.slice(start, start + TRIGGER_BATCH);
            const after = slice.map((s) => {
                const c = s.rec.clone(false);
                c.readOnly = true;
                return c;
            });
            this.hooks.afterTrigger?.(def.name, 'undelete', after, null);
            after.forEach((c, k) => {
                if (c.errors.length) {
                    const id18 = String(c.get('Id'));
                    this.removeWithCascade(id18, true);
                    results[slice[k].i] = {
                        success: false,
                        id: id18,
                        errors: c.errors.map((e) => err('FIELD_CUSTOM_VALIDATION_EXCEPTION', e.message, e.fields))
                    };
                }
            });
        }
        return results;
    }

    // ------------------------------------------------------------------ platform events

    /**
     * Validates platform event messages for `EventBus.publish` (types, required fields, lengths) and stamps
     * `EventUuid`, `ReplayId`, `CreatedDate`, `CreatedById`. Returns a SaveResult per event; the event bus (the
     * interpreter) decides delivery. Events have no record Id; the SaveResult id is a generated id of the event type.
     */
    prepareEvents(records: SObjectRecord[]): { results: DmlResult[]; events: SObjectRecord[] } {
        const results: DmlResult[] = [];
        const events: SObjectRecord[] = [];
        for (const source of records) {
            const def = this.objectDef(source.type);
            if (def.kind !== 'platformEvent') {
                throw new PlatformError(
                    'System.TypeException',
                    `EventBus.publish requires platform event records, not ${def.name}`
                );
            }
            const { rec, errors } = this.normalize(def, source, null, false);
            for (const f of def.fields.values()) {
                if (f.defaultValue !== undefined && !f.calculated && rec.get(f.name) === null)
                    rec.put(f.name, this.coerce(def, f, this.evalDefault(f)).value);
            }
            const all = [...errors, ...this.fieldErrors(def, rec, true)];
            if (all.length) {
                results.push({ success: false, id: null, errors: all });
                continue;
            }
            rec.put('ReplayId', String(++this.replayId));
            // An event made with newSObject(null, true) keeps the EventUuid it was created with (publish callbacks
            // match on it); otherwise the system assigns one to the message only. Platform Events Developer Guide,
            // "Create an Event with an EventUuid Field" and "Publish Callback Best Practices" (republishing such an
            // object repeats its UUID; an event made with `new X__e()` does not carry one).
            const preset = source.get('EventUuid');
            rec.put('EventUuid', typeof preset === 'string' && preset !== '' ? preset : uuidFor(this.replayId));
            rec.put('CreatedDate', ApexDatetime.now());
            rec.put('CreatedById', this.currentUserId());
            for (const f of def.fields.values())
                if (!rec.has(f.name)) rec.put(f.name, f.type === 'Checkbox' ? false : null);
            events.push(rec);
            results.push({ success: true, id: this.newId(def), errors: [] });
        }
        return { results, events };
    }

    // ------------------------------------------------------------------ custom settings

    /**
     * Hierarchy custom setting resolution (`getInstance()`, `getInstance(userOrProfileId)`, `getOrgDefaults()`,
     * `getValues(id)`): user row, then the user's profile row, then org defaults, merged field by field (fields left
     * null at a lower level take the value from the next level up). Returns a new record (not stored) or, for
     * `getValues` semantics (`merge = false`), only the exact row.
     *
     * Source: Apex Reference, "Hierarchy Custom Setting Methods".
     */
    hierarchySetting(type: string, ownerId: string | null, merge = true): SObjectRecord | null {
        const def = this.objectDef(type);
        if (def.customSettingsType !== 'Hierarchy') {
            throw new PlatformError('System.TypeException', `${def.name} is not a hierarchy custom setting`);
        }
        const rows = [...this.table(def.name).values()];
        const byOwner = (id: string | null): SObjectRecord | null =>
            id && isValidId(id) ? (rows.find((r) => r.get('SetupOwnerId') === to18(id)) ?? null) : null;
        const owner = ownerId ? to18(ownerId) : this.currentUserId();
        const ownerType = this.typeOfId(owner)?.name;
        if (!merge) {
            // getValues(id) / getOrgDefaults(): exactly the row of that level.
            const exact = byOwner(owner);
            if (exact) return exact.clone(false);
            return ownerType === 'Organization' ? this.emptySetting(def, owner) : null;
        }
        const chain: (SObjectRecord | null)[] = [];
        if (ownerType === 'User') {
            chain.push(byOwner(owner));
            const user = this.getById(owner);
            chain.push(byOwner((user?.get('ProfileId') as string | null) ?? null));
        } else if (ownerType === 'Profile') {
            chain.push(byOwner(owner));
        } else if (ownerType !== 'Organization') {
            throw new PlatformError('System.InvalidParameterValueException', `Invalid id for custom setting: ${owner}`);
        }
        chain.push(byOwner(this.organizationId));
        const own = chain[0];
        const found = chain.filter((r): r is SObjectRecord => r !== null);
        // No row at the requested level: a new record (Id null, SetupOwnerId = the requested owner) carrying the
        // fields merged from higher levels.
        const result = own ? own.clone(false) : this.emptySetting(def, owner);
        for (const f of def.fields.values()) {
            if (!f.custom || (own && result.get(f.name) !== null)) continue;
            for (const r of found) {
                if (r === own) continue;
                const v = r.get(f.name);
                if (v !== null) {
                    result.put(f.name, v);
                    break;
                }
            }
        }
        return result;
    }

    /** A new, unsaved custom setting record owned by `owner`, with the fields' default values. */
    private emptySetting(def: ObjectDef, owner: string): SObjectRecord {
        const result = new SObjectRecord(def.name);
        result.put('Id', null);
        result.put('SetupOwnerId', owner);
        for (const f of def.fields.values()) {
            if (f.custom)
                result.put(
                    f.name,
                    f.defaultValue !== undefined
                        ? this.coerce(def, f, this.evalDefault(f)).value
                        : f.type === 'Checkbox'
                          ? false
                          : null
                );
        }
        return result;
    }

    /** List custom setting rows by Name (`getAll()`, `getInstance(name)`, `getValues(name)`). */
    listSettings(type: string): Map<string, SObjectRecord> {
        const def = this.objectDef(type);
        const out = new Map<string, SObjectRecord>();
        for (const r of this.table(def.name).values()) out.set(String(r.get('Name')), r.clone(false));
        return out;
    }

    // ------------------------------------------------------------------ custom metadata

    /** `Type__mdt.getAll()`: developer name → record (a copy), in developer-name order. */
    customMetadataAll(type: string): Map<string, SObjectRecord> {
        const def = this.objectDef(type);
        if (def.kind !== 'customMetadata')
            throw new PlatformError('System.TypeException', `${def.name} is not a custom metadata type`);
        const out = new Map<string, SObjectRecord>();
        const recs = [...(this.schema.customMetadataRecords.get(def.name.toLowerCase()) ?? [])];
        for (const r of recs) out.set(String(r.get('DeveloperName')), this.cmdtView(r));
        return out;
    }

    /** `Type__mdt.getInstance(developerNameOrId)`; null when there is no such record. */
    customMetadataInstance(type: string, devNameOrId: string): SObjectRecord | null {
        const def = this.objectDef(type);
        const recs = this.schema.customMetadataRecords.get(def.name.toLowerCase()) ?? [];
        const key = devNameOrId.toLowerCase();
        const byId = isValidId(devNameOrId) ? to18(devNameOrId) : null;
        const r = recs.find(
            (x) => String(x.get('DeveloperName')).toLowerCase() === key || (byId && x.get('Id') === byId)
        );
        return r ? this.cmdtView(r) : null;
    }

    /** The fields `getAll`/`getInstance` return: all fields except long text areas beyond 255 characters. */
    private cmdtView(r: SObjectRecord): SObjectRecord {
        const def = this.objectDef(r.type);
        const c = r.clone(false);
        for (const f of def.fields.values()) {
            const v = c.get(f.name);
            if (f.type === 'LongTextArea' && typeof v === 'string' && v.length > 255) c.put(f.name, v.slice(0, 255));
        }
        c.remove('SystemModstamp');
        return c;
    }

    // ------------------------------------------------------------------ EntityDefinition / FieldDefinition

    private definitionCache: { entity: SObjectRecord[]; field: SObjectRecord[] } | null = null;

    private definitionRows(name: 'EntityDefinition' | 'FieldDefinition'): SObjectRecord[] {
        if (!this.definitionCache) {
            const gen = new IdGenerator();
            const entity: SObjectRecord[] = [];
            const field: SObjectRecord[] = [];
            for (const o of this.schema.objects.values()) {
                if (o.name === 'EntityDefinition' || o.name === 'FieldDefinition') continue;
                const e = new SObjectRecord('EntityDefinition');
                e.put('Id', gen.next('4ie'));
                e.put('DurableId', o.name);
                e.put('QualifiedApiName', o.name);
                e.put('DeveloperName', o.name.replace(/__\w+$/, ''));
                e.put('Label', o.label);
                e.put('PluralLabel', o.pluralLabel);
                e.put('KeyPrefix', o.keyPrefix);
                e.put('NamespacePrefix', null);
                e.put('IsCustomSetting', o.kind === 'customSetting');
                e.put('IsCustomizable', true);
                e.put('IsQueryable', o.queryable);
                e.put('IsTriggerable', o.kind === 'standard' || o.kind === 'custom' || o.kind === 'platformEvent');
                entity.push(e);
                for (const f of o.fields.values()) {
                    const fd = new SObjectRecord('FieldDefinition');
                    fd.put('Id', gen.next('4if'));
                    fd.put('DurableId', `${o.name}.${f.name}`);
                    fd.put('QualifiedApiName', f.name);
                    fd.put('DeveloperName', f.name.replace(/__c$/, ''));
                    fd.put('Label', f.label);
                    fd.put('DataType', f.type);
                    fd.put('Length', f.length ?? 0);
                    fd.put('Precision', f.precision ?? 0);
                    fd.put('Scale', f.scale ?? 0);
                    fd.put('EntityDefinitionId', o.name);
                    fd.put('IsNillable', !f.required);
                    fd.put('IsIndexed', f.externalId || f.unique || f.name === 'Id');
                    fd.put('NamespacePrefix', null);
                    fd.put('RelationshipName', f.relationshipName ?? null);
                    fd.put('ExtraTypeInfo', null);
                    fd.put('IsCalculated', f.calculated);
                    field.push(fd);
                }
            }
            this.definitionCache = { entity, field };
        }
        return name === 'EntityDefinition' ? this.definitionCache.entity : this.definitionCache.field;
    }
}

function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (a === null || b === null || a === undefined || b === undefined) return false;
    if (a instanceof Decimal && b instanceof Decimal) return a.compareTo(b) === 0;
    if (a instanceof ApexDate && b instanceof ApexDate) return a.equals(b);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.equals(b);
    if (a instanceof ApexTime && b instanceof ApexTime) return a.equals(b);
    return false;
}

function uuidFor(n: number): string {
    const hex = n.toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${hex}`;
}
