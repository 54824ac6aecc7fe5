// Semantic compile check of every Apex class and trigger with apex-ls `CheckForIssues`.
// The apex-ls jar ships inside @salesforce/code-analyzer-pmd-engine (pinned in package.json). If that internal
// folder moves in a new version, this script fails loudly instead of silently checking nothing.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const EXPECTED_JAR = /^apex-ls_2\.13-6\.0\.2\.jar$/;

export function findJavaLib() {
    const enginePackage = require.resolve('@salesforce/code-analyzer-pmd-engine/package.json');
    const javaLib = join(dirname(enginePackage), 'dist', 'java-lib');
    if (!existsSync(javaLib) || !readdirSync(javaLib).some((f) => EXPECTED_JAR.test(f))) {
        throw new Error(
            `apex-ls jar not found in ${javaLib}: @salesforce/code-analyzer-pmd-engine changed its layout. ` +
                'Pin the version in package.json or update apex-ls-check.mjs.'
        );
    }
    return javaLib;
}

/** Runs CheckForIssues on an sfdx workspace; returns { ok, output }. */
export function checkWorkspace(workspace) {
    const javaLib = findJavaLib();
    const result = spawnSync(
        'java',
        ['-cp', `${javaLib}/*`, 'io.github.apexdevtools.apexls.CheckForIssues', '-n', '-w', resolve(workspace)],
        { encoding: 'utf8' }
    );
    if (result.error) throw new Error(`could not start java (apex-ls needs Java 11+ on PATH): ${result.error.message}`);
    const output = `${result.stdout}${result.stderr}`.trim();
    // Exit code 4 means "issues reported"; anything else non-zero is a crash, which must not pass either.
    return { ok: result.status === 0, status: result.status, output };
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const workspace = process.argv[2] ?? '.';
    const { ok, status, output } = checkWorkspace(workspace);
    if (output) console.log(output);
    console.log(ok ? 'apex-ls: no issues' : `apex-ls: issues found (exit ${status})`);
    process.exit(ok ? 0 : 1);
}
