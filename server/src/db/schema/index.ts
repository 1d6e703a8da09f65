export * from './access.ts';
export * from './platform.ts';
export * from './dictionary.ts';
export * from './customers.ts';
export * from './opportunities.ts';
export * from './churn.ts';
export * from './services.ts';
export * from './sales.ts';
