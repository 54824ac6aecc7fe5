// Helpers for the metadata tests: find package metadata files by folder and suffix and parse them.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: true, trimValues: true });

/** Always an array: fast-xml-parser yields a single object for one child element. */
export const arr = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function walk(dir, out = []) {
    if (!existsSync(dir)) return out;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full, out);
        else out.push(full);
    }
    return out;
}

/** Every file under force-app (or another root folder) whose path contains `/<folder>/` and ends with `suffix`. */
export function files(folder, suffix, root = 'force-app') {
    return walk(join(ROOT, root)).filter((f) => f.includes(`/${folder}/`) && f.endsWith(suffix));
}

/** Map of metadata name → parsed root element. */
export function readMetadata(folder, suffix, rootElement, root = 'force-app') {
    const result = new Map();
    for (const file of files(folder, suffix, root)) {
        result.set(basename(file, suffix), parser.parse(readFileSync(file, 'utf8'))[rootElement]);
    }
    return result;
}

export function permissionSet(name) {
    const ps = readMetadata('permissionsets', '.permissionset-meta.xml', 'PermissionSet').get(name);
    if (!ps) throw new Error(`permission set ${name} not found`);
    return ps;
}

/** Map of `Object.Field` → parsed CustomField, for every custom field in the package. */
export function customFields() {
    const result = new Map();
    for (const file of files('fields', '.field-meta.xml')) {
        const object = file.split('/objects/')[1].split('/')[0];
        const field = parser.parse(readFileSync(file, 'utf8')).CustomField;
        result.set(`${object}.${field.fullName}`, field);
    }
    return result;
}
