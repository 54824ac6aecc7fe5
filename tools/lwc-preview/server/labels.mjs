// Reads CustomLabels.labels-meta.xml into { fullName: value }. The file is ours and regular, so a small parser is
// enough; entities are decoded so the preview shows exactly what users would see.
import { readFileSync } from 'node:fs';

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

function decode(text) {
    return text.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity]);
}

/**
 * @param {string} file path to CustomLabels.labels-meta.xml
 * @returns {Record<string, string>}
 */
export function readLabels(file) {
    const xml = readFileSync(file, 'utf8');
    const labels = {};
    for (const match of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
        const name = /<fullName\s*>([\s\S]*?)<\/fullName>/.exec(match[1]);
        const value = /<value\s*>([\s\S]*?)<\/value>/.exec(match[1]);
        if (!name || !value) throw new Error(`Malformed label entry in ${file}: ${match[1].slice(0, 120)}`);
        labels[decode(name[1].trim())] = decode(value[1]);
    }
    return labels;
}
