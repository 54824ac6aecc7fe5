// Metadata and field-reference check: closes apex-ls's blind spots (unknown fields in SOQL, and unknown fields on
// standard objects that the project extends). Checks, for every package directory of an sfdx project:
//   1. every *.xml file is well-formed;
//   2. every .cls / .trigger has its -meta.xml;
//   3. every custom name (X__c, X__r, X__e, X__mdt) used in Apex is defined in the project's metadata;
//   4. every field read in static SOQL (select list, sub-selects, WHERE, ORDER BY, GROUP BY) exists on its object;
//   5. every field used through an SObject-typed variable (`opp.Field`, `opp.get('Field')`, `opp.put('Field', v)`),
//      an SObject constructor (`new Opportunity(Field = v)`) or a field token (`Opportunity.Field`) exists.
// Standard fields are known only through the declared list in standard-fields.json: adding a standard field to the
// code means declaring it there, which keeps the list of platform fields we depend on explicit and reviewable.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, basename } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const STANDARD_FIELDS_FILE = new URL('./standard-fields.json', import.meta.url);

function walk(dir, out = []) {
    for (const entry of readdirSync(dir)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        const full = join(dir, entry);
        if (statSync(full).isDirectory()) walk(full, out);
        else out.push(full);
    }
    return out;
}

/** Lower-cased object name -> { name, fields: Map<lower field, {name, referenceTo, relationshipName}> } */
function buildSchema(files, standard) {
    const objects = new Map();
    const childRelationships = new Map(); // lower parent object -> Map<lower relationship name, child object name>
    const ensure = (name) => {
        const key = name.toLowerCase();
        if (!objects.has(key)) objects.set(key, { name, fields: new Map() });
        return objects.get(key);
    };
    const addChild = (parent, relationship, child) => {
        const key = parent.toLowerCase();
        if (!childRelationships.has(key)) childRelationships.set(key, new Map());
        childRelationships.get(key).set(relationship.toLowerCase(), child);
    };
    for (const [objectName, def] of Object.entries(standard.objects)) {
        const object = ensure(objectName);
        for (const field of def.fields) object.fields.set(field.toLowerCase(), { name: field });
        for (const [relationship, target] of Object.entries(def.relationships ?? {})) {
            object.fields.set(relationship.toLowerCase(), { name: relationship, relationshipTo: target });
        }
        for (const [relationship, child] of Object.entries(def.childRelationships ?? {}))
            addChild(objectName, relationship, child);
    }
    const parser = new XMLParser({ ignoreAttributes: true });
    for (const file of files) {
        const objectMatch = /[\\/]objects[\\/]([^\\/]+)[\\/]/.exec(file);
        if (!objectMatch) continue;
        const object = ensure(objectMatch[1]);
        for (const field of systemFieldsFor(object.name)) {
            if (!object.fields.has(field.toLowerCase())) object.fields.set(field.toLowerCase(), { name: field });
        }
        for (const relationship of ['CreatedBy', 'LastModifiedBy', 'Owner']) {
            if (!object.fields.has(relationship.toLowerCase())) {
                object.fields.set(relationship.toLowerCase(), { name: relationship, relationshipTo: 'User' });
            }
        }
        if (file.endsWith('.object-meta.xml')) continue;
        if (!file.endsWith('.field-meta.xml')) continue;
        const field = parser.parse(readFileSync(file, 'utf8')).CustomField ?? {};
        const name = field.fullName ?? basename(file).replace('.field-meta.xml', '');
        object.fields.set(name.toLowerCase(), { name });
        if (field.referenceTo && ['Lookup', 'MasterDetail', 'MetadataRelationship'].includes(field.type)) {
            const relationship = name.replace(/__c$/i, '__r');
            object.fields.set(relationship.toLowerCase(), { name: relationship, relationshipTo: field.referenceTo });
            if (field.relationshipName) addChild(field.referenceTo, `${field.relationshipName}__r`, object.name);
        }
    }
    return { objects, childRelationships };
}

/** System fields every object of a kind has (custom objects, custom metadata, platform events, settings). */
function systemFieldsFor(objectName) {
    const audit = ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];
    if (/__mdt$/i.test(objectName))
        return ['Id', 'DeveloperName', 'MasterLabel', 'Label', 'QualifiedApiName', 'NamespacePrefix', 'Language'];
    if (/__e$/i.test(objectName)) return ['ReplayId', 'EventUuid', 'CreatedDate', 'CreatedById'];
    if (/__c$/i.test(objectName))
        return [...audit, 'Name', 'OwnerId', 'IsDeleted', 'SetupOwnerId', 'LastViewedDate', 'LastReferencedDate'];
    return [];
}

