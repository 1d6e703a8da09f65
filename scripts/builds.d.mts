/** Types of the part of builds.mjs that TypeScript code (the benchmark) uses. */
export const root: string;
export const serverEntry: string;
export function serverNodeOptions(env?: NodeJS.ProcessEnv | Record<string, string | undefined>): string[];
export const webSources: string[];
export const serverSources: string[];
export function stale(output: string, sources: string[], base?: string): boolean;
