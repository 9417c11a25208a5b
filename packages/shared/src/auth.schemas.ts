import { z } from 'zod';
import { AgencyRef } from './agencies.schemas.js';
import { Role } from './roles.js';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const PASSWORD_MIN_LENGTH = 10;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(1000),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const Me = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    roles: z.array(Role),
    mustChangePassword: z.boolean(),
  }),
  agency: AgencyRef,
  /**
   * What the user may do before any record exists (page-level buttons and
   * navigation), decided by the server's policies; actions on an existing
   * record come with that record's allowedActions.
   */
  permissions: z.object({
    createAgencies: z.boolean(),
    importAgencies: z.boolean(),
    readUsers: z.boolean(),
    createUsers: z.boolean(),
    readAudit: z.boolean(),
    verifyAudit: z.boolean(),
  }),
  /** Send back as the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
  session: z.object({ idleExpiresAt: z.iso.datetime(), absoluteExpiresAt: z.iso.datetime() }),
});
export type Me = z.infer<typeof Me>;

export const DemoAccount = z.object({ username: z.string(), role: Role, fullName: z.string() });
export type DemoAccount = z.infer<typeof DemoAccount>;

/** What the sign-in page needs before anyone signs in. */
export const PublicConfig = z.object({
  provinceName: z.string(),
  demoPassword: z.string().nullable(),
  demoAccounts: z.array(DemoAccount),
});
export type PublicConfig = z.infer<typeof PublicConfig>;
