/**
 * Explorer tooltips: a `FileDecorationProvider` whose tooltip is each file's description.
 *
 * VS Code asks for decorations only for the rows on screen, so the rows asked first are the visible ones. Names
 * missing from the cache are queued and sent together in one `filedesc/describe` request (in chunks, oldest first);
 * when an answer arrives the cache is filled and `onDidChangeFileDecorations` fires for the waiting URIs, which makes
 * VS Code ask again and get the answer from the cache. Tooltips are plain text (VS Code shows `path • tooltip`).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface DescribeItem {
  name: string;
  description?: string;
  lang?: string;
  backend?: string;
  cached?: boolean;
  error?: string;
}

/** Sends `filedesc/describe` for `names` in `lang`; resolves to the server's `items`. */
export type DescribeFn = (names: string[], lang: 'en' | 'fr') => Promise<DescribeItem[]>;

export interface ExplorerOptions {
  tooltips: boolean;
  badge: boolean;
  lang: 'en' | 'fr';
}

/** Names sent in one request: enough for a screen of rows, small enough to answer quickly. */
export const CHUNK = 64;
/** The optional badge: ASCII, since the Explorer's font may lack symbols. */
export const BADGE = 'i';
/** Wait this long for the other rows of a screen before sending. */
export const DEBOUNCE_MS = 30;

export class DescriptionDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  /** `lang:name` to its description, or `null` when the server had none (asked once, not again). */
  private readonly cache = new Map<string, string | null>();
  /** Names waiting for an answer, in the order they were asked, with the URIs that show them. */
  private readonly waiting = new Map<string, vscode.Uri[]>();
  private readonly inFlight = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sending = false;

  constructor(
    private describe: DescribeFn | undefined,
    private options: ExplorerOptions,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (!this.options.tooltips || uri.scheme !== 'file') {
      return undefined;
    }
    const name = path.basename(uri.fsPath);
    if (name === '') {
      return undefined;
    }
    const key = this.key(name);
    if (this.cache.has(key)) {
      const description = this.cache.get(key);
      if (description === null || description === undefined) {
        return undefined;
      }
      return new vscode.FileDecoration(this.options.badge ? BADGE : undefined, description);
    }
    const uris = this.waiting.get(name) ?? [];
    if (!uris.some((known) => known.toString() === uri.toString())) {
      uris.push(uri);
    }
    this.waiting.set(name, uris);
    this.schedule();
    return undefined;
  }

  /** New settings or a new server: forget what depends on them and ask VS Code to decorate every row again. */
  update(options: ExplorerOptions, describe?: DescribeFn): void {
    const langChanged = options.lang !== this.options.lang;
    this.options = options;
    if (describe !== undefined) {
      this.describe = describe;
    }
    if (langChanged || describe !== undefined) {
      this.cache.clear();
    }
    this.changed.fire(undefined);
  }

  /** Forget one name (after `filedesc.regenerate`) so the next look asks the server again. */
  forget(name: string): void {
    for (const lang of ['en', 'fr']) {
      this.cache.delete(`${lang}:${name}`);
    }
    this.changed.fire(undefined);
  }

  /** Number of cached answers (for the tests and the log). */
  get size(): number {
    return this.cache.size;
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.changed.dispose();
  }

  private key(name: string): string {
    return `${this.options.lang}:${name}`;
  }

  private schedule(): void {
    if (this.timer === undefined && !this.sending) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, DEBOUNCE_MS);
    }
  }

  /** Send the waiting names, oldest first, a chunk at a time, until none is left. */
  async flush(): Promise<void> {
    if (this.describe === undefined || this.sending) {
      return;
    }
    this.sending = true;
    try {
      for (;;) {
        const names = [...this.waiting.keys()].filter((name) => !this.inFlight.has(name)).slice(0, CHUNK);
        if (names.length === 0) {
          break;
        }
        await this.send(names, this.options.lang);
      }
    } finally {
      this.sending = false;
    }
  }

  private async send(names: string[], lang: 'en' | 'fr'): Promise<void> {
    const describe = this.describe;
    if (describe === undefined) {
      return;
    }
    names.forEach((name) => this.inFlight.add(name));
    const uris: vscode.Uri[] = [];
    let answered = false;
    try {
      const items = await describe(names, lang);
      const byName = new Map(items.map((item) => [item.name, item]));
      for (const name of names) {
        const item = byName.get(name);
        if (item?.error !== undefined) {
          this.log(`no description for ${name}: ${item.error}`);
        }
        this.cache.set(`${lang}:${name}`, item?.description ?? null);
      }
      answered = true;
    } catch (error) {
      // Leave the names out of the cache and fire nothing: they are asked again when their rows are next drawn,
      // not in a loop against a failing server.
      this.log(`filedesc/describe failed for ${names.length} names: ${String(error)}`);
    } finally {
      for (const name of names) {
        this.inFlight.delete(name);
        uris.push(...(this.waiting.get(name) ?? []));
        this.waiting.delete(name);
      }
    }
    if (answered && uris.length > 0 && lang === this.options.lang) {
      this.changed.fire(uris);
    }
  }
}
