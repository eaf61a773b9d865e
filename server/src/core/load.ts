import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, type ChartProbe } from './detect';
import { matchesAnyGlob } from './path-glob';
import { effectiveKubernetesVersion, type Settings } from './settings';
import { pathToUri, sourceFile, uriToPath, type SourceFile } from './source';

/** Language ids the editor may give; detection decides the kind, the id only breaks ties. */
const LANGUAGE_ID: Record<string, string> = { dockerfile: 'dockerfile', compose: 'dockercompose' };

/** Turns a text (from an editor or from disk) into a SourceFile, or undefined when it is not ours. */
export function loadDocument(document: TextDocument, settings: Settings, probe: ChartProbe, clusterVersion?: string): SourceFile | undefined {
  const text = document.getText();
  const filePath = uriToPath(document.uri) || document.uri;
  let detection = detectKind(filePath, text, probe);
  // An untitled or oddly named editor whose language the user chose explicitly.
  if (!detection && document.languageId === LANGUAGE_ID.dockerfile) detection = { kind: 'dockerfile' };
  if (!detection && document.languageId === LANGUAGE_ID.compose) detection = { kind: 'compose' };
  // A file listed in shipshape.swarm.stackFiles is a stack (a Compose file) whatever its name.
  if ((!detection || detection.kind === 'yaml') && matchesAnyGlob(filePath, settings.swarm.stackFiles)) detection = { kind: 'compose' };
  if (!detection) return undefined;
  const version = effectiveKubernetesVersion(settings, detection.kubernetesVersion, clusterVersion);
  return sourceFile(document, detection.kind, version);
}

export function loadFile(filePath: string, text: string, settings: Settings, probe: ChartProbe, clusterVersion?: string): SourceFile | undefined {
  const document = TextDocument.create(pathToUri(filePath), '', 0, text);
  return loadDocument(document, settings, probe, clusterVersion);
}
