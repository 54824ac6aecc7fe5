// Proves that each layer of the static Apex gate rejects the fault it exists for, on small fixture projects built
// in a temporary folder: a clean base project passes every layer, and each test plants exactly one fault.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkWorkspace } from '../apex-ls-check.mjs';
import { checkProject } from '../metadata-check.mjs';
import { scan } from '../code-analyzer-run.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;
const FIELD = (name, type, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>${name}</label>
    <type>${type}</type>
${extra}</CustomField>
`;
const CLEAN_SERVICE = `public with sharing class CoSellProbeService {
    public static List<Opportunity> findShared(Set<Id> opportunityIds) {
        return [
            SELECT Id, Name, CoSellReferralId__c, Account.Name
            FROM Opportunity
            WHERE Id IN :opportunityIds AND CoSellReferralId__c != NULL
            WITH USER_MODE
            ORDER BY Name
        ];
    }

    public static String referralIdOf(Opportunity opp) {
        return opp.CoSellReferralId__c;
    }
}
`;

// Fixture projects live inside the repository (in the git-ignored test-output/) so that prettier resolves its plugins.
const scratch = join(repoRoot, 'test-output', 'apex-gate');
let base;
before(() => {
    mkdirSync(scratch, { recursive: true });
    base = mkdtempSync(join(scratch, 'base-'));
    const objects = join(base, 'force-app', 'main', 'objects', 'Opportunity', 'fields');
    mkdirSync(objects, { recursive: true });
    mkdirSync(join(base, 'force-app', 'main', 'classes'), { recursive: true });
    writeFileSync(
        join(base, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '67.0' })
    );
    writeFileSync(
        join(objects, 'CoSellReferralId__c.field-meta.xml'),
        FIELD(
            'CoSellReferralId__c',
            'Text',
            '    <length>64</length>\n    <externalId>true</externalId>\n    <unique>true</unique>\n'
        )
    );
    writeClass(base, 'CoSellProbeService', CLEAN_SERVICE);
});

after(() => rmSync(base, { recursive: true, force: true }));

function writeClass(project, name, body) {
    writeFileSync(join(project, 'force-app', 'main', 'classes', `${name}.cls`), body);
    writeFileSync(join(project, 'force-app', 'main', 'classes', `${name}.cls-meta.xml`), CLASS_META);
}

/** A copy of the clean base project with one planted fault. */
function projectWith(plant) {
    const dir = mkdtempSync(join(scratch, 'case-'));
    cpSync(base, dir, { recursive: true });
    plant(dir);
    return dir;
}

function prettierCheck(project) {
    const result = spawnSync(
        process.execPath,
        [
            join(repoRoot, 'node_modules', 'prettier', 'bin', 'prettier.cjs'),
            '--config',
            join(repoRoot, '.prettierrc'),
            '--check',
            'force-app/**/*.cls'
        ],
        { cwd: project, encoding: 'utf8' }
    );
    return { ok: result.status === 0, output: result.stdout + result.stderr };
}

test('the clean base project passes every layer', async () => {
    assert.equal(prettierCheck(base).ok, true, prettierCheck(base).output);
    const semantic = checkWorkspace(base);
    assert.equal(semantic.ok, true, semantic.output);
    assert.deepEqual(checkProject(base), []);
    const { violations } = await scan(base);
    assert.deepEqual(violations, []);
});

test('the format layer rejects an unformatted class', () => {
    const project = projectWith((dir) =>
        writeClass(
            dir,
            'CoSellProbeService',
            CLEAN_SERVICE.replace('    public static String', 'public   static String')
        )
    );
    const result = prettierCheck(project);
    assert.equal(result.ok, false);
    assert.match(result.output, /CoSellProbeService\.cls/);
    rmSync(project, { recursive: true });
});

test('the format layer rejects an Apex syntax error', () => {
    const project = projectWith((dir) =>
        writeClass(
            dir,
            'CoSellProbeService',
            CLEAN_SERVICE.replace('return opp.CoSellReferralId__c;', 'return opp.CoSellReferralId__c')
        )
    );
    const result = prettierCheck(project);
    assert.equal(result.ok, false);
    rmSync(project, { recursive: true });
});

test('the semantic layer (apex-ls) rejects an unknown method', () => {
    const project = projectWith((dir) =>
        writeClass(
            dir,
            'CoSellProbeCaller',
            'public with sharing class CoSellProbeCaller {\n    public static void run() {\n        CoSellProbeService.doesNotExist();\n    }\n}\n'
        )
    );
    const result = checkWorkspace(project);
    assert.equal(result.ok, false);
    assert.match(result.output, /No matching method found for 'doesNotExist'/);
    rmSync(project, { recursive: true });
});

test('the metadata layer rejects an unknown custom field read through a variable', () => {
    const project = projectWith((dir) =>
        writeClass(
            dir,
            'CoSellProbeService',
            CLEAN_SERVICE.replace('return opp.CoSellReferralId__c;', 'return opp.CoSellNoSuchField__c;')
        )
    );
    const problems = checkProject(project);
    assert.ok(
        problems.some((p) => /CoSellNoSuchField__c/.test(p)),
        problems.join('\n')
    );
    rmSync(project, { recursive: true });
});

test('the metadata layer rejects a custom field that exists elsewhere but not on the object read', () => {
    const project = projectWith((dir) => {
        const accountFields = join(dir, 'force-app', 'main', 'objects', 'Account', 'fields');
        mkdirSync(accountFields, { recursive: true });
        writeFileSync(
            join(accountFields, 'CoSellTier__c.field-meta.xml'),
            FIELD('CoSellTier__c', 'Text', '    <length>10</length>\n')
        );
        writeClass(
            dir,
            'CoSellProbeService',
            CLEAN_SERVICE.replace('return opp.CoSellReferralId__c;', 'return opp.CoSellTier__c;')
        );
    });
    const problems = checkProject(project);
    assert.ok(
        problems.some((p) => /unknown field 'CoSellTier__c' on Opportunity/.test(p)),
        problems.join('\n')
    );
    rmSync(project, { recursive: true });
});

test('the metadata layer rejects an unknown standard field', () => {
    const project = projectWith((dir) =>
        writeClass(
            dir,
            'CoSellProbeService',
            CLEAN_SERVICE.replace('return opp.CoSellReferralId__c;', 'return opp.NoSuchStandardField;')
        )
    );
    const problems = checkProject(project);
    assert.ok(
        problems.some((p) => /unknown field 'NoSuchStandardField' on Opportunity/.test(p)),
        problems.join('\n')
    );
    rmSync(project, { recursive: true });
});

test('the metadata layer rejects an unknown field in a SOQL select list and in a WHERE clause', () => {
    const select = projectWith((dir) =>
        writeClass(
            dir,
            'CoSellProbeService',
            CLEAN_SERVICE.replace('SELECT Id, Name,', 'SELECT Id, Name, Bogus_Field__c,')
        )
    );
    assert.ok(checkProject(select).some((p) => /SOQL on Opportunity: unknown field 'Bogus_Field__c'/.test(p)));
    const where = projectWith((dir) =>
        writeClass(dir, 'CoSellProbeService', CLEAN_SERVICE.replace('WHERE Id IN', 'WHERE NextStepz = NULL AND Id IN'))
    );
    assert.ok(checkProject(where).some((p) => /SOQL on Opportunity: unknown field 'NextStepz'/.test(p)));
    const parent = projectWith((dir) =>
        writeClass(dir, 'CoSellProbeService', CLEAN_SERVICE.replace('Account.Name', 'Account.Nam'))
    );
    assert.ok(checkProject(parent).some((p) => /unknown field 'Nam' on Account/.test(p)));
    for (const dir of [select, where, parent]) rmSync(dir, { recursive: true });
});

test('the metadata layer rejects malformed XML and a class without its -meta.xml', () => {
    const project = projectWith((dir) => {
        writeFileSync(
            join(dir, 'force-app', 'main', 'objects', 'Opportunity', 'fields', 'CoSellBroken__c.field-meta.xml'),
            '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Broken\n</CustomField>\n'
        );
        writeFileSync(
            join(dir, 'force-app', 'main', 'classes', 'NoMeta.cls'),
            'public with sharing class NoMeta {\n}\n'
        );
    });
    const problems = checkProject(project);
    assert.ok(
        problems.some((p) => /CoSellBroken__c\.field-meta\.xml:\d+: malformed XML/.test(p)),
        problems.join('\n')
    );
    assert.ok(
        problems.some((p) => /NoMeta\.cls: missing NoMeta\.cls-meta\.xml/.test(p)),
        problems.join('\n')
    );
    rmSync(project, { recursive: true });
});

test('the security layer (Code Analyzer PMD) rejects a SOQL-injection pattern', async () => {
    const project = projectWith((dir) =>
        writeClass(
            dir,
            'CoSellProbeSearch',
            "public with sharing class CoSellProbeSearch {\n    public static List<Opportunity> search(String name) {\n        return Database.query('SELECT Id FROM Opportunity WHERE Name = \\'' + name + '\\'');\n    }\n}\n"
        )
    );
    const { violations } = await scan(project);
    assert.ok(
        violations.some((v) => v.rule === 'pmd:ApexSOQLInjection'),
        JSON.stringify(violations)
    );
    rmSync(project, { recursive: true });
});
