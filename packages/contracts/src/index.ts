export * from './errors.ts';
export * from './permissions.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './access.ts';
export * from './dictionary.ts';
export * from './churn.ts';
export * from './sales.ts';
