// Response schemas of the API, one per shape: stored records derived from the drizzle tables
// (rows.ts), composed views (actions, imports, ops) and the wrappers (common.ts). Routes declare
// them in createRoute; the OpenAPI document and the typed client (AppType) read them from there.
export * from './common';
export * from './rows';
export * from './actions';
export * from './imports';
export * from './ops';
export * from './planning';
