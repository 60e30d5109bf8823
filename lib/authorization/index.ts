/** Authorization declared in the schema: roles, the `@pii` / `@requiresRole` spec, the operation analysis, masking, audit and internal tokens. */
export * from './roles.ts';
export * from './spec.ts';
export * from './analyze.ts';
export * from './mask.ts';
export * from './audit.ts';
export * from './internal-token.ts';
