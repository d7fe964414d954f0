/** What the start-up banner needs to know about the running server. */
export interface BannerFacts {
  /** The address people reach the server at, ending in `/`. */
  url: string;
  engine: string;
  production: boolean;
  /** The demo accounts table, shown outside production. */
  demoAccounts?: string;
}

/**
 * The text printed once the server listens: where it is, and commands that work when pasted as
 * they are, because they carry the real address instead of an example port.
 */
export function startupBanner(facts: BannerFacts): string {
  const api = `${facts.url}api/v1`;
  const lines = [
    '',
    `共治包河 已启动 (${facts.engine})`,
    `  门户: ${facts.url}`,
    `  接口: ${facts.url}api/health`,
    `  接口文档: ${facts.url}api/openapi.json`,
    '',
    '试一试（可直接粘贴到终端）:',
    `  curl -s ${facts.url}api/health`,
  ];
  if (!facts.production) {
    lines.push(
      `  B=${api}`,
      `  TOKEN=$(curl -s $B/auth/dev-login -H 'content-type: application/json' -d '{"username":"resident01"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')`,
      `  curl -s $B/cases -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"subcategoryCode":"05.01","description":"3栋电梯突然下坠","compoundCode":"C001"}'`,
      `  curl -s "$B/cases?view=mine" -H "authorization: Bearer $TOKEN"`,
    );
    if (facts.demoAccounts) lines.push('', '演示账号（密码均为 baohe2026）:', facts.demoAccounts);
  }
  return `${lines.join('\n')}\n`;
}

/** The URL a person pastes: a wildcard bind address is reached through loopback, IPv6 in brackets. */
export function reachableUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}/`;
}
