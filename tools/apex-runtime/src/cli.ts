/**
 * `apex-runtime test <sfdx-project-dir> [--filter Class[.method]]... [--junit FILE] [--coverage FILE] [--debug]`
 * Prints one line per test method, then `N passed, M failed`; exits 1 on any failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runTests, type RunSummary, type TestResult } from './testing/runner.js';
import { RuntimeSetupError } from './errors.js';
import { loadProject } from './testing/project.js';
import { runAnonymous } from './testing/anon.js';

function usage(): never {
    process.stderr.write('usage: apex-runtime test <sfdx-project-dir> [--filter Class[.method]] [--junit FILE] [--coverage FILE] [--debug]\n       apex-runtime bench <sfdx-project-dir>\n       apex-runtime run <sfdx-project-dir> <file.apex>   (anonymous Apex)\n');
    process.exit(2);
}

function xmlEscape(s: string): string {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function junitXml(summary: RunSummary): string {
    const byClass = new Map<string, TestResult[]>();
    for (const r of summary.results) byClass.set(r.className, [...(byClass.get(r.className) ?? []), r]);
    const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="apex-runtime">'];
    for (const [cls, rs] of byClass) {
        const failures = rs.filter((r) => r.outcome === 'FAIL').length;
        const errors = rs.filter((r) => r.outcome !== 'FAIL' && r.outcome !== 'PASS').length;
        parts.push(`  <testsuite name="${xmlEscape(cls)}" tests="${rs.length}" failures="${failures}" errors="${errors}">`);
        for (const r of rs) {
            parts.push(`    <testcase classname="${xmlEscape(cls)}" name="${xmlEscape(r.methodName)}" time="${(r.ms / 1000).toFixed(3)}">`);
            if (r.outcome === 'FAIL') parts.push(`      <failure message="${xmlEscape(r.message ?? '')}">${xmlEscape(r.stack ?? '')}</failure>`);
            else if (r.outcome !== 'PASS') parts.push(`      <error type="${r.outcome}" message="${xmlEscape(r.message ?? '')}">${xmlEscape(r.stack ?? '')}</error>`);
            parts.push('    </testcase>');
        }
        parts.push('  </testsuite>');
    }
    parts.push('</testsuites>');
    return parts.join('\n') + '\n';
}

export function coverageJson(summary: RunSummary): unknown {
    const files: Record<string, { covered: number[]; uncovered: number[]; percent: number }> = {};
    let c = 0;
    let t = 0;
    for (const [file, cov] of summary.coverage ?? []) {
        const total = cov.covered.length + cov.uncovered.length;
        c += cov.covered.length;
        t += total;
        files[file] = { ...cov, percent: total ? Math.round((cov.covered.length / total) * 1000) / 10 : 100 };
    }
    return { total: { covered: c, lines: t, percent: t ? Math.round((c / t) * 1000) / 10 : 100 }, files };
}

/** `apex-runtime bench <dir>`: cold parse time per 1,000 lines and test methods per second, as one JSON line. */
export function bench(dir: string): number {
    const cold = loadProject(dir, null);
    const warm = loadProject(dir, null);
    const summary = runTests(dir, {});
    const passed = summary.results.filter((r) => r.outcome === 'PASS').length;
    const out = {
        lines: cold.lines,
        parseMsPer1000Lines: Math.round((cold.parseMs / cold.lines) * 1000 * 10) / 10,
        warmParseMsPer1000Lines: Math.round((warm.parseMs / warm.lines) * 1000 * 10) / 10,
        testMethods: summary.results.length,
        passed,
        seconds: Math.round(summary.ms) / 1000,
        testMethodsPerSecond: Math.round((summary.results.length / (summary.ms / 1000)) * 10) / 10,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
    return 0;
}

export function main(argv: string[]): number {
    if (argv[0] === 'bench' && argv[1]) return bench(resolve(argv[1]));
    if (argv[0] === 'run' && argv[1] && argv[2]) {
        const r = runAnonymous(resolve(argv[1]), resolve(argv[2]));
        for (const line of r.debug) process.stdout.write(`DEBUG|${line}\n`);
        if (r.error) process.stdout.write(`${r.error}\n`);
        return r.ok ? 0 : 1;
    }
    if (argv[0] !== 'test' || !argv[1]) usage();
    const dir = resolve(argv[1]);
    const filter: string[] = [];
    let junit: string | null = null;
    let coverage: string | null = null;
    let debug = false;
    for (let i = 2; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--filter') filter.push(...(argv[++i] ?? usage()).split(','));
        else if (a === '--junit') junit = argv[++i] ?? usage();
        else if (a === '--coverage') coverage = argv[++i] ?? usage();
        else if (a === '--debug') debug = true;
        else usage();
    }
    let summary: RunSummary;
    try {
        summary = runTests(dir, {
            filter,
            coverage: true,
            debug,
            onResult: (r) => {
                const label = `${r.outcome.padEnd(11)} ${r.className}.${r.methodName} (${r.ms} ms)`;
                process.stdout.write(label + '\n');
                if (r.outcome !== 'PASS') {
                    if (r.message) process.stdout.write(`    ${r.message.replace(/\n/g, '\n    ')}\n`);
                    if (r.stack) process.stdout.write(`    ${r.stack.replace(/\n/g, '\n    ')}\n`);
                }
            },
        });
    } catch (e) {
        if (e instanceof RuntimeSetupError) {
            process.stderr.write(`apex-runtime: ${e.message}\n`);
            process.stdout.write('0 passed, 1 failed\n');
            return 1;
        }
        throw e;
    }
    const passed = summary.results.filter((r) => r.outcome === 'PASS').length;
    const failed = summary.results.length - passed;
    if (summary.coverage) {
        const cov = coverageJson(summary) as { total: { covered: number; lines: number; percent: number }; files: Record<string, { percent: number; covered: number[]; uncovered: number[] }> };
        process.stdout.write('\nCoverage (lines):\n');
        for (const [f, v] of Object.entries(cov.files)) {
            process.stdout.write(`  ${String(v.percent).padStart(5)}%  ${f} (${v.covered.length}/${v.covered.length + v.uncovered.length})\n`);
        }
        process.stdout.write(`  ${String(cov.total.percent).padStart(5)}%  total (${cov.total.covered}/${cov.total.lines})\n`);
        if (coverage) {
            mkdirSync(dirname(resolve(coverage)), { recursive: true });
            writeFileSync(coverage, JSON.stringify(cov, null, 2) + '\n');
        }
    }
    if (junit) {
        mkdirSync(dirname(resolve(junit)), { recursive: true });
        writeFileSync(junit, junitXml(summary));
    }
    const perSec = summary.results.length / (summary.ms / 1000);
    process.stdout.write(
        `\n${summary.results.length} test methods in ${(summary.ms / 1000).toFixed(2)} s (${perSec.toFixed(1)}/s); parsed ${summary.project.lines} lines in ${Math.round(summary.project.parseMs)} ms\n`,
    );
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    return failed > 0 || summary.results.length === 0 ? 1 : 0;
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));
