import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import * as vscode from 'vscode';
import { CHUNK, type DescribeItem, DescriptionDecorations } from '../../src/explorer';
import type { EventEmitter } from './vscode-stub';

type Call = { names: string[]; lang: string };

function server(fail = false): { calls: Call[]; describe: (names: string[], lang: 'en' | 'fr') => Promise<DescribeItem[]> } {
  const calls: Call[] = [];
  return {
    calls,
    describe: async (names, lang) => {
      calls.push({ names, lang });
      if (fail) {
        throw new Error('server down');
      }
      return names.map((name) =>
        name.startsWith('bad') ? { name, error: 'not a file name' } : { name, description: `${lang}: ${name}` },
      );
    },
  };
}

function fired(provider: DescriptionDecorations): unknown[] {
  return (provider as unknown as { changed: EventEmitter<unknown> }).changed.fired;
}

const uri = (name: string): vscode.Uri => vscode.Uri.file(`/ws/${name}`);

test('a miss is queued, sent in one batch, then answered from the cache', async () => {
  const fake = server();
  const provider = new DescriptionDecorations(fake.describe, { tooltips: true, badge: false, lang: 'en' });
  assert.equal(provider.provideFileDecoration(uri('a.py')), undefined);
  assert.equal(provider.provideFileDecoration(uri('b.sh')), undefined);
  await provider.flush();
  assert.deepEqual(fake.calls, [{ names: ['a.py', 'b.sh'], lang: 'en' }]);
  const uris = fired(provider)[0] as vscode.Uri[];
  assert.deepEqual(uris.map(String), [uri('a.py'), uri('b.sh')].map(String));
  const decoration = provider.provideFileDecoration(uri('a.py'));
  assert.equal(decoration?.tooltip, 'en: a.py');
  assert.equal(decoration?.badge, undefined);
  assert.equal(fake.calls.length, 1);
  provider.dispose();
});

test('the same name in two folders is asked once', async () => {
  const fake = server();
  const provider = new DescriptionDecorations(fake.describe, { tooltips: true, badge: true, lang: 'fr' });
  provider.provideFileDecoration(vscode.Uri.file('/ws/x/README.md'));
  provider.provideFileDecoration(vscode.Uri.file('/ws/y/README.md'));
  await provider.flush();
  assert.deepEqual(fake.calls, [{ names: ['README.md'], lang: 'fr' }]);
  assert.equal((fired(provider)[0] as vscode.Uri[]).length, 2);
  const decoration = provider.provideFileDecoration(vscode.Uri.file('/ws/z/README.md'));
  assert.equal(decoration?.tooltip, 'fr: README.md');
  assert.ok(decoration?.badge !== undefined && decoration.badge.length <= 2);
  provider.dispose();
});

test('names are sent in chunks, first asked first', async () => {
  const fake = server();
  const provider = new DescriptionDecorations(fake.describe, { tooltips: true, badge: false, lang: 'en' });
  const names = Array.from({ length: CHUNK + 5 }, (_, index) => `file${index}.txt`);
  names.forEach((name) => provider.provideFileDecoration(uri(name)));
  await provider.flush();
  assert.deepEqual(
    fake.calls.map((call) => call.names.length),
    [CHUNK, 5],
  );
  assert.equal(fake.calls[0]?.names[0], 'file0.txt');
  provider.dispose();
});

test('an error item is cached as "no description" and not asked again', async () => {
  const fake = server();
  const provider = new DescriptionDecorations(fake.describe, { tooltips: true, badge: false, lang: 'en' });
  provider.provideFileDecoration(uri('bad name'));
  await provider.flush();
  assert.equal(provider.provideFileDecoration(uri('bad name')), undefined);
  await provider.flush();
  assert.equal(fake.calls.length, 1);
  provider.dispose();
});

test('a failed request caches nothing and fires nothing', async () => {
  const fake = server(true);
  const logged: string[] = [];
  const provider = new DescriptionDecorations(
    fake.describe,
    { tooltips: true, badge: false, lang: 'en' },
    (message) => logged.push(message),
  );
  provider.provideFileDecoration(uri('a.py'));
  await provider.flush();
  assert.equal(provider.size, 0);
  assert.deepEqual(fired(provider), []);
  assert.match(logged[0] ?? '', /server down/);
  provider.dispose();
});

test('no server yet: names wait; a new language empties the cache and redraws', async () => {
  const fake = server();
  const provider = new DescriptionDecorations(undefined, { tooltips: true, badge: false, lang: 'en' });
  provider.provideFileDecoration(uri('a.py'));
  await provider.flush();
  provider.update({ tooltips: true, badge: false, lang: 'en' }, fake.describe);
  await provider.flush();
  assert.equal(provider.provideFileDecoration(uri('a.py'))?.tooltip, 'en: a.py');
  provider.update({ tooltips: true, badge: false, lang: 'fr' });
  assert.equal(provider.size, 0);
  assert.equal(fired(provider).at(-1), undefined);
  provider.dispose();
});

test('tooltips off: no decoration, no request; other schemes are ignored', async () => {
  const fake = server();
  const provider = new DescriptionDecorations(fake.describe, { tooltips: false, badge: false, lang: 'en' });
  assert.equal(provider.provideFileDecoration(uri('a.py')), undefined);
  provider.update({ tooltips: true, badge: false, lang: 'en' });
  assert.equal(provider.provideFileDecoration(vscode.Uri.parse('git:/ws/a.py')), undefined);
  await provider.flush();
  assert.equal(fake.calls.length, 0);
  provider.dispose();
});

test('forget drops one name so regenerate shows the new text', async () => {
  const fake = server();
  const provider = new DescriptionDecorations(fake.describe, { tooltips: true, badge: false, lang: 'en' });
  provider.provideFileDecoration(uri('a.py'));
  await provider.flush();
  provider.forget('a.py');
  assert.equal(provider.provideFileDecoration(uri('a.py')), undefined);
  await provider.flush();
  assert.equal(fake.calls.length, 2);
  provider.dispose();
});
