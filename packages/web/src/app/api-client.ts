import type { ErrorBody, ErrorCode, ErrorDetail } from '@nghiemthu/shared';
import { currentLanguage, i18n } from './i18n';

/** An error answered by the API (message already in the user's language) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

type RequestOptions = {
  query?: QueryParams;
  json?: unknown;
  form?: FormData;
  /** Login and password change answer 401 for a wrong password; that is not an expired session. */
  isCredentialCheck?: boolean;
};

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** The session's anti-forgery token, sent as `x-csrf-token` on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Builds a same-origin URL; empty filters are left out. Also used for download links. */
export function apiUrl(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function apiGet<T>(path: string, query?: QueryParams): Promise<T> {
  return request<T>('GET', path, { query });
}

export function apiPost<T>(
  path: string,
  json?: unknown,
  options: Pick<RequestOptions, 'isCredentialCheck'> = {},
): Promise<T> {
  return request<T>('POST', path, { json, ...options });
}

export function apiPatch<T>(path: string, json: unknown): Promise<T> {
  return request<T>('PATCH', path, { json });
}

export function apiPut<T>(path: string, json: unknown): Promise<T> {
  return request<T>('PUT', path, { json });
}

/** Some deletions answer with the record as it now is (a dossier without the removed file). */
export function apiDelete<T = void>(path: string): Promise<T> {
  return request<T>('DELETE', path, {});
}

export function apiUpload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return request<T>('POST', path, { form });
}

/**
 * An upload that reports how much has been sent (0 to 1), for large evidence files on slow links;
 * fetch cannot report upload progress, so this one uses XMLHttpRequest with the same headers and errors.
 */
export function apiUploadWithProgress<T>(path: string, file: File, onProgress?: (fraction: number) => void): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, { status: xhr.status, headers: { 'content-type': 'application/json' } });
      if (response.ok) {
        resolve(response.json() as Promise<T>);
        return;
      }
      if (response.status === 401) onUnauthenticated();
      void readError(response).then(reject);
    };
    xhr.send(form);
  });
}

async function request<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }

  if (response.ok) {
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  const error = await readError(response);
  if (response.status === 401 && !options.isCredentialCheck) onUnauthenticated();
  throw error;
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const { error } = (await response.json()) as ErrorBody;
    return new ApiError(response.status, error.code, error.message, error.details ?? []);
  } catch {
    return new ApiError(response.status, 'INTERNAL', i18n.t('errors.unexpected', { status: response.status }));
  }
}
