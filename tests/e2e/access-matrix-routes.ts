import type { Fixtures, MarketFixture, Principal } from './access-matrix-fixtures';

/** One operation of the OpenAPI document. */
export interface Operation {
  method: string;
  /** As in the document: `/api/markets/{code}`. */
  path: string;
  permission: string | null;
  requiredQuery: Array<{ name: string; schema: { enum?: unknown[]; example?: unknown; default?: unknown } }>;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        'x-permission'?: string;
        parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Operation['requiredQuery'][number]['schema'] }>;
      }
    >
  >;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        method,
        path,
        permission: operation['x-permission'] ?? null,
        requiredQuery: (operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => ({ name: p.name, schema: p.schema ?? {} })),
      })),
  );
}

/** A request ready to send, and whether what it touches lies in the target market. */
export interface PlannedRequest {
  url: string;
  body?: string | object;
  contentType?: string;
  inMarket: boolean;
  /** How a market limit refuses it when the role may: 403, or the import's 422 naming the row. */
  outOfMarketStatus: number;
}

type Target = MarketFixture;

/**
 * Path parameters by resource (the path's second segment) and name. The market-bound ones make
 * the request lie in the target market; a new parameter fails the matrix until it is added here.
 */
function paramValue(fixtures: Fixtures, target: Target, resource: string, name: string): { value: string; inMarket: boolean } {
  const values: Record<string, () => { value: string; inMarket: boolean }> = {
    'markets:code': () => ({ value: target.code, inMarket: true }),
    'segments:id': () => ({ value: target.segment.id, inMarket: true }),
    'surveys:id': () => ({ value: target.survey, inMarket: true }),
    'pulse-programmes:id': () => ({ value: target.programme.id, inMarket: true }),
    'employees:employeeId': () => ({ value: target.employee.employee_id!, inMarket: true }),
    'tiers:key': () => ({ value: fixtures.tier.key, inMarket: false }),
    'tokens:id': () => ({ value: fixtures.spareToken, inMarket: false }),
    'users:id': () => ({ value: fixtures.spareUser.id, inMarket: false }),
  };
  const value = values[`${resource}:${name}`];
  if (!value) throw new Error(`the access matrix has no fixture for {${name}} of /api/${resource}; add one`);
  return value();
}

interface Body {
  body: (fixtures: Fixtures, target: Target) => string | object;
  inMarket: boolean;
  contentType?: string;
  query?: string;
  outOfMarketStatus?: number;
}

/**
 * A valid body for every write, so that a market limit answers 403 rather than validation a 400;
 * each either changes nothing (the same name again) or fails after the access check (409), so
 * that no request spoils a fixture another needs. Creations add rows nobody else counts.
 */
const BODIES: Record<string, Body> = {
  'post /api/markets': { body: (_f, target) => ({ code: target.code, name: 'Clash', timezone: 'Europe/Berlin', locale: 'de-DE' }), inMarket: true },
  'patch /api/markets/{code}': { body: (_f, target) => ({ name: target.name }), inMarket: true },
  'post /api/tiers': { body: (f) => ({ key: f.tier.key, name: f.tier.name }), inMarket: false },
  'put /api/tiers/order': { body: (f) => ({ keys: f.tier.order }), inMarket: false },
  'patch /api/tiers/{key}': { body: (f) => ({ name: f.tier.name }), inMarket: false },
  'post /api/employees/import': {
    body: (_f, target) => `${Object.keys(target.employee).join(',')}\n${Object.values(target.employee).join(',')}\n`,
    contentType: 'text/csv',
    query: 'dryRun=true',
    inMarket: true,
    outOfMarketStatus: 422,
  },
  'post /api/segments': { body: (_f, target) => ({ name: 'Matrix created', rules: { markets: [target.code] } }), inMarket: true },
  'patch /api/segments/{id}': { body: (_f, target) => ({ name: target.segment.name }), inMarket: true },
  'post /api/surveys': {
    body: (_f, target) => ({ kind: 'baseline', market: target.code, channels: ['email'], opensAt: '2030-02-03T08:00:00Z', closesAt: '2030-02-17T17:00:00Z' }),
    inMarket: true,
  },
  'post /api/pulse-programmes': {
    body: (_f, target) => ({ market: target.code, name: 'Matrix created', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2030-02-04' }),
    inMarket: true,
  },
  'patch /api/pulse-programmes/{id}': { body: (_f, target) => ({ name: target.programme.name }), inMarket: true },
  'post /api/tokens': { body: () => ({ name: 'matrix created', role: 'viewer' }), inMarket: false },
  'post /api/users': { body: (f) => ({ email: f.spareUser.email, name: 'Clash' }), inMarket: false },
  'patch /api/users/{id}': { body: (f) => ({ name: f.spareUser.name }), inMarket: false },
};

// Writes that take no body.
const BODILESS = new Set([
  'delete /api/tiers/{key}',
  'delete /api/segments/{id}',
  'post /api/surveys/{id}/launch',
  'post /api/surveys/{id}/close',
  'post /api/tokens/{id}/revoke',
]);

export function planRequest(fixtures: Fixtures, operation: Operation, target: Target): PlannedRequest {
  const key = `${operation.method} ${operation.path}`;
  const resource = operation.path.split('/')[2];
  let inMarket = false;
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const param = paramValue(fixtures, target, resource, name);
    inMarket ||= param.inMarket;
    return encodeURIComponent(param.value);
  });
  const body = BODIES[key];
  if (operation.method !== 'get' && !body && !BODILESS.has(key)) throw new Error(`the access matrix has no body for ${key}; add one`);
  const query = operation.requiredQuery.map(({ name, schema }) => {
    const value = schema.enum?.[0] ?? schema.example ?? schema.default;
    if (value === undefined) throw new Error(`the access matrix cannot fill the required query parameter ${name} of ${key}`);
    return `${name}=${encodeURIComponent(String(value))}`;
  });
  if (body?.query) query.push(body.query);
  return {
    url: query.length ? `${path}?${query.join('&')}` : path,
    body: body?.body(fixtures, target),
    contentType: body?.contentType,
    inMarket: inMarket || (body?.inMarket ?? false),
    outOfMarketStatus: body?.outOfMarketStatus ?? 403,
  };
}

/**
 * What README's table (with its market rules) says the principal gets: 'public', 401, 403, the
 * market limit's refusal, or 'allowed'.
 */
export function expectedOutcome(
  table: Map<string, string[]>,
  everyMarket: ReadonlySet<string>,
  principal: Principal,
  operation: Operation,
  request: PlannedRequest,
  target: Target,
): 'public' | 'allowed' | number {
  if (operation.permission === null) return 'public';
  if (principal.role === null || (principal.cookie && operation.method !== 'get')) return 401;
  if (!table.get(operation.permission)?.includes(principal.role)) return 403;
  if (principal.markets === null) return 'allowed';
  if (everyMarket.has(operation.permission)) return 403;
  if (request.inMarket && !principal.markets.includes(target.code)) return request.outOfMarketStatus;
  return 'allowed';
}
