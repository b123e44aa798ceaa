// Release versions (x.y.z, optionally -pre): which of an agent and its server is newer.

function parts(version: string): [number, number, number, string] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+\S*)?$/.exec(version.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] ?? ""];
}

/** Negative when a is older than b, positive when newer, 0 when equal or either is not a version. */
export function compareVersions(a: string, b: string): number {
  const left = parts(a);
  const right = parts(b);
  if (!left || !right) return 0;
  for (let i = 0; i < 3; i++) if (left[i] !== right[i]) return (left[i] as number) - (right[i] as number);
  // A pre-release comes before its release: 1.2.0-rc.1 < 1.2.0.
  if (left[3] === right[3]) return 0;
  if (!left[3]) return 1;
  if (!right[3]) return -1;
  return left[3] < right[3] ? -1 : 1;
}

/** True when the agent reports a version older than the server's (unknown versions are not flagged). */
export const isOlderVersion = (agent: string | null | undefined, server: string) => Boolean(agent) && compareVersions(agent!, server) < 0;