const SOQL_KEYWORDS = new Set(
    `select from where and or not in like includes excludes null true false order by asc desc nulls first last limit
    offset group having with user_mode system_mode security_enforced for update view reference using scope
    tracking viewstat all rows typeof when then else end cube rollup data category at above below above_or_below`
        .split(/\s+/)
        .filter(Boolean)
);
const DATE_LITERAL =
    /^(yesterday|today|tomorrow|(last|this|next)_(week|month|quarter|year|fiscal_quarter|fiscal_year|90_days)|(last|next)_n_(days|weeks|months|quarters|years|fiscal_quarters|fiscal_years)|n_(days|weeks|months|quarters|years)_ago)$/i;

/** Removes comments and string literals so that tokens inside them are ignored. Keeps offsets and newlines. */
function blankCommentsAndStrings(source) {
    let out = '';
    let i = 0;
    while (i < source.length) {
        const two = source.slice(i, i + 2);
        if (two === '//') {
            while (i < source.length && source[i] !== '\n') ((out += ' '), i++);
        } else if (two === '/*') {
            while (i < source.length && source.slice(i, i + 2) !== '*/')
                ((out += source[i] === '\n' ? '\n' : ' '), i++);
            out += '  ';
            i += 2;
        } else if (source[i] === "'") {
            out += "'";
            i++;
            while (i < source.length && source[i] !== "'") {
                if (source[i] === '\\') ((out += '_'), i++);
                out += source[i] === '\n' ? '\n' : '_';
                i++;
            }
            out += "'";
            i++;
        } else {
            out += source[i];
            i++;
        }
    }
    return out;
}

function lineOf(source, offset) {
    return source.slice(0, offset).split('\n').length;
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text) {
    const parts = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')') depth--;
        else if (text[i] === ',' && depth === 0) {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(text.slice(start));
    return parts.map((p) => p.trim()).filter(Boolean);
}

/** Finds the index of the keyword at parenthesis depth 0, or -1. */
function topLevelKeyword(text, regex) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')') depth--;
        else if (depth === 0) {
            const m = regex.exec(text.slice(i));
            if (m && m.index === 0 && (i === 0 || /\s/.test(text[i - 1]))) return i;
        }
    }
    return -1;
}

