/**
 * Platform-independent 32-bit string hashing: FNV-1a over the UTF-8 bytes (encoded here, so
 * Node and browsers agree without TextEncoder or `node:crypto`), finished with murmur3's
 * avalanche step so that keys differing in one character spread over the whole range.
 *
 * The hash is streaming: `hashStart` / `hashContinue` / `hashFinish` let callers hash a fixed
 * prefix once (seed, node id) and each lead key after it, which is what makes split and
 * control-group assignment cheap enough for a million leads.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Separates the parts of a composite key, so ("ab","c") and ("a","bc") hash apart. */
const SEPARATOR = 0x1f;

function mixByte(state: number, byte: number): number {
  return Math.imul(state ^ byte, FNV_PRIME);
}

/** Feeds the UTF-8 bytes of `text` into an FNV-1a state (lone surrogates become U+FFFD, as TextEncoder does). */
export function hashContinue(state: number, text: string): number {
  let h = state;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      h = Math.imul(h ^ code, FNV_PRIME);
      continue;
    }
    if (code < 0x800) {
      h = mixByte(h, 0xc0 | (code >> 6));
      h = mixByte(h, 0x80 | (code & 0x3f));
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        h = mixByte(h, 0xf0 | (code >> 18));
        h = mixByte(h, 0x80 | ((code >> 12) & 0x3f));
        h = mixByte(h, 0x80 | ((code >> 6) & 0x3f));
        h = mixByte(h, 0x80 | (code & 0x3f));
        continue;
      }
      code = 0xfffd;
    }
    h = mixByte(h, 0xe0 | (code >> 12));
    h = mixByte(h, 0x80 | ((code >> 6) & 0x3f));
    h = mixByte(h, 0x80 | (code & 0x3f));
  }
  return h;
}

/** Starts a hash over the given parts, each followed by a separator byte. */
export function hashStart(...parts: readonly string[]): number {
  let h = FNV_OFFSET;
  for (const part of parts) h = mixByte(hashContinue(h, part), SEPARATOR);
  return h;
}

/** murmur3's fmix32: every input bit affects every output bit. Returns an unsigned 32-bit integer. */
export function hashFinish(state: number): number {
  let h = state;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Unsigned 32-bit hash of one or more strings (the parts are separated, not concatenated). */
export function hash32(...parts: readonly string[]): number {
  return hashFinish(hashStart(...parts));
}

const TWO_TO_32 = 4_294_967_296;

/** A hash mapped to [0, 1): the fraction used by splits and the control group. */
export function hashFraction(hash: number): number {
  return hash / TWO_TO_32;
}
