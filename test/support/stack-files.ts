// Large stack files for the bad-input tests (the LSP one and the live one on the test swarm): `count` services of
// five lines each, replicas 0 (a deploy creates the services without running 1,000 containers), and extra lines in
// some services (`extra[i]`, indented as keys of service i) to put a defect where a test wants it.
export function manyServicesStack(count: number, image: string, extra: Record<number, string> = {}): string {
  const out = ['services:'];
  for (let i = 0; i < count; i++) {
    out.push(`  svc${i}:`, `    image: ${image}`, '    command: ["sleep", "3600"]', '    deploy:', '      replicas: 0');
    if (extra[i]) out.push(`    ${extra[i]}`);
  }
  return `${out.join('\n')}\n`;
}

/** The 0-based line of service `i`'s extra line in manyServicesStack (one extra line per earlier service that has one). */
export function extraLine(i: number, extra: Record<number, string>): number {
  return 1 + i * 5 + 5 + Object.keys(extra).filter((k) => Number(k) < i).length;
}
