/**
 * Test harness for the conformance suite: writes Apex sources into a throw-away sfdx project and runs its tests
 * through the same runner the CLI uses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests, type TestResult } from '../../src/testing/runner.js';

export interface ProjectFiles {
    /** Class name → source (a `.cls` file each). */
    classes?: Record<string, string>;
    /** Trigger name → source. */
    triggers?: Record<string, string>;
    /** Relative path under force-app → content (objects, fields, metadata...). */
    files?: Record<string, string>;
}

export function runApex(files: ProjectFiles): Map<string, TestResult> {
    const dir = mkdtempSync(join(tmpdir(), 'apex-conf-'));
    try {
        writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '67.0' }));
        const cls = join(dir, 'force-app', 'main', 'default', 'classes');
        const trg = join(dir, 'force-app', 'main', 'default', 'triggers');
        mkdirSync(cls, { recursive: true });
        mkdirSync(trg, { recursive: true });
        for (const [name, src] of Object.entries(files.classes ?? {})) writeFileSync(join(cls, `${name}.cls`), src);
        for (const [name, src] of Object.entries(files.triggers ?? {})) writeFileSync(join(trg, `${name}.trigger`), src);
        for (const [rel, content] of Object.entries(files.files ?? {})) {
            const p = join(dir, 'force-app', rel);
            mkdirSync(join(p, '..'), { recursive: true });
            writeFileSync(p, content);
        }
        const summary = runTests(dir, { cacheDir: null });
        return new Map(summary.results.map((r) => [`${r.className}.${r.methodName}`, r]));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** Wraps statements as one @IsTest method of a test class. */
export function testClass(name: string, methods: Record<string, string>, extra = ''): string {
    const body = Object.entries(methods)
        .map(([m, src]) => `    @IsTest\n    static void ${m}() {\n${src}\n    }`)
        .join('\n');
    return `@IsTest\nprivate class ${name} {\n${extra}\n${body}\n}\n`;
}

/** Formats failures for assertion messages. */
export function describeFailures(results: Map<string, TestResult>): string {
    return [...results.values()]
        .filter((r) => r.outcome !== 'PASS')
        .map((r) => `${r.className}.${r.methodName}: ${r.outcome} ${r.message ?? ''}\n${r.stack ?? ''}`)
        .join('\n');
}
