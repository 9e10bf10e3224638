/**
 * The renderer's one way to the Node side. Every operation of src/shared/api.ts
 * goes through `call`, which picks the transport once: Electron's preload bridge
 * when it is there, HTTP on the same origin otherwise. Nothing else in the
 * renderer knows which one is underneath.
 */
import type { ApiError, ApiResult, InputOf, OperationName, OutputOf } from '../shared/api.js';
import type { ExportFormat } from '../shared/model.js';

/** Commands the desktop app's menu sends to the page. */
export type MenuCommand = 'undo' | 'redo' | 'import' | 'export';

/**
 * What the Electron preload exposes on `window.marginalia`. Only `call` is
 * required; the native helpers are used when a preload offers them.
 */
export interface MarginaliaBridge {
  readonly shell: 'electron';
  call(name: string, input: unknown): Promise<unknown>;
  /** A native dialog for files (or folders) to import; [] when cancelled. */
  chooseFiles?(options?: { folders?: boolean }): Promise<string[]>;
  /** A native save dialog for an export; null when cancelled. */
  chooseSavePath?(options?: { defaultName?: string }): Promise<string | null>;
  /** Calls `listener` for each menu command; returns an unsubscribe function. */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void;
  /** The file-system path of a dropped file ('' when it is not a file on disk). */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    marginalia?: MarginaliaBridge;
  }
}

/** The contract's error codes, plus the two failures only a transport can see. */
export type ApiCallErrorCode = ApiError['code'] | 'unauthorised' | 'network';

/** Thrown by `call` when the Node side answers `{ ok: false }` or cannot be reached. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';

  constructor(
    readonly code: ApiCallErrorCode,
    message: string,
    readonly operation: OperationName,
  ) {
    super(message);
  }
}

/** Shown when the browser-mode cookie is gone; the server prints a fresh link on start. */
export const UNAUTHORISED_MESSAGE = 'This tab is no longer authorised; open the link printed in the terminal again.';

/** The shell the renderer runs in, decided by whether the preload bridge exists. */
export function transportKind(): 'electron' | 'browser' {
  return typeof window !== 'undefined' && typeof window.marginalia?.call === 'function' ? 'electron' : 'browser';
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const result = value as { ok: unknown; error?: unknown };
  if (result.ok === true) return 'value' in value;
  if (result.ok !== false) return false;
  const error = result.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

async function callOverHttp(name: OperationName, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiCallError('network', `Marginalia is not reachable (${error instanceof Error ? error.message : String(error)}). Is the server still running?`, name);
  }
  if (response.status === 401 || response.status === 403) throw new ApiCallError('unauthorised', UNAUTHORISED_MESSAGE, name);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiCallError('failed', `The server answered ${name} with HTTP ${response.status} and no result.`, name);
  }
  if (!isApiResult(body)) throw new ApiCallError('failed', `The server answered ${name} with something that is not a result.`, name);
  return body;
}

/**
 * Calls one operation of the contract and returns its value; throws an
 * ApiCallError when the Node side refuses or cannot be reached.
 */
export async function call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const bridge = typeof window !== 'undefined' ? window.marginalia : undefined;
  const result = bridge && typeof bridge.call === 'function' ? await bridge.call(name, input) : await callOverHttp(name, input);
  if (!isApiResult(result)) throw new ApiCallError('failed', `The answer to ${name} is not a result.`, name);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message, name);
  // The Node side parsed its output with the same contract, so the shape is trusted here.
  return result.value as OutputOf<N>;
}

/** The preload bridge in Electron, undefined in a browser tab. */
export function electronBridge(): MarginaliaBridge | undefined {
  return transportKind() === 'electron' ? window.marginalia : undefined;
}

/** A readable message for anything a call or a handler threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Query parameters of browser mode's download endpoint for an export. */
export interface DownloadExportOptions {
  readonly format: ExportFormat;
  readonly status: 'accepted' | 'suggested' | 'rejected' | 'all';
  /** Undefined means every label. */
  readonly labels?: readonly string[];
  /** Undefined means every annotator. */
  readonly annotators?: readonly string[];
  readonly bom?: boolean;
  /** The file name the download is saved under (the server keeps it to a plain name with the format's extension). */
  readonly fileName?: string;
}

/** The same-origin URL that streams an export as a download (browser mode only). */
export function downloadExportUrl(options: DownloadExportOptions): string {
  const params = new URLSearchParams({ format: options.format, status: options.status });
  if (options.labels !== undefined) params.set('labels', options.labels.join(','));
  // One parameter per annotator: a name may hold a comma.
  for (const annotator of options.annotators ?? []) params.append('annotator', annotator);
  if (options.bom === true) params.set('bom', '1');
  if (options.fileName !== undefined) params.set('name', options.fileName);
  return `/download/export?${params.toString()}`;
}
