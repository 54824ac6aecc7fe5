// Writes one `c/<bundle>` entry per TypeScript LWC into tsconfig.json's compilerOptions.paths.
// TypeScript allows a single `*` per path pattern, so `c/*` cannot map to `lwc/<name>/<name>.ts` (TS5062);
// this is what the VS Code extension does in .sfdx/tsconfig.sfdx.json, made available to CI.
import { readFileSync, writeFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as prettier from 'prettier';

const root = new URL('..', import.meta.url).pathname;
const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8'));

function findLwcFolders(dir) {
    const found = [];
    for (const entry of readdirSync(dir)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        const full = join(dir, entry);
        if (!statSync(full).isDirectory()) continue;
        if (entry === 'lwc') found.push(full);
        else found.push(...findLwcFolders(full));
    }
    return found;
}

const paths = {};
for (const pkgDir of project.packageDirectories.map((p) => join(root, p.path))) {
    if (!existsSync(pkgDir)) continue;
    for (const lwcDir of findLwcFolders(pkgDir)) {
        for (const bundle of readdirSync(lwcDir).sort()) {
            const source = join(lwcDir, bundle, `${bundle}.ts`);
            if (existsSync(source)) paths[`c/${bundle}`] = ['./' + relative(root, source)];
        }
    }
}

const tsconfigPath = join(root, 'tsconfig.json');
const tsconfig = JSON.parse(readFileSync(tsconfigPath, 'utf8'));
if (JSON.stringify(tsconfig.compilerOptions.paths) !== JSON.stringify(paths)) {
    tsconfig.compilerOptions.paths = paths;
    // Formatted like every other JSON file, so that the format check stays green after a new bundle appears.
    const options = (await prettier.resolveConfig(tsconfigPath)) ?? {};
    writeFileSync(
        tsconfigPath,
        await prettier.format(JSON.stringify(tsconfig), { ...options, filepath: tsconfigPath })
    );
    console.log(`lwc-paths: ${Object.keys(paths).length} bundle path(s) written to tsconfig.json`);
}
