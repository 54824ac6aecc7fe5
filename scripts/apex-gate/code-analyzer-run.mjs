// Security and AppExchange scan with the Code Analyzer v5 engines (PMD + regex), driven through
// @salesforce/code-analyzer-core. The PMD jars ship inside the npm packages: nothing is downloaded at run time.
// Gate: zero violations of the selected rules. Suppressions live in code (`@SuppressWarnings('PMD.Rule')`) or in
// code-analyzer.yml, each with a written reason next to it.
import { CodeAnalyzer, CodeAnalyzerConfig } from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as regexEngine from '@salesforce/code-analyzer-regex-engine';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** Every Security and AppExchange rule, plus the Recommended rules of severity 1-2 (Critical, High). Design-size rules (complexity, parameter counts) are advisory: run `npm run apex:scan -- Recommended` to see them. */
export const DEFAULT_SELECTORS = ['pmd:(Security,AppExchange)', 'pmd:Recommended:(1,2)', 'regex:Security'];

export async function scan(projectDir, { selectors = DEFAULT_SELECTORS, targets } = {}) {
    const root = resolve(projectDir);
    const configFile = join(root, 'code-analyzer.yml');
    const config = existsSync(configFile)
        ? CodeAnalyzerConfig.fromYamlString(readFileSync(configFile, 'utf8'), root)
        : CodeAnalyzerConfig.withDefaults();
    const analyzer = new CodeAnalyzer(config);
    await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
    await analyzer.addEnginePlugin(regexEngine.createEnginePlugin());
    const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8'));
    const packageDirs = [...new Set(project.packageDirectories.map((p) => join(root, p.path)))].filter(existsSync);
    // sfdx-project.json anchors the workspace root at the project root, so that the relative paths of the
    // suppressions in code-analyzer.yml resolve the same whether or not every package directory exists.
    const workspace = await analyzer.createWorkspace(
        [join(root, 'sfdx-project.json'), ...packageDirs],
        targets ?? packageDirs
    );
    const rules = await analyzer.selectRules(selectors, { workspace });
    const results = await analyzer.run(rules, { workspace });
    const errors = results
        .getEngineNames()
        .map((name) => results.getEngineRunResults(name))
        .filter((r) => typeof r.getError === 'function' && r.getError());
    const violations = results.getViolations().map((v) => {
        const location = v.getPrimaryLocation();
        return {
            rule: `${v.getRule().getEngineName()}:${v.getRule().getName()}`,
            severity: v.getRule().getSeverityLevel(),
            file: location.getFile() ? relative(root, location.getFile()) : '(project)',
            line: location.getStartLine() ?? 0,
            message: v.getMessage().trim()
        };
    });
    return { ruleCount: rules.getCount(), violations, engineErrors: errors.map((e) => String(e.getError())) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const projectDir = process.argv[2] ?? '.';
    const selectors = process.argv.length > 3 ? process.argv.slice(3) : DEFAULT_SELECTORS;
    const { ruleCount, violations, engineErrors } = await scan(projectDir, { selectors });
    for (const v of violations) console.log(`${v.file}:${v.line}: [${v.rule} sev ${v.severity}] ${v.message}`);
    for (const e of engineErrors) console.log(`engine error: ${e}`);
    console.log(`code-analyzer: ${ruleCount} rules, ${violations.length} violation(s)`);
    process.exit(violations.length || engineErrors.length ? 1 : 0);
}
