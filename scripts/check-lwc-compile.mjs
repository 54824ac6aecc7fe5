// After `npm run build`: compiles every LWC bundle's emitted .js, .html and .css with the LWC compiler, the cheap
// local stand-in for the platform compiler. Catches what tsc cannot see: decorators rewritten into helper calls
// (LWC1104), a bundle missing its .js (which the CLI would only report at deploy time), template errors.
import { transformSync } from '@lwc/compiler';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8'));
const lwcFolders = [];
const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
        const full = join(dir, entry);
        if (!statSync(full).isDirectory() || entry === 'node_modules') continue;
        if (entry === 'lwc') lwcFolders.push(full);
        else walk(full);
    }
};
for (const p of project.packageDirectories) if (existsSync(join(root, p.path))) walk(join(root, p.path));

const problems = [];
let bundles = 0;
for (const folder of lwcFolders) {
    for (const name of readdirSync(folder)) {
        const bundle = join(folder, name);
        if (!statSync(bundle).isDirectory()) continue;
        bundles++;
        const js = join(bundle, `${name}.js`);
        if (!existsSync(js)) {
            problems.push(
                `${relative(root, bundle)}: no ${name}.js (run npm run build; a bundle without its .js fails at deploy)`
            );
            continue;
        }
        for (const file of readdirSync(bundle).filter((f) => /\.(js|html|css)$/.test(f))) {
            try {
                transformSync(readFileSync(join(bundle, file), 'utf8'), file, { name, namespace: 'c' });
            } catch (error) {
                problems.push(`${relative(root, join(bundle, file))}: ${error.message}`);
            }
        }
    }
}
for (const p of problems) console.log(p);
console.log(`check-lwc-compile: ${bundles} bundle(s), ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
