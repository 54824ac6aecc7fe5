/**
 * Saves and loads the org session's database to a JSON file so a local org survives restarts. Every table is
 * written (seeded rows included) with the Id counter, so Ids stay stable and never collide after a reload. A
 * fingerprint of the project's schema and classes guards against loading a state written for different metadata:
 * the caller then starts from a fresh org.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OrgDatabase } from '../data/database.js';
import { SObjectRecord } from '../data/record.js';
import { Decimal } from '../values/decimal.js';
import { ApexDate, ApexDatetime, ApexTime } from '../values/datetime.js';
import { UnsupportedError } from '../values/errors.js';
import { ApexBlob } from '../interpreter/rvalues.js';

const FORMAT = 1;

interface StateFile {
    format: number;
    fingerprint: string;
    savedAt: string;
    idCounter: number;
    replayId: number;
    autoNumbers: [string, number][];
    users: { admin: string; automated: string; org: string };
    tables: { type: string; rows: [string, unknown][][] }[];
    extra: unknown;
}

function encode(v: unknown): unknown {
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') return v ?? null;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return { $long: v.toString() };
    if (v instanceof Decimal) return { $dec: v.toString() };
    if (v instanceof ApexDatetime) return { $dt: v.millis };
    if (v instanceof ApexDate) return { $date: v.toString() };
    if (v instanceof ApexTime) return { $time: v.millisOfDay };
    if (v instanceof ApexBlob) return { $blob: Buffer.from(v.bytes).toString('base64') };
    if (v instanceof SObjectRecord) return null; // relationship values are never stored on rows
    throw new UnsupportedError(`saving a field value of type ${(v as object).constructor?.name ?? typeof v} to the org state file`);
}

function decode(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if ('$long' in o) return BigInt(String(o.$long));
    if ('$dec' in o) return Decimal.parse(String(o.$dec));
    if ('$dt' in o) return ApexDatetime.fromMillis(Number(o.$dt));
    if ('$date' in o) return ApexDate.valueOf(String(o.$date));
    if ('$time' in o) return ApexTime.fromMillisOfDay(Number(o.$time));
    if ('$blob' in o) return new ApexBlob(Buffer.from(String(o.$blob), 'base64'));
    throw new UnsupportedError(`unknown value ${JSON.stringify(v)} in the org state file`);
}

/** A fingerprint of the metadata the database rows depend on (objects, fields, classes, triggers). */
export function schemaFingerprint(db: OrgDatabase, classNames: string[]): string {
    const h = createHash('sha256');
    const schema = db.schema as any;
    const objects: Map<string, any> = schema.objects;
    for (const [k, o] of [...objects.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        h.update(k + ':' + [...o.fields.keys()].sort().join(',') + ';');
    }
    h.update([...classNames].sort().join(','));
    return h.digest('hex');
}

export function saveState(db: OrgDatabase, file: string, fingerprint: string, extra: unknown): void {
    const d = db as any;
    const tables: StateFile['tables'] = [];
    for (const [, t] of d.tables as Map<string, Map<string, SObjectRecord>>) {
        const rows: [string, unknown][][] = [];
        let type = '';
        for (const rec of t.values()) {
            type = rec.type;
            const entries: [string, unknown][] = [];
            for (const [k, v] of rec.fields) {
                if (v instanceof SObjectRecord) continue;
                entries.push([rec.canonicalNames.get(k) ?? k, encode(v)]);
            }
            rows.push(entries);
        }
        if (rows.length) tables.push({ type, rows });
    }
    const state: StateFile = {
        format: FORMAT,
        fingerprint,
        savedAt: new Date().toISOString(),
        idCounter: db.ids.state,
        replayId: d.replayId,
        autoNumbers: [...(d.autoNumbers as Map<string, number>)],
        users: { admin: db.adminUserId, automated: db.automatedProcessUserId, org: db.organizationId },
        tables,
        extra,
    };
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, file);
}

/** Loads the state into `db`. Returns the caller's extra data, or null (and leaves `db` alone) when unusable. */
export function loadState(db: OrgDatabase, file: string, fingerprint: string): { extra: unknown } | { skipped: string } {
    if (!existsSync(file)) return { skipped: 'no state file' };
    let state: StateFile;
    try {
        state = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
    } catch (e) {
        return { skipped: `unreadable state file (${(e as Error).message})` };
    }
    if (state.format !== FORMAT) return { skipped: `state file format ${state.format} (expected ${FORMAT})` };
    if (state.fingerprint !== fingerprint) return { skipped: 'the project metadata changed since the state was saved' };
    const d = db as any;
    const tables = new Map<string, Map<string, SObjectRecord>>();
    const idIndex = new Map<string, string>();
    for (const t of state.tables) {
        const m = new Map<string, SObjectRecord>();
        for (const entries of t.rows) {
            const rec = new SObjectRecord(t.type, entries.map(([k, v]) => [k, decode(v)] as [string, unknown]));
            const id = String(rec.get('Id'));
            m.set(id, rec);
            idIndex.set(id, t.type.toLowerCase());
        }
        tables.set(t.type.toLowerCase(), m);
    }
    d.tables = tables;
    d.idIndex = idIndex;
    d.bin = new Map();
    d.autoNumbers = new Map(state.autoNumbers);
    d.replayId = state.replayId;
    db.ids.state = Math.max(db.ids.state, state.idCounter);
    d.adminUserId = state.users.admin;
    d.automatedProcessUserId = state.users.automated;
    d.organizationId = state.users.org;
    return { extra: state.extra };
}
