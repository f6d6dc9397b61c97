import { hash32, hashContinue, hashFinish, hashStart } from '../hash/hash.ts';

/**
 * Seeded random numbers, never `Math.random`: the same seed gives the same sequence in Node
 * and in every browser (32-bit integer arithmetic only).
 */

export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number;
}

/** sfc32 (Chris Doty-Humphrey's small fast counting generator) seeded from a string. */
export function createRng(seed: string): Rng {
  let a = hash32('sfc32-a', seed);
  let b = hash32('sfc32-b', seed);
  let c = hash32('sfc32-c', seed);
  let d = 1;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state in a dozen rounds.
  for (let i = 0; i < 12; i++) nextUint32();
  return { nextUint32, next: () => nextUint32() / 4_294_967_296 };
}

/**
 * A lead's own random stream: one 32-bit mulberry32 state per lead, seeded from
 * (simulation seed, lead key). Each lead draws from its own stream, so its journey does not
 * depend on the other leads or on the order they are processed, and the one-lead stepper
 * replays exactly the journey `simulate` gave that lead.
 */
export interface LeadStream {
  state: number;
}

export function leadStreamSeed(seed: string, leadKey: string): number {
  return createLeadStreamSeeder(seed)(leadKey);
}

/** `leadStreamSeed` with the seed hashed once, for many leads. */
export function createLeadStreamSeeder(seed: string): (leadKey: string) => number {
  const prefix = hashStart('lead-stream', seed);
  return (leadKey) => hashFinish(hashContinue(prefix, leadKey)) | 0;
}

/** How far a lead's stream state moves per draw (mulberry32's increment). */
export const STREAM_STEP = 0x6d2b79f5;

/**
 * The uniform in [0, 1) that an (already advanced) stream state gives. Hot loops keep the
 * state in a local — `state = (state + STREAM_STEP) | 0; u = streamUniform(state)` — and
 * store it back once, which is exactly `drawUniform`.
 */
export function streamUniform(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/** Next uniform in [0, 1) from a lead's stream (mulberry32), advancing it. */
export function drawUniform(stream: LeadStream): number {
  const state = (stream.state + STREAM_STEP) | 0;
  stream.state = state;
  return streamUniform(state);
}
