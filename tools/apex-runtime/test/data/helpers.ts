/** Shared helpers for the data-layer tests. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createOrg, SObjectRecord, type Org } from '../../src/data/index.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A fresh org for the data-layer fixture project. */
export function dataOrg(): Org {
    return createOrg(join(FIXTURES, 'data-project'));
}

export function rec(type: string, fields: Record<string, unknown>): SObjectRecord {
    return new SObjectRecord(type, fields);
}

/** Evaluates binds from a name → value table (the interpreter evaluates Apex expressions instead). */
export function binds(values: Record<string, unknown> = {}) {
    return (b: { text: string }) => {
        if (!(b.text in values)) throw new Error(`test bind ${b.text} not provided`);
        return values[b.text];
    };
}
