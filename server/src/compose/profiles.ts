import { isJsonMap } from './document';

/** Profiles switched on by COMPOSE_PROFILES (environment or .env), as docker compose reads them. */
export function activeProfiles(lookup: (name: string) => string | undefined): Set<string> {
  return new Set(
    (lookup('COMPOSE_PROFILES') ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );
}

export function profilesOf(def: unknown): string[] {
  return isJsonMap(def) && Array.isArray(def.profiles) ? def.profiles.map(String) : [];
}

/** A service with profiles none of which is active is not part of the project. */
export function isEnabled(def: unknown, active: Set<string>): boolean {
  const profiles = profilesOf(def);
  return !profiles.length || active.has('*') || profiles.some((p) => active.has(p));
}
