import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS (module.exports = fn) while its types declare a default export.
type Canonicalize = (input: unknown) => string | undefined;
const loaded = canonicalizeModule as unknown as Canonicalize | { default: Canonicalize };

/** JSON in the RFC 8785 canonical form: the same value always gives the same bytes, so its hash can be checked later. */
export const canonicalize: Canonicalize = typeof loaded === 'function' ? loaded : loaded.default;
