import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
} from '../../../electron/main/content-security-policy';

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources.join(' ')]));
}

describe('content security policy', () => {
  it('allows nothing remote, no eval, no plugins, no framing', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|ws:|unsafe-eval|\*/);
    // served as app://ledger/ (a standard scheme): 'self' is that origin, no scheme needs naming
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/file:|app:|filesystem:/);
  });

  it('the <meta> form is the same policy minus frame-ancestors (ignored in <meta>)', () => {
    const meta = directives(META_CONTENT_SECURITY_POLICY);
    expect(meta.has('frame-ancestors')).toBe(false);
    for (const [name, sources] of meta) expect(directives(CONTENT_SECURITY_POLICY).get(name)).toBe(sources);
  });

  it('the development policy only adds what hot reload needs, for the dev server', () => {
    const csp = directives(devContentSecurityPolicy('http://localhost:5173'));
    expect(csp.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
  });
});
