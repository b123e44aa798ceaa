export const AGENT_FILE: string;
export const AGENT_DIR: string;
export const BUILD_INFO: string;
export function hashInputs(root: string, inputs: readonly string[]): string;
export function currentBundle(root: string): string | undefined;
