// `lightning/uiObjectInfoApi` for the preview: getObjectInfo reads `POST /ui-api/object-info`.
import { post } from './transport.js';

export class getObjectInfo {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }
    connect() {}
    disconnect() {}
    update(config) {
        const target = config && config.objectApiName;
        const objectApiName = typeof target === 'string' ? target : target && target.objectApiName;
        if (!objectApiName) return;
        post('/ui-api/object-info', { objectApiName }).then(
            (data) => this.dataCallback({ data, error: undefined }),
            (error) => this.dataCallback({ data: undefined, error })
        );
    }
}
