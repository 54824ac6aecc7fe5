// `npm test`: everything that proves the project, in order, with a readable summary at the end.
// Every step runs even when an earlier one fails, so one run shows every problem; the exit code is non-zero if any
// step failed. Steps are listed here explicitly: a suite is part of `npm test` because it is named below.
import { spawnSync } from 'node:child_process';

const STEPS = [
    { name: 'TypeScript type check (LWC)', cmd: 'npm run --silent typecheck' },
    { name: 'ESLint', cmd: 'npm run --silent lint' },
    { name: 'Prettier format check', cmd: 'npm run --silent format:check' },
    { name: 'LWC build + compile check', cmd: 'npm run --silent build && npm run --silent check:lwc-compile' },
    { name: 'Static Apex gate (verify:apex)', cmd: 'npm run --silent verify:apex' },
    { name: 'Static gate catches planted faults', cmd: 'npm run --silent test:gate' },
    { name: 'Metadata and security-checklist tests', cmd: 'npm run --silent test:metadata' },
    { name: 'Apex runtime conformance tests', cmd: 'npm test --silent -w tools/apex-runtime' },
    { name: 'Partner Center emulator tests', cmd: 'npm test --silent -w tools/partner-center-emulator' },
    { name: 'Package Apex tests on the local runtime', cmd: 'npm run --silent test:apex' },
    { name: 'End-to-end sync with the Partner Center emulator', cmd: 'npm run --silent test:e2e' },
    { name: 'Jest (TypeScript sources)', cmd: 'npx sfdx-lwc-jest --silent' },
    { name: 'Jest (deployed JavaScript)', cmd: 'npx sfdx-lwc-jest --silent -- --config jest.compiled.config.js' },
    // The LWC build step above already emitted the .js; bundle it with the real base components and drive Chromium.
    {
        name: 'LWC browser tests (headless Chromium)',
        cmd: 'npm run --silent bundle -w tools/lwc-preview && npm run --silent test:browser -w tools/lwc-preview'
    }
];

const only = process.argv.slice(2);
const results = [];
for (const step of STEPS) {
    if (only.length && !only.some((o) => step.name.toLowerCase().includes(o.toLowerCase()))) continue;
    console.log(`\n\u25b6 ${step.name}\n  $ ${step.cmd}`);
    const started = Date.now();
    const run = spawnSync(step.cmd, { shell: true, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
    results.push({ ...step, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
}

const width = Math.max(...results.map((r) => r.name.length));
console.log('\n\u2500\u2500 npm test summary \u2500\u2500');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(width)}  ${r.seconds.toFixed(1)} s`);
const failed = results.filter((r) => !r.ok);
const total = results.reduce((sum, r) => sum + r.seconds, 0);
console.log(
    failed.length
        ? `\n${failed.length} of ${results.length} steps FAILED (${total.toFixed(0)} s)`
        : `\nall ${results.length} steps passed (${total.toFixed(0)} s)`
);
process.exit(failed.length ? 1 : 0);
