import type { SignedIn, TestApp } from '../../testing/test-app.js';

/** Requests and factories shared by the catalogue tests; each call makes fresh data with unique codes. */
export function catalogueHelpers(t: TestApp) {
  let counter = 0;
  const inject = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, language = 'vi') =>
    t.app.inject({ method, url, payload: payload as never, headers: { ...who.headers, 'accept-language': language } });

  async function createService(admin: SignedIn, overrides: Record<string, unknown> = {}) {
    counter += 1;
    const response = await inject(admin, 'POST', '/api/catalogue/services', {
      code: `DV-TEST-${counter}`,
      name: `Vận hành hệ thống thử nghiệm ${counter}`,
      unit: 'hệ thống/tháng',
      orderingMethods: ['ordering'],
      normReference: 'Quyết định số 12/2025/QĐ-UBND (minh họa)',
      ...overrides,
    });
    if (response.statusCode !== 201) throw new Error(`service not created: ${response.body}`);
    return response.json();
  }

  const price = (overrides: Record<string, unknown> = {}) => ({
    unitPrice: 15_000_000,
    validFrom: '2025-01-01',
    decisionNumber: '12/2025/QĐ-UBND',
    decisionDate: '2024-12-20',
    decisionIssuer: 'Ủy ban nhân dân tỉnh An Bình',
    ...overrides,
  });

  const kpi = (overrides: Record<string, unknown> = {}) => ({
    code: 'UPTIME',
    name: 'Tỷ lệ sẵn sàng của hệ thống',
    unit: '%',
    target: '99.5',
    direction: 'at_least',
    measurement: 'Số liệu giám sát tự động, tính theo tháng',
    deductionRule: { kind: 'per_unit', percentPerUnit: '2', maxPercent: '10' },
    ...overrides,
  });

  return { inject, createService, price, kpi };
}
