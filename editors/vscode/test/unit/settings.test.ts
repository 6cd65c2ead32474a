import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageFor, readSettings, serverSettings, type SettingGetter } from '../../src/settings';

function getter(values: Record<string, unknown>): SettingGetter {
  return <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
}

test('defaults when nothing is set', () => {
  const settings = readSettings(getter({}));
  assert.equal(settings.backend, 'auto');
  assert.equal(settings.language, 'auto');
  assert.equal(settings.explorerTooltips, true);
  assert.equal(settings.explorerBadge, false);
  assert.equal(settings.codeLensEnabled, true);
});

test('values of the wrong type fall back to their defaults', () => {
  const settings = readSettings(getter({ language: 'de', 'codeLens.enabled': 'yes', requestTimeout: -3, backend: 7 }));
  assert.equal(settings.language, 'auto');
  assert.equal(settings.codeLensEnabled, true);
  assert.equal(settings.requestTimeout, 10);
  assert.equal(settings.backend, 'auto');
});

test('auto follows the display language', () => {
  assert.equal(languageFor('auto', 'fr'), 'fr');
  assert.equal(languageFor('auto', 'fr-CA'), 'fr');
  assert.equal(languageFor('auto', 'en-us'), 'en');
  assert.equal(languageFor('auto', 'de'), 'en');
  assert.equal(languageFor('en', 'fr'), 'en');
  assert.equal(languageFor('fr', 'en'), 'fr');
});

test('server settings use the names the server reads', () => {
  const settings = readSettings(
    getter({ backend: 'rules', modelPath: '/m', 'codeLens.enabled': false, 'explorer.badge': true }),
  );
  assert.deepEqual(serverSettings(settings, 'fr'), {
    backend: 'rules',
    language: 'fr',
    modelPath: '/m',
    codeLens: { enabled: false, references: false },
    hover: { enabled: true },
    requestTimeout: 10,
  });
  assert.equal(serverSettings(readSettings(getter({})), 'en').modelPath, null);
});
