import { z } from 'zod';

/**
 * Reads and validates environment variables once, at start-up. A bad or missing value
 * fails fast with the variable's name; the result is frozen so nothing mutates config later.
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): Readonly<z.infer<z.ZodObject<S>>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return Object.freeze(result.data);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const url = (fallback: string) => z.url().default(fallback);
export const millis = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/**
 * `OMNIGRAPH_ENV=production` is the production configuration: every deployable refuses to start
 * there with a development default (a generated or well-known key, a dev webhook secret, dev auth).
 * Anything else is development, the embedded default of `npm start` and the tests.
 */
export type Deployment = 'development' | 'production';
export const deployment = (env: NodeJS.ProcessEnv = process.env): Deployment =>
  env.OMNIGRAPH_ENV === 'production' ? 'production' : 'development';
