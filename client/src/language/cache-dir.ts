import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Shipshape's folder in the user's cache (compiled code of its bundles): never the extension's install folder,
 * which may be read-only and is replaced on update, and never the workspace.
 */
export function userCacheDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'shipshape');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'shipshape');
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'shipshape');
}
