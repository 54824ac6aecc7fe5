/**
 * Facade of the data layer for the interpreter: load a project's org, run DML and SOQL.
 *
 *   const org = createOrg('/path/to/sfdx-project');
 *   org.db.hooks = { beforeTrigger, afterTrigger, onSoql, onDml, currentUser, isUserMode, mixedDmlAllowed };
 *   org.db.insert([record], { allOrNone: true, accessLevel: 'USER' });
 *   org.soql.query('SELECT Id FROM Account WHERE Name = :n', (bind) => evaluate(bind.text));
 */
import { loadOrgSchema, type LoadOptions, type OrgSchemaExtras } from './schema.js';
import { OrgDatabase } from './database.js';
import { SoqlEngine } from './soql.js';
import type { OrgSchema } from './schema-types.js';

export { loadOrgSchema, isDirectory } from './schema.js';
export type { LoadOptions, OrgSchemaExtras } from './schema.js';
export type * from './schema-types.js';
export { OPPORTUNITY_STAGES, STANDARD_PROFILES } from './schema-standard.js';
export { SObjectRecord } from './record.js';
export type { RecordError } from './record.js';
export { OrgDatabase, DmlError } from './database.js';
export type {
    DmlOptions,
    DmlResult,
    DmlErrorEntry,
    DatabaseHooks,
    DatabaseSnapshot,
    TriggerOp,
    DmlOp,
    AccessLevel
} from './database.js';
export { SoqlEngine, compileSoql, compareValues } from './soql.js';
export type { CompiledQuery, EvalBind, ExecuteOptions, BindRef } from './soql.js';
export { parseSoql } from './soql-parser.js';
export { canAccessField, canAccessObject, hasCustomPermission } from './permissions.js';
export type { EffectivePermissions } from './permissions.js';
export { PlatformError, UnsupportedError, isUnsupportedError } from '../values/errors.js';

/** A loaded org: schema, database and SOQL engine. */
export interface Org {
    schema: OrgSchema & OrgSchemaExtras;
    db: OrgDatabase;
    soql: SoqlEngine;
}

/** Loads the project's schema and creates a fresh org database with its seed data. */
export function createOrg(projectDir: string, options: LoadOptions = {}): Org {
    const schema = loadOrgSchema(projectDir, options);
    const db = new OrgDatabase(schema);
    return { schema, db, soql: new SoqlEngine(db) };
}
