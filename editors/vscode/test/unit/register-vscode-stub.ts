/** Preloaded with `node --require`: `require('vscode')` returns the stub instead of failing. */
import Module = require('node:module');
import * as stub from './vscode-stub';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const internals = Module as unknown as { _load: Load };
const original = internals._load;
internals._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
  return request === 'vscode' ? stub : original.call(this, request, parent, isMain);
};
