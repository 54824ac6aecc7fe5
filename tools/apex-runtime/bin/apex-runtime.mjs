#!/usr/bin/env node
// Launcher: runs src/cli.ts through tsx's ESM loader, so `npx apex-runtime test <dir>` works without a build step.
// Apex allows 1,000 nested calls; the interpreter needs a larger V8 stack than the default for that, so the
// launcher re-executes itself once with --stack-size (kept below the usual 8 MB thread stack).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.some((a) => a.startsWith('--stack-size'))) {
    const r = spawnSync(process.execPath, ['--stack-size=6000', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli.ts');
process.exitCode = main(process.argv.slice(2));
