// A part of the extension in its own bundle (dist/kubernetes.js, dist/docker.js), loaded on first use:
// one of its commands run (a stub stands in until then), its view shown (the core's LazyTree asks it),
// or one of its documents read. Loading is a synchronous require(), so the stub's call, the tree's first
// getChildren or the document read that triggered it is served by the real part at once. CommonJS on
// purpose: Container Tools' ESM code-splitting made loading slower and was rolled back.
import type * as vscode from 'vscode';
import { PARTS, type PartName } from '../commands/catalog';
import { registerStubs } from '../commands/register';

export class Part<T> implements vscode.Disposable {
  private value: { part: T } | undefined;
  private loading = false;
  private stubs: vscode.Disposable;
  /** Milliseconds the part took to load (evaluate its bundle and register), once loaded. */
  loadMs: number | undefined;

  constructor(
    private readonly name: Exclude<PartName, 'core'>,
    private readonly bundle: string,
    private readonly start: (module: unknown) => T,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.stubs = registerStubs(PARTS[name], () => this.get());
  }

  get loaded(): boolean {
    return !!this.value;
  }

  /** The loaded part, loading it now if it is not yet. */
  get(): T {
    if (this.value) return this.value.part;
    if (this.loading) throw new Error(`the ${this.name} part needs itself while loading`);
    this.loading = true;
    const started = performance.now();
    try {
      // Evaluated before the stubs go, so a bundle that fails to load leaves them (and a clear error).
      const module: unknown = require(this.bundle);
      this.stubs.dispose();
      this.value = { part: this.start(module) };
    } catch (error) {
      this.log.error(`Loading the ${this.name} part (${this.bundle}) failed: ${error instanceof Error ? error.stack : String(error)}`);
      throw error;
    } finally {
      this.loading = false;
    }
    this.loadMs = performance.now() - started;
    this.log.info(`${this.name} part loaded in ${this.loadMs.toFixed(0)} ms`);
    return this.value.part;
  }

  dispose(): void {
    this.stubs.dispose();
  }
}
