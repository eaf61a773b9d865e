#!/usr/bin/env node
// Writes server/src/ecs/schema.generated.json: the input of ECS RegisterTaskDefinition (the shapes reachable
// from RegisterTaskDefinitionRequest) from botocore's ecs service model, compacted to what the checks,
// completion and hover read. The wheel comes from PyPI through pip (`pip download --no-deps`), pinned below;
// run at build time by whoever updates the pin, never at install. `--check` fails when the output is stale.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BOTOCORE = '1.43.107';
const MODEL = 'botocore/data/ecs/2014-11-13/service-2.json.gz';
const ROOT = 'RegisterTaskDefinitionRequest';
const OUT = path.resolve(import.meta.dirname, '../../server/src/ecs/schema.generated.json');
const python = process.env.PYTHON ?? 'python3';

function readModel() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-botocore-'));
  try {
    execFileSync(python, ['-m', 'pip', 'download', `botocore==${BOTOCORE}`, '--no-deps', '--only-binary', ':all:', '-d', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    const wheel = fs.readdirSync(dir).find((f) => f.endsWith('.whl'));
    if (!wheel) throw new Error(`pip left no wheel of botocore ${BOTOCORE} in ${dir}`);
    // The wheel is a zip holding the model gzipped; Python's standard library reads both.
    const script = 'import sys,zipfile,gzip;sys.stdout.buffer.write(gzip.decompress(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])))';
    return JSON.parse(execFileSync(python, ['-c', script, path.join(dir, wheel), MODEL], { maxBuffer: 64 << 20 }).toString('utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** botocore's documentation is HTML; hover shows Markdown. */
function markdown(html) {
  if (!html) return undefined;
  return html
    .replace(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_, href, text) => `[${text.replace(/<[^>]+>/g, '')}](${href})`)
    .replace(/<\/?code>/g, '`')
    .replace(/<\/?(?:b|strong)>/g, '**')
    .replace(/<\/?(?:i|em)>/g, '_')
    .replace(/<li>\s*/g, '\n- ')
    .replace(/<\/p>\s*/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function compact(model) {
  const shapes = {};
  const visit = (name) => {
    if (shapes[name]) return;
    const shape = model.shapes[name];
    if (!shape) throw new Error(`shape ${name} is not in the model`);
    const out = { type: shape.type };
    shapes[name] = out;
    for (const key of ['enum', 'min', 'max', 'pattern', 'required']) if (shape[key] !== undefined) out[key] = shape[key];
    const doc = markdown(shape.documentation);
    if (doc) out.doc = doc;
    if (shape.members) {
      out.members = {};
      for (const [member, ref] of Object.entries(shape.members)) {
        const entry = { shape: ref.shape };
        const memberDoc = markdown(ref.documentation);
        if (memberDoc) entry.doc = memberDoc;
        if (ref.deprecated) entry.deprecated = ref.deprecatedMessage ?? true;
        out.members[member] = entry;
        visit(ref.shape);
      }
    }
    for (const key of ['member', 'key', 'value']) {
      if (!shape[key]) continue;
      out[key] = shape[key].shape;
      visit(shape[key].shape);
    }
  };
  visit(ROOT);
  // What DescribeTaskDefinition returns besides the request's members: a file saved from it is refused on registration.
  const request = model.shapes[ROOT].members;
  const outputOnly = Object.keys(model.shapes.TaskDefinition.members).filter((m) => !Object.hasOwn(request, m));
  return { source: `botocore ${BOTOCORE} (PyPI), ${MODEL}`, apiVersion: model.metadata.apiVersion, root: ROOT, outputOnly, shapes };
}

const text = `${JSON.stringify(compact(readModel()), null, 1)}\n`;
if (process.argv.includes('--check')) {
  if (!fs.existsSync(OUT) || fs.readFileSync(OUT, 'utf8') !== text) {
    console.error(`${path.relative(process.cwd(), OUT)} is stale: run node schemas/ecs/generate.mjs`);
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(process.cwd(), OUT)} (${Object.keys(JSON.parse(text).shapes).length} shapes)`);
}
