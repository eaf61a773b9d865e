// Providers the core registers at activation for what a part serves (its tree, its documents): each
// loads the part on its first call and then hands every call to the part's own provider, events included.
import * as vscode from 'vscode';

abstract class Lazy<T> {
  private target: T | undefined;
  constructor(private readonly load: () => void) {}

  /** The part's provider; loads the part first (which calls serve()). */
  protected get real(): T {
    if (!this.target) this.load();
    if (!this.target) throw new Error('the part did not serve this provider');
    return this.target;
  }

  protected attach(target: T): void {
    this.target = target;
  }
}

export class LazyTree<E> extends Lazy<vscode.TreeDataProvider<E>> implements vscode.TreeDataProvider<E> {
  private readonly changed = new vscode.EventEmitter<E | E[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;

  serve(tree: vscode.TreeDataProvider<E>): vscode.Disposable {
    this.attach(tree);
    return vscode.Disposable.from(this.changed, tree.onDidChangeTreeData?.((e) => this.changed.fire(e)) ?? { dispose() {} });
  }

  getChildren(element?: E): vscode.ProviderResult<E[]> {
    return this.real.getChildren(element);
  }

  getTreeItem(element: E): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real.getTreeItem(element);
  }
}

export class LazyContent extends Lazy<vscode.TextDocumentContentProvider> implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  serve(content: vscode.TextDocumentContentProvider): vscode.Disposable {
    this.attach(content);
    return vscode.Disposable.from(this.changed, content.onDidChange?.((uri) => this.changed.fire(uri)) ?? { dispose() {} });
  }

  provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): vscode.ProviderResult<string> {
    return this.real.provideTextDocumentContent(uri, token);
  }
}

export class LazyFileSystem extends Lazy<vscode.FileSystemProvider> implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  serve(fs: vscode.FileSystemProvider): vscode.Disposable {
    this.attach(fs);
    return vscode.Disposable.from(
      this.changed,
      fs.onDidChangeFile((events) => this.changed.fire(events)),
    );
  }

  watch(uri: vscode.Uri, options: { readonly recursive: boolean; readonly excludes: readonly string[] }): vscode.Disposable {
    return this.real.watch(uri, options);
  }
  stat(uri: vscode.Uri): vscode.FileStat | Thenable<vscode.FileStat> {
    return this.real.stat(uri);
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] | Thenable<[string, vscode.FileType][]> {
    return this.real.readDirectory(uri);
  }
  createDirectory(uri: vscode.Uri): void | Thenable<void> {
    return this.real.createDirectory(uri);
  }
  readFile(uri: vscode.Uri): Uint8Array | Thenable<Uint8Array> {
    return this.real.readFile(uri);
  }
  writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): void | Thenable<void> {
    return this.real.writeFile(uri, content, options);
  }
  delete(uri: vscode.Uri, options: { readonly recursive: boolean }): void | Thenable<void> {
    return this.real.delete(uri, options);
  }
  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { readonly overwrite: boolean }): void | Thenable<void> {
    return this.real.rename(oldUri, newUri, options);
  }
}
