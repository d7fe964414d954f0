import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * A small Open311 GeoReport v2 client, as an integrator would write one: files a case by a
 * form-encoded POST, then follows it through `requests/{id}` and `servicerequestupdates`. It
 * speaks only the spec's JSON, with no code of the server's, so it shows what an outside client
 * can do with the interface.
 *
 *   npx tsx server/cli/open311-client.ts --base http://127.0.0.1:3000 --key o311_… \
 *     --service 05.01 --address-id C001 --description "小区门口路灯不亮已三天"
 */

export interface FileInput {
  serviceCode: string;
  description: string;
  lat?: number;
  long?: number;
  addressId?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
  attributes?: Record<string, string>;
}

export interface Followed {
  serviceRequestId: string;
  token: string | null;
  status: string;
  detailedStatus: string | null;
  updates: { status: string; description: string; updated_datetime: string }[];
}

async function json(response: Response): Promise<unknown> {
  const body = (await response.json()) as unknown;
  if (!response.ok) {
    const errors = Array.isArray(body) ? (body as { code: number; description: string }[]) : [];
    throw new Error(`Open311 ${response.status}: ${errors.map((error) => error.description).join('；') || response.statusText}`);
  }
  return body;
}

/** Files one request; answers its id and token. */
export async function fileRequest(base: string, apiKey: string, input: FileInput): Promise<{ serviceRequestId: string; token: string | null }> {
  const form = new URLSearchParams({ api_key: apiKey, service_code: input.serviceCode, description: input.description });
  if (input.lat !== undefined && input.long !== undefined) {
    form.set('lat', String(input.lat));
    form.set('long', String(input.long));
  }
  if (input.addressId) form.set('address_id', input.addressId);
  for (const [field, value] of [['first_name', input.firstName], ['last_name', input.lastName], ['phone', input.phone], ['email', input.email]] as const) {
    if (value) form.set(field, value);
  }
  for (const [code, value] of Object.entries(input.attributes ?? {})) form.set(`attribute[${code}]`, value);
  const response = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form });
  const [created] = (await json(response)) as { service_request_id?: string; token?: string }[];
  if (created?.service_request_id) return { serviceRequestId: created.service_request_id, token: created.token ?? null };
  if (!created?.token) throw new Error('Open311: 提交的回答既无 service_request_id 也无 token');
  // A batch server answers a token first: ask for the id it stands for.
  const [mapped] = (await json(await fetch(`${base}/open311/v2/tokens/${encodeURIComponent(created.token)}.json`))) as { service_request_id: string }[];
  return { serviceRequestId: mapped!.service_request_id, token: created.token };
}

/** Where a request stands now, and the steps since `since`. */
export async function follow(base: string, serviceRequestId: string, since: Date): Promise<Omit<Followed, 'token'>> {
  const [request] = (await json(await fetch(`${base}/open311/v2/requests/${encodeURIComponent(serviceRequestId)}.json`))) as {
    status: string;
    extended_attributes?: { detailed_status?: string };
  }[];
  const query = new URLSearchParams({ start_date: since.toISOString(), end_date: new Date(since.getTime() + 89 * 24 * 3600 * 1000).toISOString() });
  const updates = (await json(await fetch(`${base}/open311/v2/servicerequestupdates.json?${query}`))) as { service_request_id: string; status: string; description: string; updated_datetime: string }[];
  return {
    serviceRequestId,
    status: request!.status,
    detailedStatus: request!.extended_attributes?.detailed_status ?? null,
    updates: updates.filter((update) => update.service_request_id === serviceRequestId).map(({ status, description, updated_datetime }) => ({ status, description, updated_datetime })),
  };
}

/** Files, then follows: what the command line does. */
export async function fileAndFollow(base: string, apiKey: string, input: FileInput, since: Date): Promise<Followed> {
  const filed = await fileRequest(base, apiKey, input);
  return { ...(await follow(base, filed.serviceRequestId, since)), token: filed.token };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: 'http://127.0.0.1:3000' },
      key: { type: 'string' },
      service: { type: 'string' },
      description: { type: 'string' },
      'address-id': { type: 'string' },
      lat: { type: 'string' },
      long: { type: 'string' },
      follow: { type: 'string' },
    },
  });
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  if (values.follow) {
    console.log(JSON.stringify(await follow(values.base, values.follow, since), null, 2));
    return;
  }
  if (!values.key || !values.service || !values.description) throw new Error('用法：--key <api_key> --service <service_code> --description <描述> [--address-id <小区编号> | --lat <纬度> --long <经度>]；或 --follow <service_request_id>');
  const followed = await fileAndFollow(
    values.base,
    values.key,
    {
      serviceCode: values.service,
      description: values.description,
      ...(values['address-id'] ? { addressId: values['address-id'] } : {}),
      ...(values.lat && values.long ? { lat: Number(values.lat), long: Number(values.long) } : {}),
    },
    since,
  );
  console.log(JSON.stringify(followed, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
