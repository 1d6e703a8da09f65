/** Types of the part of builds.mjs that TypeScript code (the benchmark) uses. */
export const root: string;
export const serverEntry: string;
export function serverNodeOptions(env?: NodeJS.ProcessEnv | Record<string, string | undefined>): string[];
