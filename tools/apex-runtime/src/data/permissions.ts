/**
 * Object and field permissions of a user, for user-mode database operations.
 *
 * Effective permissions = the user's profile + every permission set assigned to the user through
 * `PermissionSetAssignment` rows. Project permission sets come from `permissionsets/*.permissionset-meta.xml`.
 * Profiles are built in (see `STANDARD_PROFILES`): System Administrator has "Modify All Data" (every object) and FLS
 * on standard fields; custom fields deployed through the Metadata API carry no profile FLS, so custom fields are only
 * accessible through a permission set — as in an org where the package's metadata was deployed without profiles.
 * Required fields and system fields are always accessible (their FLS cannot be restricted).
 *
 * Source: Apex Developer Guide, "Set an Access Mode for Database Operations"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm).
 */
import type { FieldDef, ObjectDef, OrgSchema, PermissionSetDef } from './schema-types.js';

/** What a profile grants on standard objects (besides Modify All Data). */
const STANDARD_CRUD_OBJECTS = new Set([
    'account',
    'contact',
    'opportunity',
    'lead',
    'case',
    'task',
    'note',
    'contentnote',
    'contentdocument',
    'contentversion',
    'contentdocumentlink',
    'opportunitycontactrole',
    'opportunityteammember',
    'campaign'
]);
const READ_ONLY_FOR_ALL = new Set([
    'user',
    'profile',
    'organization',
    'permissionset',
    'permissionsetassignment',
    'group',
    'groupmember',
    'userrole',
    'recordtype',
    'asyncapexjob',
    'crontrigger',
    'cronjobdetail',
    'customnotificationtype',
    'entitydefinition',
    'fielddefinition',
    'apexclass',
    'apextrigger',
    'staticresource',
    'custompermission',
    'setupentityaccess',
    'permissionsetgroup',
    'namedcredential',
    'userrecordaccess',
    'site',
    'sitedetail',
    'opportunitystage'
]);

export interface ProfilePermissions {
    name: string;
    modifyAllData: boolean;
    standardCrud: boolean;
}

export interface EffectivePermissions {
    profile: ProfilePermissions;
    permissionSets: PermissionSetDef[];
}

export type ObjectAccess = 'read' | 'create' | 'edit' | 'delete';

export function canAccessObject(
    schema: OrgSchema,
    perms: EffectivePermissions,
    obj: ObjectDef,
    access: ObjectAccess
): boolean {
    const key = obj.name.toLowerCase();
    if (perms.profile.modifyAllData) return true;
    if (obj.kind === 'customMetadata') {
        return access === 'read' && perms.permissionSets.some((ps) => ps.customMetadataTypeAccesses.has(key));
    }
    if (obj.kind === 'customSetting') {
        // "Restrict access to custom settings" is on by default in new orgs: reading needs a customSettingAccesses
        // grant; writing needs Customize Application (modelled as Modify All Data above).
        return access === 'read' && perms.permissionSets.some((ps) => ps.customSettingAccesses.has(key));
    }
    if (obj.kind === 'platformEvent') {
        return perms.permissionSets.some((ps) => {
            const op = ps.objectPermissions.get(key);
            return op ? (access === 'read' ? op.read : op.create) : false;
        });
    }
    if (!obj.custom) {
        if (READ_ONLY_FOR_ALL.has(key) && access === 'read') return true;
        if (perms.profile.standardCrud && STANDARD_CRUD_OBJECTS.has(key)) return true;
    }
    return perms.permissionSets.some((ps) => {
        const op = ps.objectPermissions.get(key);
        if (!op) return false;
        switch (access) {
            case 'read':
                return op.read || op.viewAll || op.modifyAll;
            case 'create':
                return op.create || op.modifyAll;
            case 'edit':
                return op.edit || op.modifyAll;
            case 'delete':
                return op.delete || op.modifyAll;
        }
        return false;
    });
}

/** Field-level security: `edit` = editable, otherwise readable. */
export function canAccessField(perms: EffectivePermissions, obj: ObjectDef, field: FieldDef, edit: boolean): boolean {
    if (!field.permissionable) return true;
    if (obj.kind === 'customMetadata' || obj.kind === 'customSetting') return true;
    const key = `${obj.name}.${field.name}`.toLowerCase();
    if (!field.custom && perms.profile.standardCrud) {
        // Standard profiles such as Standard User grant the standard fields of the standard objects they open. On a
        // profile without them (Minimum Access - Salesforce) a non-required standard field, like a custom one, is
        // reachable only through a permission set's field permission (Salesforce Help, "Field-Level Security").
        return true;
    }
    return perms.permissionSets.some((ps) => {
        const fp = ps.fieldPermissions.get(key);
        return fp ? (edit ? fp.editable : fp.readable || fp.editable) : false;
    });
}

/** Whether a custom permission is granted (`FeatureManagement.checkPermission`). */
export function hasCustomPermission(perms: EffectivePermissions, name: string): boolean {
    const key = name.toLowerCase();
    return perms.permissionSets.some((ps) => ps.customPermissions.has(key));
}
