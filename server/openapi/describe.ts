import type Router from '@koa/router';
import type { z } from 'zod';

/**
 * Each route's OpenAPI description, recorded beside its handler: a route file calls `describe`
 * right before `router.get(...)`, and the document is built from what the router collected, so
 * there is no second table to keep in step (the test beside document.ts holds the two together).
 */

export type JsonSchema = z.core.JSONSchema.JSONSchema;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Statuses an error envelope may come with; each has a shared response in the document. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 502 | 503;

/** Who may call: nobody needs a token, a token is optional (public view otherwise), or required. */
export type Access = 'public' | 'optional' | 'signed_in';

export type Tag = '系统' | '登录' | '分类目录' | '案件' | '照片' | '地点' | '账号' | '后台任务' | '消息' | '议事协商' | '住户身份' | '统计分析' | '开放接口' | '热线' | '入户走访';

export interface HeaderParameter {
  name: string;
  required: boolean;
  description: string;
  schema: JsonSchema;
}

export interface MediaType {
  schema?: JsonSchema;
}

export interface ResponseDescription {
  description: string;
  /** The JSON body, from a schema in shared/api (its wire form). */
  schema?: z.ZodType;
  /** Any other body (an image, a document), given as is. */
  content?: Record<string, MediaType>;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

export interface OperationDescription {
  method: HttpMethod;
  /** As the router has it (`/api/v1/cases/:id`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  access: Access;
  request?: {
    /** Path parameters: the schema the handler parses `ctx.params` with, and a word on each. */
    params?: { schema: z.ZodObject; descriptions: Record<string, string> };
    /** Query parameters, likewise. */
    query?: {
      schema: z.ZodObject;
      descriptions: Record<string, string>;
      /**
       * Parameters of which at most one may be sent: documented as one form-exploded object
       * parameter with `maxProperties: 1`, the only way OpenAPI can state a rule across parameters.
       */
      atMostOne?: { name: string; keys: readonly string[]; description: string };
    };
    headers?: HeaderParameter[];
    /** A JSON body; the body parser's own refusals (400, 413, 415) are added for it. */
    json?: { schema: z.ZodType | { $ref: string }; required: boolean; description?: string };
    /** A body of another media type (a photo), given as is. */
    raw?: { required: boolean; description?: string; content: Record<string, MediaType> };
  };
  /** Success statuses (2xx, and 503 for the health check) with their bodies. */
  responses: Record<number, ResponseDescription>;
  /** Error statuses the handler itself may answer; 401 (an unusable token) is added to every operation. */
  errors: ErrorStatus[];
  extensions?: Record<`x-${string}`, unknown>;
  /** JSON schemas the operation refers to as `#/components/schemas/<name>`. */
  components?: Record<string, JsonSchema>;
}

const described = new WeakMap<Router, OperationDescription[]>();

/** Records the description of the route registered next to it on `router`. */
export function describe(router: Router, operation: OperationDescription): void {
  const list = described.get(router) ?? [];
  list.push(operation);
  described.set(router, list);
}

/** Everything described on `router`, in the order the routes were registered. */
export function describedOperations(router: Router): readonly OperationDescription[] {
  return described.get(router) ?? [];
}