export function checkProject(projectDir) {
    const problems = [];
    const project = JSON.parse(readFileSync(join(projectDir, 'sfdx-project.json'), 'utf8'));
    const files = project.packageDirectories
        .map((p) => resolve(projectDir, p.path))
        .filter((dir, i, all) => existsSync(dir) && all.indexOf(dir) === i)
        .flatMap((dir) => walk(dir));
    const rel = (file) => relative(projectDir, file);

    // 1. Well-formed XML.
    for (const file of files.filter((f) => f.endsWith('.xml'))) {
        const verdict = XMLValidator.validate(readFileSync(file, 'utf8'));
        if (verdict !== true) {
            problems.push(`${rel(file)}:${verdict.err.line}: malformed XML: ${verdict.err.msg}`);
        }
    }
    // 2. Every Apex file has its -meta.xml.
    const apexFiles = files.filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'));
    for (const file of apexFiles) {
        if (!existsSync(`${file}-meta.xml`)) problems.push(`${rel(file)}: missing ${basename(file)}-meta.xml`);
    }

    const standard = JSON.parse(readFileSync(STANDARD_FIELDS_FILE, 'utf8'));
    let schema;
    try {
        schema = buildSchema(
            files.filter((f) => f.endsWith('.xml') && XMLValidator.validate(readFileSync(f, 'utf8')) === true),
            standard
        );
    } catch (error) {
        problems.push(`could not read object metadata: ${error.message}`);
        return problems;
    }
    const customNames = new Set();
    for (const file of files) {
        const objectMatch = /[\\/]objects[\\/]([^\\/]+)[\\/]/.exec(file);
        if (objectMatch) customNames.add(objectMatch[1].toLowerCase());
    }
    for (const object of schema.objects.values()) {
        for (const field of object.fields.values()) customNames.add(field.name.toLowerCase());
    }
    // Child relationship names (e.g. Solutions__r) are custom names too.
    for (const children of schema.childRelationships.values())
        for (const name of children.keys()) customNames.add(name);

    const objectOf = (name) => schema.objects.get(name.toLowerCase());

    /** Resolves a dotted field path on an object. Returns an error message or null. */
    function checkPath(objectName, path) {
        let object = objectOf(objectName);
        if (!object) return `unknown object '${objectName}'`;
        const parts = path.split('.');
        for (let i = 0; i < parts.length; i++) {
            const field = object.fields.get(parts[i].toLowerCase());
            if (!field) {
                return (
                    `unknown field '${parts[i]}' on ${object.name}` +
                    (parts[i].toLowerCase().endsWith('__c') || parts[i].toLowerCase().endsWith('__r')
                        ? ''
                        : ' (declare standard fields in scripts/apex-gate/standard-fields.json)')
                );
            }
            if (i < parts.length - 1) {
                if (!field.relationshipTo) return `'${parts[i]}' on ${object.name} is not a relationship`;
                const targets = Array.isArray(field.relationshipTo) ? field.relationshipTo : [field.relationshipTo];
                // Polymorphic relationships (Owner, What, Who) may point at several objects: accept the first that has the field.
                const remaining = parts.slice(i + 1).join('.');
                const errors = targets.map((t) => checkPath(t, remaining));
                return errors.includes(null) ? null : errors[0];
            }
        }
        return null;
    }

    function checkSoql(query, file, line) {
        const text = query.replace(/\s+/g, ' ').trim();
        const fromAt = topLevelKeyword(text, /^from\s/i);
        if (!/^select\s/i.test(text) || fromAt < 0) return;
        const selectList = text.slice(7, fromAt);
        const afterFrom = text.slice(fromAt + 5).trim();
        const objectName = /^([A-Za-z_][\w]*)/.exec(afterFrom)?.[1];
        if (!objectName) return;
        if (!objectOf(objectName)) {
            problems.push(`${rel(file)}:${line}: SOQL: unknown object '${objectName}'`);
            return;
        }
        const report = (message) => problems.push(`${rel(file)}:${line}: SOQL on ${objectName}: ${message}`);
        const checkField = (obj, path) => {
            const error = checkPath(obj, path);
            if (error) report(error);
        };
        for (const item of splitTopLevel(selectList)) {
            const sub = /^\(\s*select\s+([\s\S]*)\)$/i.exec(item);
            if (sub) {
                const inner = `select ${sub[1]}`;
                const innerFrom = topLevelKeyword(inner, /^from\s/i);
                const relationship = /^from\s+([A-Za-z_]\w*)/i.exec(inner.slice(innerFrom))?.[1];
                const child = schema.childRelationships.get(objectName.toLowerCase())?.get(relationship?.toLowerCase());
                if (!child) report(`unknown child relationship '${relationship}'`);
                else
                    checkSoql(
                        `select ${inner.slice(7, innerFrom)} from ${child} ${inner
                            .slice(innerFrom + 5)
                            .trim()
                            .replace(/^\w+/, '')}`,
                        file,
                        line
                    );
                continue;
            }
            if (/^typeof\s/i.test(item)) continue;
            for (const path of fieldPaths(item)) checkField(objectName, path);
        }
        const rest = afterFrom.slice(objectName.length);
        // Sub-selects in WHERE (`Id IN (SELECT X FROM Y)`) are checked as queries of their own.
        const withoutSubqueries = rest.replace(/\(\s*select\s[^()]*(\([^()]*\)[^()]*)*\)/gi, (sub) => {
            checkSoql(sub.slice(1, -1), file, line);
            return '()';
        });
        for (const path of fieldPaths(withoutSubqueries)) checkField(objectName, path);
    }

    /** Field paths in a SOQL fragment: identifiers that are not keywords, binds, functions, aliases or literals. */
    function fieldPaths(fragment) {
        const paths = [];
        const tokens = fragment.match(/'(?:\\.|[^'])*'|:\s*[\w.()]+|[A-Za-z_][\w.]*\s*\(?|\d[\w.:-]*|\S/g) ?? [];
        for (let i = 0; i < tokens.length; i++) {
            const token = tokens[i];
            if (token.startsWith("'") || token.startsWith(':') || /^\d/.test(token)) continue;
            if (/\($/.test(token)) continue; // function name: COUNT(, toLabel(, ...
            if (!/^[A-Za-z_]/.test(token)) continue;
            const word = token.trim();
            const lower = word.toLowerCase();
            if (SOQL_KEYWORDS.has(lower) || DATE_LITERAL.test(word)) continue;
            if (tokens[i - 1] === ')') continue; // alias after an aggregate
            if (/^(last|next)_n_/i.test(word) || /^n_\w+_ago$/i.test(word)) continue;
            // A bare word after LIMIT/OFFSET/WITH etc. is handled by keywords; a currency literal like USD100 is rare.
            paths.push(word);
        }
        return paths;
    }

    // 3-5. Apex sources.
    for (const file of apexFiles) {
        const original = readFileSync(file, 'utf8');
        const source = blankCommentsAndStrings(original);

        // 3. Custom names defined.
        for (const m of source.matchAll(/\b([A-Za-z][A-Za-z0-9_]*__(c|r|e|mdt|x|b))\b/gi)) {
            if (!customNames.has(m[1].toLowerCase())) {
                problems.push(
                    `${rel(file)}:${lineOf(source, m.index)}: '${m[1]}' is not defined in the project's metadata`
                );
            }
        }

        // 4. Static SOQL: `[SELECT ... ]` with nested brackets balanced. String literals are blanked in `source`,
        // so we read the query from the original text.
        for (const m of source.matchAll(/\[\s*select\b/gi)) {
            let depth = 0;
            let end = m.index;
            for (; end < source.length; end++) {
                if (source[end] === '[') depth++;
                else if (source[end] === ']' && --depth === 0) break;
            }
            checkSoql(original.slice(m.index + 1, end), file, lineOf(source, m.index));
        }

        // 5. SObject-typed variables, constructors and field tokens.
        const knownObject = (name) => (objectOf(name) ? objectOf(name).name : null);
        const variables = new Map(); // lower var name -> Set of object names
        const declare = (name, type) => {
            const key = name.toLowerCase();
            if (!variables.has(key)) variables.set(key, new Set());
            variables.get(key).add(type);
        };
        const typeRef = /(?:\bSchema\.)?\b([A-Za-z_]\w*)\b(\s*\[\s*\]|)\s+([A-Za-z_]\w*)\s*(?=[=;:,)])/g;
        for (const m of source.matchAll(typeRef)) {
            const object = knownObject(m[1]);
            if (object && !/^(return|new|else|throw)$/i.test(m[1])) declare(m[3], object);
        }
        for (const m of source.matchAll(/\b(?:List|Set)\s*<\s*(?:Schema\.)?([A-Za-z_]\w*)\s*>\s+([A-Za-z_]\w*)/g)) {
            const object = knownObject(m[1]);
            if (object) declare(m[2], object);
        }
        for (const m of source.matchAll(/\bMap\s*<\s*[\w.]+\s*,\s*(?:Schema\.)?([A-Za-z_]\w*)\s*>\s+([A-Za-z_]\w*)/g)) {
            const object = knownObject(m[1]);
            if (object) declare(`${m[2]}#map`, object);
        }
        const report = (offset, message) => problems.push(`${rel(file)}:${lineOf(source, offset)}: ${message}`);
        const checkOn = (types, path, offset) => {
            const errors = [...types].map((t) => checkPath(t, path));
            if (!errors.includes(null)) report(offset, errors[0]);
        };
        // var.Field / var[i].Field / map.get(k).Field (not method calls)
        for (const m of source.matchAll(
            /\b([A-Za-z_]\w*)(\s*\[[^\]\n]*\]|\.get\([^()\n]*\))?\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\b(?!\s*\()/g
        )) {
            const isMapGet = m[2]?.startsWith('.get');
            const types = variables.get(isMapGet ? `${m[1].toLowerCase()}#map` : m[1].toLowerCase());
            if (!types) continue;
            // Stop the path at the first segment followed by a call: `opp.Account.getSObjectType()` checks `Account`.
            const path = m[3];
            if (/^(Id)$/i.test(path)) continue;
            checkOn(types, path, m.index);
        }
        // var.get('Field') / var.put('Field', ...)
        for (const m of original.matchAll(/\b([A-Za-z_]\w*)\.(get|put)\(\s*'([^']+)'/g)) {
            const types = variables.get(m[1].toLowerCase());
            if (types) checkOn(types, m[3], m.index);
        }
        // new Object(Field = value, ...)
        for (const m of source.matchAll(/\bnew\s+(?:Schema\.)?([A-Za-z_]\w*)\s*\(/g)) {
            const object = knownObject(m[1]);
            if (!object) continue;
            let depth = 0;
            let end = m.index + m[0].length - 1;
            for (; end < source.length; end++) {
                if (source[end] === '(') depth++;
                else if (source[end] === ')' && --depth === 0) break;
            }
            const args = source.slice(m.index + m[0].length, end);
            for (const part of splitTopLevel(args)) {
                const field = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(part)?.[1];
                if (field) checkOn([object], field, m.index);
            }
        }
        // Field tokens: Opportunity.Field / Schema.Opportunity.Field / SObjectType.Opportunity.fields.Field
        for (const m of source.matchAll(
            /\b(?:Schema\.)?(?:SObjectType\.)?([A-Za-z_]\w*)\.(?:fields\.)?([A-Za-z_]\w*)\b(?!\s*\()/g
        )) {
            const object = knownObject(m[1]);
            if (!object || variables.has(m[1].toLowerCase())) continue;
            if (/^(SObjectType|fields|getDescribe|class)$/i.test(m[2])) continue;
            const before = source.slice(Math.max(0, m.index - 1), m.index);
            if (before === '.' && !/Schema\.$|SObjectType\.$/.test(source.slice(Math.max(0, m.index - 13), m.index)))
                continue;
            checkOn([object], m[2], m.index);
        }
    }
    return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const projectDir = resolve(process.argv[2] ?? '.');
    const problems = checkProject(projectDir);
    for (const problem of problems) console.log(problem);
    console.log(problems.length ? `metadata-check: ${problems.length} problem(s)` : 'metadata-check: no problems');
    process.exit(problems.length ? 1 : 0);
}
