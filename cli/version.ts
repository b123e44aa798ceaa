// The CLI's version: package.json's, unless the bundle was built to report another (tests of
// version skew build an "older" agent).
import { version } from "@/package.json";

declare const __RUNYARD_AGENT_VERSION__: string | undefined;

export const CLI_VERSION = typeof __RUNYARD_AGENT_VERSION__ === "string" ? __RUNYARD_AGENT_VERSION__ : version;
