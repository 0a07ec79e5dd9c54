/** The `--name value` / `--name=value` options of the store commands (migrate, rescan). */

/** The options given, by name, or a message for the operator when an argument does not fit `names`. */
export function parseStoreFlags(args: string[], names: readonly string[]): Record<string, string> | string {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) return `unexpected argument "${arg}"`;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!names.includes(name)) return `unknown option --${name}`;
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') return `--${name} needs a value`;
    flags[name] = value;
  }
  return flags;
}
