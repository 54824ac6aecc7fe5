// Keeps docs/fault-catalogue.md true: every fault case (platform reference §10, 1–30) and security check (§9,
// C1–C20) has a row, and every test a row names exists. Apex tests are `Class.method` (an @IsTest method in
// force-app/tests); other tests are `path::title`, where the file must contain the title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './metadata.mjs';

const catalogue = readFileSync(join(ROOT, 'docs', 'fault-catalogue.md'), 'utf8');

function rows() {
    const found = new Map();
    for (const line of catalogue.split('\n')) {
        const cells = line.split('|').map((c) => c.trim());
        const id = cells[1];
        if (!/^(10\.\d+|C\d+)$/.test(id ?? '')) continue;
        assert.ok(!found.has(id), `row ${id} appears once`);
        found.set(id, { tests: cells[3] ?? '', notes: cells[4] ?? '' });
    }
    return found;
}

function apexTestMethods() {
    const methods = new Set();
    const walk = (dir) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.name.endsWith('.cls')) {
                const source = readFileSync(path, 'utf8');
                const className = entry.name.replace('.cls', '');
                for (const m of source.matchAll(/@IsTest\s+(?:(?:private|public|static)\s+)*void\s+(\w+)\s*\(/gi)) {
                    methods.add(`${className}.${m[1]}`.toLowerCase());
                }
            }
        }
    };
    walk(join(ROOT, 'force-app', 'tests'));
    return methods;
}

const catalogueRows = rows();

test('every fault case 10.1–10.30 and security check C1–C20 has a row', () => {
    const expected = [
        ...Array.from({ length: 30 }, (_, i) => `10.${i + 1}`),
        ...Array.from({ length: 20 }, (_, i) => `C${i + 1}`)
    ];
    assert.deepEqual([...catalogueRows.keys()].sort(), expected.sort());
});

test('every row names a test, unless it is marked as verifiable only in an org', () => {
    for (const [id, row] of catalogueRows) {
        const references = [...row.tests.matchAll(/`([^`]+)`/g)];
        assert.ok(
            references.length > 0 || row.tests.startsWith('see ') || row.notes.startsWith('Org only:'),
            `${id} names no test`
        );
    }
});

test('every test the catalogue names exists', () => {
    const methods = apexTestMethods();
    let checked = 0;
    for (const [id, row] of catalogueRows) {
        for (const [, reference] of row.tests.matchAll(/`([^`]+)`/g)) {
            checked++;
            if (reference.includes('::')) {
                const [file, title] = reference.split('::');
                assert.ok(existsSync(join(ROOT, file)), `${id}: ${file} exists`);
                assert.ok(
                    readFileSync(join(ROOT, file), 'utf8').includes(title),
                    `${id}: ${file} has a test "${title}"`
                );
            } else {
                assert.match(reference, /^\w+\.\w+$/, `${id}: ${reference} is Class.method or file::title`);
                assert.ok(methods.has(reference.toLowerCase()), `${id}: Apex test ${reference} exists`);
            }
        }
    }
    assert.ok(checked > 150, `${checked} references checked`);
});
