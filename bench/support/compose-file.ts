/** A realistic Compose file of about 2,000 lines: services with build, ports, env, healthchecks, deploy, volumes. */
export function generateComposeFile(targetLines: number): string {
  const out: string[] = ['name: bench', 'services:'];
  let i = 0;
  while (out.length < targetLines - 40) {
    const name = `svc${i}`;
    out.push(
      `  ${name}:`,
      `    image: registry.example.com/team/${name}:1.${i}.0`,
      `    container_name: bench-${name}`,
      '    restart: unless-stopped',
      '    ports:',
      `      - "${10000 + i}:8080"`,
      '    environment:',
      `      SERVICE_NAME: ${name}`,
      '      LOG_LEVEL: ${LOG_LEVEL:-info}',
      '    depends_on:',
      `      ${i === 0 ? 'db' : `svc${i - 1}`}:`,
      '        condition: service_started',
      '    healthcheck:',
      '      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]',
      '      interval: 30s',
      '      timeout: 5s',
      '      retries: 3',
      '    deploy:',
      '      resources:',
      '        limits:',
      '          cpus: "0.5"',
      '          memory: 256m',
      '    volumes:',
      `      - data:/var/lib/${name}`,
      '    networks: [back]',
    );
    i++;
  }
  out.push('  db:', '    image: postgres:17', '    volumes:', '      - data:/var/lib/postgresql/data', '    networks: [back]');
  out.push('volumes:', '  data: {}', 'networks:', '  back: {}');
  return out.join('\n') + '\n';
}
