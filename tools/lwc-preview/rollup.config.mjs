// Bundles the tsc-emitted co-sell LWCs (the same .js that deploys) with the npm lightning-base-components,
// and resolves the platform-only modules to the preview's stubs. Run `npm run build` (which builds the TS first).
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { readLabels } from './server/labels.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const platform = join(here, 'src/platform');

/** Every `lwc/<name>/<name>.js` under force-app, as `c/<name>` module records. */
function componentModules() {
    const modules = [];
    const walk = (dir) => {
        for (const entry of readdirSync(dir)) {
            const full = join(dir, entry);
            if (!statSync(full).isDirectory() || entry === 'node_modules' || entry.startsWith('.')) continue;
            if (entry === 'lwc') {
                for (const bundle of readdirSync(full)) {
                    const js = join(full, bundle, `${bundle}.js`);
                    if (existsSync(join(full, bundle, `${bundle}.ts`)) && !existsSync(js)) {
                        throw new Error(`${js} is missing: run the TypeScript build (npm run build at the root) first`);
                    }
                    if (existsSync(js)) modules.push({ name: `c/${bundle}`, path: js });
                }
            } else {
                walk(full);
            }
        }
    };
    walk(join(repoRoot, 'force-app'));
    return modules;
}

/** Resolves the modules that exist only on the Salesforce platform. Must run before the lwc plugin. */
function platformStubs() {
    const labels = readLabels(join(repoRoot, 'force-app/main/ui/labels/CustomLabels.labels-meta.xml'));
    const files = {
        '@salesforce/apex': join(platform, 'apex.js'),
        'lightning/uiRecordApi': join(platform, 'uiRecordApi.js'),
        'lightning/uiObjectInfoApi': join(platform, 'uiObjectInfoApi.js'),
        'lightning/empApi': join(platform, 'empApi.js'),
        'lightning/platformShowToastEvent': join(platform, 'showToastEvent.js'),
        'lightning/navigation': join(platform, 'navigation.js'),
        '@salesforce/gate/bc.260.enableComboboxElementInternals': join(platform, 'closedGate.js')
    };
    return {
        name: 'cosell-platform-stubs',
        resolveId(source) {
            if (files[source]) return files[source];
            if (source === '@salesforce/i18n/locale') {
                // LBC's own i18n stubs are scoped to LBC; components outside it get the browser's locale.
                return '\0cosell:@salesforce/i18n/locale';
            }
            if (
                source.startsWith('@salesforce/apex/') ||
                source.startsWith('@salesforce/schema/') ||
                source.startsWith('@salesforce/label/c.')
            ) {
                return `\0cosell:${source}`;
            }
            return null;
        },
        load(id) {
            if (!id.startsWith('\0cosell:')) return null;
            const source = id.slice('\0cosell:'.length);
            if (source.startsWith('@salesforce/apex/')) {
                const name = source.slice('@salesforce/apex/'.length);
                return `import { makeApexMethod } from ${JSON.stringify(join(platform, 'transport.js'))};\n` +
                    `export default makeApexMethod(${JSON.stringify(name)});\n`;
            }
            if (source === '@salesforce/i18n/locale') {
                return "export default (typeof navigator !== 'undefined' && navigator.language) || 'en-US';\n";
            }
            if (source.startsWith('@salesforce/schema/')) {
                const [objectApiName, ...rest] = source.slice('@salesforce/schema/'.length).split('.');
                return `export default ${JSON.stringify({ objectApiName, fieldApiName: rest.join('.') })};\n`;
            }
            const name = source.slice('@salesforce/label/c.'.length);
            if (!(name in labels)) {
                // Fail the build loudly: the org would reject a component that imports a missing label.
                this.error(`Custom label ${name} is not defined in CustomLabels.labels-meta.xml`);
            }
            return `export default ${JSON.stringify(labels[name])};\n`;
        }
    };
}

export default {
    input: join(here, 'src/main.js'),
    output: { file: join(here, 'dist/preview.js'), format: 'iife', inlineDynamicImports: true, sourcemap: false },
    onwarn(warning, warn) {
        if (warning.code === 'CIRCULAR_DEPENDENCY') return;
        // An unresolved import would become a global lookup that fails only in the browser: fail the build instead.
        if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'MISSING_GLOBAL_NAME') {
            throw new Error(`Unresolved import in the preview bundle: ${warning.message}`);
        }
        warn(warning);
    },
    plugins: [
        // Fix 1 from the toolchain notes: LBC reads Vite/LWR build-time values.
        replace({
            preventAssignment: true,
            values: { 'import.meta.env.SSR': 'false', 'process.env.NODE_ENV': JSON.stringify('development') }
        }),
        platformStubs(),
        lwc({
            rootDir: repoRoot,
            modules: [...componentModules(), { npm: 'lightning-base-components' }]
        })
    ]
};
