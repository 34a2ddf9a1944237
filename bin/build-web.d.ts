// Types of build-web.js for the tests and scripts that import it.
export function webBuildIsStale(): boolean;
export function buildWeb(opts?: { force?: boolean }): number;
export function precompress(dir: string): void;
