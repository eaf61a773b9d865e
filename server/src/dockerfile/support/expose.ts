import { analyze, type Analysis } from '../analysis';
import { dispatched, type DockerfileModel } from '../model';
import type { Instruction, Span } from '../syntax/parse';

/** BuildKit's EXPOSE port parsing (dockerfile2llb/convert_expose.go): `[ip:][hostPort:]port[-end][/proto]`. */
export interface PortSpec {
  raw: string;
  ip: string;
  hostPort: string;
  containerPort: string;
  proto: string;
  protoGiven: boolean;
  error?: string;
}

export function parsePortSpec(raw: string): PortSpec {
  const { ip, hostPort, containerPort } = splitParts(raw);
  const slash = containerPort.lastIndexOf('/');
  const port = slash >= 0 ? containerPort.slice(0, slash) : containerPort;
  const proto = slash >= 0 ? containerPort.slice(slash + 1) : 'tcp';
  const spec: PortSpec = { raw, ip, hostPort, containerPort: port, proto, protoGiven: slash >= 0 };
  if (!port) spec.error = `invalid port: ${JSON.stringify(raw)}`;
  else if (!validRange(port)) spec.error = `invalid containerPort: ${port}`;
  else if (hostPort && !validRange(hostPort)) spec.error = `invalid hostPort: ${hostPort}`;
  else if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) spec.error = `invalid proto: ${proto}`;
  return spec;
}

function splitParts(raw: string): { ip: string; hostPort: string; containerPort: string } {
  const parts = raw.split(':');
  const n = parts.length;
  const containerPort = parts[n - 1];
  if (n === 1) return { ip: '', hostPort: '', containerPort };
  if (n === 2) return { ip: '', hostPort: parts[0], containerPort };
  return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2], containerPort };
}

/** 1-65535, or a range start-end. */
function validRange(value: string): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value);
  if (!m) return false;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  return start >= 1 && end <= 65535 && start <= end;
}

/** EXPOSE ports as BuildKit validates them: variables expanded, then split into words (ProcessWords). */
export function exposePorts(ins: Instruction, analysis: Analysis): Array<{ span: Span; value: string; expanded: boolean }> {
  const expanded = analysis.expanded.get(ins) ?? [];
  const out: Array<{ span: Span; value: string; expanded: boolean }> = [];
  for (const word of ins.args) {
    if (!word.value.includes('$')) {
      out.push({ span: word, value: word.value, expanded: false });
      continue;
    }
    const value = expanded.find((e) => e.span.start === word.start)?.value;
    if (value === null || value === undefined) continue;
    for (const part of value.split(/\s+/).filter(Boolean)) out.push({ span: word, value: part, expanded: true });
  }
  return out;
}

/** Every EXPOSE port BuildKit dispatches (ONBUILD triggers included), parsed: what its EXPOSE checks walk. */
export function* dispatchedExposePorts(model: DockerfileModel): Generator<{ ins: Instruction; port: { span: Span; value: string; expanded: boolean }; spec: PortSpec }> {
  for (const stage of model.stages) {
    for (const ins of dispatched(stage, model)) {
      if (ins.name !== 'expose') continue;
      for (const port of exposePorts(ins, analyze(model))) yield { ins, port, spec: parsePortSpec(port.value) };
    }
  }
}
