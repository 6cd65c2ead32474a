/**
 * The extension's settings (section `filedesc`): reading them, and the part the server reads.
 *
 * Pure functions over a `get` callback so the tests need no VS Code. `language: auto` is resolved here to VS Code's
 * display language, so the hovers, the code lenses and the Explorer tooltips all use the same language.
 */

export const SECTION = 'filedesc';

/** Reads one setting of the `filedesc` section, with its default. */
export type SettingGetter = <T>(key: string, fallback: T) => T;

export interface ExtensionSettings {
  backend: string;
  language: 'auto' | 'en' | 'fr';
  modelPath: string;
  codeLensEnabled: boolean;
  codeLensReferences: boolean;
  hoverEnabled: boolean;
  requestTimeout: number;
  explorerTooltips: boolean;
  explorerBadge: boolean;
  serverPath: string;
}

/** What the server understands (see `src/filedesc/server/settings.py`). */
export interface ServerSettings {
  backend: string;
  language: 'en' | 'fr';
  modelPath: string | null;
  codeLens: { enabled: boolean; references: boolean };
  hover: { enabled: boolean };
  requestTimeout: number;
}

/** Read every setting; a value of the wrong type falls back to its default rather than reaching the server. */
export function readSettings(get: SettingGetter): ExtensionSettings {
  const str = (key: string, fallback: string): string => {
    const value = get<unknown>(key, fallback);
    return typeof value === 'string' ? value.trim() : fallback;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const value = get<unknown>(key, fallback);
    return typeof value === 'boolean' ? value : fallback;
  };
  const language = str('language', 'auto');
  const timeout = get<unknown>('requestTimeout', 10);
  return {
    backend: str('backend', 'auto') || 'auto',
    language: language === 'en' || language === 'fr' ? language : 'auto',
    modelPath: str('modelPath', ''),
    codeLensEnabled: bool('codeLens.enabled', true),
    codeLensReferences: bool('codeLens.references', false),
    hoverEnabled: bool('hover.enabled', true),
    requestTimeout: typeof timeout === 'number' && timeout > 0 && Number.isFinite(timeout) ? timeout : 10,
    explorerTooltips: bool('explorer.tooltips', true),
    explorerBadge: bool('explorer.badge', false),
    serverPath: str('serverPath', ''),
  };
}

/** The description language for a VS Code display language (`fr`, `fr-ca`, `en-us`, `de`...): French or English. */
export function languageFor(setting: ExtensionSettings['language'], displayLanguage: string): 'en' | 'fr' {
  if (setting !== 'auto') {
    return setting;
  }
  return displayLanguage.toLowerCase().split(/[-_]/)[0] === 'fr' ? 'fr' : 'en';
}

/** The settings sent to the server, in `initializationOptions` and on every change. */
export function serverSettings(settings: ExtensionSettings, displayLanguage: string): ServerSettings {
  return {
    backend: settings.backend,
    language: languageFor(settings.language, displayLanguage),
    modelPath: settings.modelPath === '' ? null : settings.modelPath,
    codeLens: { enabled: settings.codeLensEnabled, references: settings.codeLensReferences },
    hover: { enabled: settings.hoverEnabled },
    requestTimeout: settings.requestTimeout,
  };
}

/** Settings whose change needs a new server process (the others are pushed to the running one). */
export const RESTART_KEYS = ['serverPath'];
