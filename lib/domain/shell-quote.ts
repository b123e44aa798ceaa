// Shows a command the way a shell would need it typed: `python train.py --name 'my run'`.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(arg: string): string {
  if (arg === "") return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

export const shellCommand = (args: readonly string[]) => args.map(shellQuote).join(" ");
