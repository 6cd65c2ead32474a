/** The small part of the `vscode` module the pure logic uses, so unit tests run in plain Node. */

export class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly fired: T[] = [];
  readonly event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((known) => known !== listener)) };
  };
  fire(value: T): void {
    this.fired.push(value);
    this.listeners.forEach((listener) => listener(value));
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class FileDecoration {
  constructor(
    readonly badge?: string,
    readonly tooltip?: string,
    readonly color?: unknown,
  ) {}
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  get path(): string {
    return this.fsPath;
  }
  static file(fsPath: string): Uri {
    return new Uri('file', fsPath);
  }
  static parse(value: string): Uri {
    const [scheme, rest] = value.split(':', 2);
    return new Uri(scheme ?? '', rest ?? '');
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}
