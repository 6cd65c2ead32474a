/**
 * The filedesc extension: starts `filedesc serve` through a language client, and feeds the Explorer tooltips.
 *
 * Hovers and code lenses come from the server for every document. Settings are sent to the server at start
 * (`initializationOptions`), answered when it pulls them (`workspace/configuration`) and pushed when they change,
 * always in the form `serverSettings` gives them, so `language: auto` means VS Code's display language everywhere.
 */
import * as fs from 'node:fs';
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { DescriptionDecorations, type DescribeItem, type ExplorerOptions } from './explorer';
import { findServerCommand, type Probe, ServerNotFoundError } from './server';
import { languageFor, readSettings, RESTART_KEYS, SECTION, serverSettings, type ExtensionSettings } from './settings';

const DESCRIBE = 'filedesc/describe';
const REGENERATE = 'filedesc.regenerate';

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
let decorations: DescriptionDecorations;

function currentSettings(): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return readSettings((key, fallback) => config.get(key, fallback));
}

function explorerOptions(settings: ExtensionSettings): ExplorerOptions {
  return {
    tooltips: settings.explorerTooltips,
    badge: settings.explorerBadge,
    lang: languageFor(settings.language, vscode.env.language),
  };
}

const probe: Probe = {
  isExecutable(file) {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  hasFiledesc(python) {
    return new Promise((resolve) => {
      execFile(python, ['-c', 'import filedesc.server'], { timeout: 20000 }, (error) => resolve(error === null));
    });
  },
};

/** Interpreters to try for `python -m filedesc`: the Python extension's selection first, then the usual names. */
async function interpreters(): Promise<string[]> {
  const found: string[] = [];
  try {
    const python = vscode.extensions.getExtension('ms-python.python');
    if (python !== undefined) {
      const api = (await python.activate()) as {
        environments?: { getActiveEnvironmentPath(): { path: string } };
      };
      const selected = api.environments?.getActiveEnvironmentPath().path;
      if (selected) {
        found.push(selected);
      }
    }
  } catch (error) {
    log.warn(`could not ask the Python extension for its interpreter: ${String(error)}`);
  }
  const configured = vscode.workspace.getConfiguration('python').get<string>('defaultInterpreterPath');
  if (configured) {
    found.push(configured);
  }
  return [...found, 'python3', 'python'];
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const settings = currentSettings();
  let command;
  try {
    command = await findServerCommand(settings.serverPath, process.env.PATH ?? '', await interpreters(), probe);
  } catch (error) {
    const message = error instanceof ServerNotFoundError ? error.message : String(error);
    log.error(message);
    void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Log').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'filedesc.serverPath');
      } else if (choice === 'Show Log') {
        log.show();
      }
    });
    return;
  }
  log.info(`starting ${command.command} ${command.args.join(' ')} (from ${command.source})`);
  const serverOptions: ServerOptions = {
    command: command.command,
    args: command.args,
    // No `transport`: TransportKind.stdio would append `--stdio`, which `filedesc serve` does not take.
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    initializationOptions: serverSettings(settings, vscode.env.language),
    outputChannel: log,
    traceOutputChannel: log,
    // The hover's small print is <sub>: without HTML it would show as bare text.
    markdown: { isTrusted: false, supportHtml: true },
    middleware: {
      workspace: {
        // The server pulls the `filedesc` section: answer with the resolved form, not the raw one.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) {
            return raw;
          }
          return params.items.map((item, index) =>
            item.section === SECTION ? serverSettings(currentSettings(), vscode.env.language) : raw[index],
          );
        },
      },
      // The client registers `filedesc.regenerate` for the server: fill in the name when run from the palette.
      executeCommand: async (name, args, next) => {
        if (name !== REGENERATE) {
          return next(name, args);
        }
        const target = args.length > 0 ? args : await regenerateArguments();
        if (target === undefined) {
          return undefined;
        }
        const result = (await next(name, target)) as DescribeItem | undefined;
        decorations.forget(String(target[0]));
        if (result?.description !== undefined) {
          void vscode.window.showInformationMessage(`${result.name}: ${result.description}`);
        }
        return result;
      },
    },
  };
  const started = new LanguageClient('filedesc', 'filedesc', serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
  } catch (error) {
    log.error(`the filedesc server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(
      `filedesc: the server (${command.command} ${command.args.join(' ')}) did not start: ${String(error)}. ` +
        'See the filedesc output for details; set "filedesc.serverPath" to fix the command.',
    );
    return;
  }
  decorations.update(explorerOptions(settings), (names, lang) => describe(started, names, lang));
  context.subscriptions.push(
    started.onDidChangeState((event) => {
      if (event.newState === State.Stopped) {
        log.warn('the filedesc server stopped');
      }
    }),
  );
}

async function describe(from: LanguageClient, names: string[], lang: 'en' | 'fr'): Promise<DescribeItem[]> {
  const answer = await from.sendRequest<{ items: DescribeItem[] }>(DESCRIBE, { names, lang });
  return answer.items;
}

async function regenerateArguments(): Promise<string[] | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const suggested = active?.scheme === 'file' ? active.path.split('/').pop() : undefined;
  const name = await vscode.window.showInputBox({
    prompt: 'File name whose description to write again',
    value: suggested ?? '',
  });
  if (name === undefined || name.trim() === '') {
    return undefined;
  }
  return [name.trim(), languageFor(currentSettings().language, vscode.env.language)];
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop(5000);
    } catch (error) {
      log.warn(`stopping the server: ${String(error)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  log.info('restarting the filedesc server');
  await stopClient();
  await startClient(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  log = vscode.window.createOutputChannel('filedesc', { log: true });
  decorations = new DescriptionDecorations(undefined, explorerOptions(currentSettings()), (message) =>
    log.warn(message),
  );
  context.subscriptions.push(
    log,
    decorations,
    vscode.window.registerFileDecorationProvider(decorations),
    vscode.commands.registerCommand('filedesc.restartServer', () => restart(context)),
    vscode.commands.registerCommand('filedesc.showLog', () => log.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) {
        return;
      }
      if (RESTART_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
        void restart(context);
        return;
      }
      const settings = currentSettings();
      decorations.update(explorerOptions(settings));
      void client?.sendNotification('workspace/didChangeConfiguration', {
        settings: { [SECTION]: serverSettings(settings, vscode.env.language) },
      });
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
