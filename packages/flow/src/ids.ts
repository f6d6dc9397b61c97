import { z } from 'zod';

/**
 * Branded ids: opaque strings that the type system keeps apart, so a NodeId can never be
 * passed where a TransitionId is expected. Names are labels only; ids are identity.
 */
const id = <B extends string>(_brand: B) =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : -')
    // Ids key plain records (layout positions, counters); `__proto__` would vanish from them.
    .refine((value) => value !== '__proto__', 'this id is reserved')
    .brand<B>();

export const NodeId = id('NodeId');
export type NodeId = z.infer<typeof NodeId>;
export const TransitionId = id('TransitionId');
export type TransitionId = z.infer<typeof TransitionId>;
export const CampaignId = id('CampaignId');
export type CampaignId = z.infer<typeof CampaignId>;
export const SegmentId = id('SegmentId');
export type SegmentId = z.infer<typeof SegmentId>;
export const LeadId = id('LeadId');
export type LeadId = z.infer<typeof LeadId>;
export const ListId = id('ListId');
export type ListId = z.infer<typeof ListId>;

/** Casts a plain string to a branded id after checking it; for ids read from trusted storage. */
export const asNodeId = (value: string): NodeId => NodeId.parse(value);
export const asTransitionId = (value: string): TransitionId => TransitionId.parse(value);
export const asSegmentId = (value: string): SegmentId => SegmentId.parse(value);
