// Runs the Salesforce CLI from tools/sf, where it is installed next to the npm package `node@22` (the CLI needs
// Node >= 22 and the project runs on Node 20). `npm exec` puts tools/sf/node_modules/.bin, which holds that node,
// first on PATH, so `sf` runs on Node 22. Usage: npm run sf -- <sf arguments>
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cliDir = join(root, 'tools', 'sf');
if (!existsSync(join(cliDir, 'node_modules', '.bin', 'sf'))) {
    console.error('The Salesforce CLI is not installed: run `npm run sf:install` first (about 30 s, 480 MB).');
    process.exit(1);
}
const result = spawnSync('npm', ['--prefix', cliDir, 'exec', '--', 'sf', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: {
        ...process.env,
        SF_DISABLE_TELEMETRY: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true'
    }
});
process.exit(result.status ?? 1);
