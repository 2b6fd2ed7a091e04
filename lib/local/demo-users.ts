/**
 * The people `npm start` prints tokens for: one of each authority role, a demo enterprise in Wuhan and another in
 * Yichang.
 *
 * The demo USCC is valid under GB 32100-2015 (check character `E`) and its organisation code `MA4K0A0A1` under
 * GB 11714 (check character `1`), so it passes the strictest validation the domain applies.
 *
 * Each also signs in to the web console through the local identity provider's login page (`/local-idp/authorize`)
 * with its user name and the password in {@link DEMO_PASSWORDS} — demo credentials for a laptop, printed by
 * `npm start` and in the README; they open nothing but the local runtime.
 *
 * @example
 * const token = await idp.mint(DEMO_USERS.enterprise);
 * DEMO_PASSWORDS.enterprise; // 'enterprise-demo'
 */
import type { Role } from '../../lambdas/contracts/route';
import type { MintOptions } from './identity';

export const DEMO_ENTERPRISE = {
  uscc: '91420100MA4K0A0A1E',
  name: '武汉示例机械制造有限公司',
} as const;

/**
 * A second enterprise (Yichang, valid USCC and organisation code `MA4K0B0B2`), so a test or a demo can type the first
 * one's page address by hand while signed in as another enterprise — and be refused.
 *
 * @example
 * DEMO_OTHER_ENTERPRISE.uscc; // '91420500MA4K0B0B2E'
 */
export const DEMO_OTHER_ENTERPRISE = {
  uscc: '91420500MA4K0B0B2E',
  name: '宜昌示例化工有限公司',
} as const;

export type DemoUser = 'officer' | 'reviewer' | 'admin' | 'enterprise' | 'enterprise2';

export const DEMO_USERS: Readonly<Record<DemoUser, MintOptions>> = {
  officer: { roles: ['officer'] as Role[], name: '本地发证员' },
  reviewer: { roles: ['reviewer'] as Role[], name: '本地审查员' },
  admin: { roles: ['admin'] as Role[], name: '本地管理员' },
  enterprise: { roles: ['enterprise'] as Role[], uscc: DEMO_ENTERPRISE.uscc, name: DEMO_ENTERPRISE.name },
  enterprise2: {
    roles: ['enterprise'] as Role[],
    uscc: DEMO_OTHER_ENTERPRISE.uscc,
    name: DEMO_OTHER_ENTERPRISE.name,
  },
};

/**
 * The login page's passwords, by user name (the user name is the role's name). Local demo credentials only.
 *
 * @example
 * DEMO_PASSWORDS.officer; // 'officer-demo'
 */
export const DEMO_PASSWORDS: Readonly<Record<DemoUser, string>> = {
  enterprise: 'enterprise-demo',
  enterprise2: 'enterprise2-demo',
  officer: 'officer-demo',
  reviewer: 'reviewer-demo',
  admin: 'admin-demo',
};
