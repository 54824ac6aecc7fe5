// `@salesforce/apex`: refreshApex for wires created by makeApexMethod.
export { refreshApex } from './transport.js';
