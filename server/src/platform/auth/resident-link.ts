import type { Executor } from '../db/database.js';

/**
 * How the identity piece finds the resident behind a phone-code sign-in. The platform cannot
 * read a module's tables, so the module that keeps the residents (the registry) registers these
 * through its manifest (`residentLink`); without one, no resident can sign in by phone.
 */
export interface ResidentLink {
  /** The household of a resident, or null. */
  householdOf(ex: Executor, residentId: number): Promise<number | null>;
  /** Residents whose phone has this blind index, oldest record first (at most `limit`). */
  byPhoneIndex(ex: Executor, phoneBi: Buffer, limit: number): Promise<{ id: number; name: string }[]>;
}

let link: ResidentLink | null = null;

export function registerResidentLink(l: ResidentLink) {
  link = l;
}

/** The household of a resident who signs in with a phone code. */
export async function householdOfResident(ex: Executor, residentId: number): Promise<number | null> {
  return link ? link.householdOf(ex, residentId) : null;
}

/** Residents whose phone has this blind index, oldest record first. */
export async function residentsByPhoneIndex(ex: Executor, phoneBi: Buffer): Promise<{ id: number; name: string }[]> {
  return link ? link.byPhoneIndex(ex, phoneBi, 5) : [];
}
