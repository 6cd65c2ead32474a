/**
 * Finding the command that starts `filedesc serve`.
 *
 * Order: the `filedesc.serverPath` setting (the `filedesc` executable, or a Python interpreter), then `filedesc` on
 * `PATH`, then `python -m filedesc` with the selected Python interpreter. Every candidate is probed before use so that
 * a failure becomes one message that names what was tried and how to fix it, not a crashed client.
 */
import * as path from 'node:path';

export interface ServerCommand {
  command: string;
  args: string[];
  /** Where the command came from, for the log. */
  source: 'setting' | 'path' | 'python';
}

/** The outside world the search needs, passed in so the tests can fake it. */
export interface Probe {
  /** Whether `file` exists and is executable. */
  isExecutable(file: string): boolean;
  /** Whether `python` can import the server (`python -c "import filedesc.server"`). */
  hasFiledesc(python: string): Promise<boolean>;
}

export class ServerNotFoundError extends Error {
  constructor(readonly tried: string[]) {
    super(
      'filedesc: could not find the filedesc language server (tried: ' +
        tried.join('; ') +
        '). Fix: `pip install filedesc` in your Python environment, or set "filedesc.serverPath" to the ' +
        'filedesc executable or to a Python interpreter that has filedesc.',
    );
  }
}

/** Whether `file` looks like a Python interpreter (`python`, `python3.11`, `python.exe`) rather than `filedesc`. */
export function isPython(file: string): boolean {
  return /^python(\d+(\.\d+)*)?(\.exe)?$/i.test(file.split(/[\\/]/).pop() ?? '');
}

/** Each directory of `pathEnv` joined with `name` (and its Windows forms). */
export function onPath(name: string, pathEnv: string, platform: NodeJS.Platform = process.platform): string[] {
  const exts = platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  const sep = platform === 'win32' ? ';' : ':';
  return pathEnv
    .split(sep)
    .filter((dir) => dir !== '')
    .flatMap((dir) => exts.map((ext) => path.join(dir, name + ext)));
}

function viaPython(python: string): ServerCommand {
  return { command: python, args: ['-m', 'filedesc', 'serve'], source: 'python' };
}

/**
 * The command to start the server.
 *
 * @param serverPath the `filedesc.serverPath` setting ('' when unset)
 * @param pathEnv the `PATH` to search for `filedesc`
 * @param interpreters Python interpreters to try, best first (the Python extension's, then `python3`, `python`)
 * @throws ServerNotFoundError listing every candidate tried
 */
export async function findServerCommand(
  serverPath: string,
  pathEnv: string,
  interpreters: string[],
  probe: Probe,
): Promise<ServerCommand> {
  const tried: string[] = [];
  if (serverPath !== '') {
    if (isPython(serverPath)) {
      if (await probe.hasFiledesc(serverPath)) {
        return { ...viaPython(serverPath), source: 'setting' };
      }
      throw new ServerNotFoundError([`filedesc.serverPath = ${serverPath} (this Python cannot import filedesc)`]);
    }
    if (probe.isExecutable(serverPath)) {
      return { command: serverPath, args: ['serve'], source: 'setting' };
    }
    throw new ServerNotFoundError([`filedesc.serverPath = ${serverPath} (not an executable file)`]);
  }
  const found = onPath('filedesc', pathEnv).find((file) => probe.isExecutable(file));
  if (found !== undefined) {
    return { command: found, args: ['serve'], source: 'path' };
  }
  tried.push('filedesc on PATH');
  for (const python of [...new Set(interpreters)]) {
    if (python !== '' && (await probe.hasFiledesc(python))) {
      return viaPython(python);
    }
    tried.push(`${python} -m filedesc`);
  }
  throw new ServerNotFoundError(tried);
}
