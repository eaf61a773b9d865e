import * as path from 'node:path';
import { composeDocument, isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { hasOwn } from '../../core/own';

/** `extends.file` must exist and define `extends.service`. */
export const extendsNotFoundRule: ComposeRule = {
  id: 'ExtendsNotFound',
  severity: 'error',
  doc: 'extends.file does not exist, or does not define the service extended.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, workspace, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const ext = def.extends;
      if (!isJsonMap(ext) || typeof ext.file !== 'string') continue;
      const target = path.resolve(path.dirname(compose.path || '.'), ext.file);
      const result = workspace.read(target);
      // A file that exists but was refused is FileNotRead's to report.
      if (!result.ok && result.reason !== 'missing') continue;
      const text = result.ok ? result.text : undefined;
      if (text === undefined) {
        report(rangeAt(compose, ['services', name, 'extends', 'file']), `extends.file "${ext.file}" does not exist (${target}).`);
        continue;
      }
      if (typeof ext.service !== 'string') continue;
      const other = composeDocument(target, text, workspace);
      const services = other.model.services;
      if (!isJsonMap(services) || !hasOwn(services, ext.service)) {
        report(rangeAt(compose, ['services', name, 'extends', 'service']), `Service "${ext.service}" is not defined in ${ext.file}.`);
      }
    }
  },
};
