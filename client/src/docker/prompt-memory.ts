// The answers a build or run prompt remembers for next time: what may hold secrets (build args, a run's
// environment) goes to SecretStorage (the OS keychain), the rest to workspace state. Answers an older
// version left in workspace state are moved on first read. No `vscode` import: the stores are its
// Memento and SecretStorage.

export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface SecretStore {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

export class PromptMemory<Plain extends object, Secret extends object> {
  constructor(
    private readonly state: StateStore,
    private readonly secrets: SecretStore,
    /** The fields that are secret (kept out of workspace state). */
    private readonly secretFields: readonly (keyof Secret & string)[],
  ) {}

  async recall(key: string): Promise<Partial<Plain & Secret> | undefined> {
    const plain = this.state.get<Record<string, unknown>>(key);
    const stored = await this.secrets.get(key);
    let secret: Record<string, unknown> = stored ? (JSON.parse(stored) as Record<string, unknown>) : {};
    if (plain && this.secretFields.some((f) => f in plain)) {
      // Written in clear by an older version: move it.
      secret = { ...Object.fromEntries(this.secretFields.filter((f) => f in plain).map((f) => [f, plain[f]])), ...secret };
      await this.remember(key, omit(plain, this.secretFields) as Plain, secret as Secret);
    }
    if (!plain && !stored) return undefined;
    return { ...omit(plain ?? {}, this.secretFields), ...secret } as Partial<Plain & Secret>;
  }

  async remember(key: string, plain: Plain, secret: Secret): Promise<void> {
    await this.state.update(key, omit(plain as Record<string, unknown>, this.secretFields));
    await this.secrets.store(key, JSON.stringify(secret));
  }
}

function omit(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));
}
