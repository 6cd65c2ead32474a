import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { findServerCommand, isPython, onPath, type Probe, ServerNotFoundError } from '../../src/server';

function probe(executables: string[], pythons: string[]): Probe & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    isExecutable: (file) => executables.includes(file),
    hasFiledesc: async (python) => {
      asked.push(python);
      return pythons.includes(python);
    },
  };
}

test('recognises Python interpreters', () => {
  assert.ok(isPython('/usr/bin/python3'));
  assert.ok(isPython('/venv/bin/python3.11'));
  assert.ok(isPython('C:\\Python\\python.exe'));
  assert.ok(!isPython('/venv/bin/filedesc'));
  assert.ok(!isPython('/usr/bin/pythonista'));
});

test('PATH entries are joined with the name', () => {
  assert.deepEqual(onPath('filedesc', '/a:/b::', 'linux'), ['/a/filedesc', '/b/filedesc']);
});

test('the serverPath setting wins: an executable runs "serve"', async () => {
  const found = await findServerCommand('/opt/filedesc', '/usr/bin', [], probe(['/opt/filedesc'], []));
  assert.deepEqual(found, { command: '/opt/filedesc', args: ['serve'], source: 'setting' });
});

test('the serverPath setting may name a Python interpreter', async () => {
  const found = await findServerCommand('/venv/bin/python', '', [], probe([], ['/venv/bin/python']));
  assert.deepEqual(found, { command: '/venv/bin/python', args: ['-m', 'filedesc', 'serve'], source: 'setting' });
});

test('a broken serverPath is reported, not replaced by a guess', async () => {
  await assert.rejects(
    findServerCommand('/nowhere/filedesc', '/usr/bin', ['python3'], probe(['/usr/bin/filedesc'], ['python3'])),
    (error: Error) => error instanceof ServerNotFoundError && error.message.includes('/nowhere/filedesc'),
  );
});

test('then filedesc on PATH', async () => {
  const found = await findServerCommand('', '/a:/b', ['python3'], probe(['/b/filedesc'], ['python3']));
  assert.deepEqual(found, { command: '/b/filedesc', args: ['serve'], source: 'path' });
});

test('then the first interpreter that can import filedesc', async () => {
  const fake = probe([], ['/venv/bin/python', 'python3']);
  const found = await findServerCommand('', '/a', ['/venv/bin/python', 'python3', 'python3'], fake);
  assert.deepEqual(found, { command: '/venv/bin/python', args: ['-m', 'filedesc', 'serve'], source: 'python' });
});

test('nothing found: one message naming what was tried and the fix', async () => {
  await assert.rejects(findServerCommand('', '/a', ['python3', 'python'], probe([], [])), (error: Error) => {
    assert.ok(error instanceof ServerNotFoundError);
    assert.deepEqual(error.tried, ['filedesc on PATH', 'python3 -m filedesc', 'python -m filedesc']);
    assert.match(error.message, /pip install filedesc/);
    assert.match(error.message, /filedesc\.serverPath/);
    return true;
  });
});
