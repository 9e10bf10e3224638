import type { ApiResult, OperationName, OutputOf } from '../../src/shared/api.js';

/**
 * The project's operations called over browser mode's HTTP API, as the
 * workbench in a browser calls them; results come back as data, errors too.
 */
export function httpCaller(server: { readonly port: number; readonly token: string }) {
  return async <N extends OperationName>(name: N, input: unknown): Promise<ApiResult<OutputOf<N>>> => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-marginalia-token': server.token },
      body: JSON.stringify(input),
    });
    return (await response.json()) as ApiResult<OutputOf<N>>;
  };
}

export type HttpCall = ReturnType<typeof httpCaller>;
