// Enables the base-component and @salesforce/* declarations that @salesforce/lightning-types ships.
import '@salesforce/lightning-types';
