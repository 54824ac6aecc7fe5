// `lightning/uiRecordApi` for the preview: getRecord reads `POST /ui-api/record` from the preview server.
import { post } from './transport.js';

const active = new Set();

function fieldName(field) {
    const name = typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
    return name.split('.').pop();
}

export class getRecord {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.config = undefined;
    }
    connect() {
        active.add(this);
    }
    disconnect() {
        active.delete(this);
    }
    update(config) {
        this.config = config;
        if (config && config.recordId) {
            this.fetch();
        }
    }
    async fetch() {
        const fields = (this.config.fields ?? []).map(fieldName);
        try {
            const data = await post('/ui-api/record', { recordId: this.config.recordId, fields });
            this.dataCallback({ data, error: undefined });
        } catch (error) {
            this.dataCallback({ data: undefined, error });
        }
    }
}

export function getFieldValue(record, field) {
    const value = record && record.fields ? record.fields[fieldName(field)] : undefined;
    return value ? value.value : undefined;
}

export function getFieldDisplayValue(record, field) {
    const value = record && record.fields ? record.fields[fieldName(field)] : undefined;
    return value ? value.displayValue : null;
}

export async function notifyRecordUpdateAvailable(items) {
    const ids = new Set(items.map((item) => item.recordId));
    await Promise.all(
        [...active].filter((adapter) => adapter.config && ids.has(adapter.config.recordId)).map((a) => a.fetch())
    );
}
