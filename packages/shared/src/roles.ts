import { z } from 'zod';

/**
 * Roles a signed-in user can hold. "public" is not a role: it is the absence of
 * a session. Inspectors read across agencies and never change anything.
 */
export const ROLES = [
  'system_admin',
  'agency_admin',
  'officer',
  'leader',
  'council_member',
  'provider_officer',
  'inspector',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Sections of the web app, by task (issue 2: my work, orders, acceptance, records, reports, administration). */
export const NAV_SECTIONS = ['myWork', 'orders', 'acceptance', 'records', 'reports', 'administration'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

/** Which task sections each role works in; the web app draws its navigation from this table. */
export const SECTIONS_BY_ROLE: Record<Role, readonly NavSection[]> = {
  system_admin: ['myWork', 'orders', 'acceptance', 'records', 'reports', 'administration'],
  agency_admin: ['myWork', 'orders', 'acceptance', 'records', 'reports', 'administration'],
  officer: ['myWork', 'orders', 'acceptance', 'records', 'reports'],
  leader: ['myWork', 'orders', 'acceptance', 'records', 'reports'],
  council_member: ['myWork', 'acceptance'],
  provider_officer: ['myWork', 'orders', 'acceptance'],
  inspector: ['myWork', 'orders', 'acceptance', 'records', 'reports', 'administration'],
};

export function sectionsFor(roles: readonly Role[]): NavSection[] {
  const allowed = new Set(roles.flatMap((role) => SECTIONS_BY_ROLE[role]));
  return NAV_SECTIONS.filter((section) => allowed.has(section));
}
