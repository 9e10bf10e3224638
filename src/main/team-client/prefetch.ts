/**
 * Starts a request whose answer is awaited later, so the server works on the
 * next page while this laptop stores the last one. A failure is kept for that
 * await; until then it is not reported as an unhandled rejection (and if the
 * sync stops first, cancelled or failed, nobody needs it).
 */
export function prefetch<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined);
  return request;
}
