/**
 * A value kept on a per-request object (a request, a DAV context), made on first use. Not a WeakMap keyed by the
 * object: V8's young collections keep a long-lived WeakMap's values alive, and a value leading back to its key
 * (the files service and its clock, for one) kept every request's objects until a full collection — about 1 MB
 * promoted to the old generation per scavenge under uploads and downloads (--trace-gc-nvp).
 */
export function perRequest<O extends object, T>(name: string): { of(obj: O, make: () => T): T; has(obj: O): boolean } {
  const key = Symbol(name)
  type Holder = O & { [key]?: T }
  return {
    of: (obj, make) => ((obj as Holder)[key] ??= make()),
    has: (obj) => (obj as Holder)[key] !== undefined,
  }
}
