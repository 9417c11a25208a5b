import { z } from 'zod';
import { AgencyRef } from './agencies.schemas.js';
import { PASSWORD_MIN_LENGTH } from './auth.schemas.js';
import { pageOf, pageQuery } from './pagination.js';
import { plainName } from './text.js';
import { Role } from './roles.js';

export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  roles: z.array(Role),
  agency: AgencyRef,
  isActive: z.boolean(),
  isLocked: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  allowedActions: z.array(z.enum(['update', 'resetPassword', 'unlock'])),
});
export type User = z.infer<typeof User>;

const username = z
  .string()
  .trim()
  .min(3)
  .max(50)
  .regex(/^[a-z0-9._-]+$/, { message: 'usernameForm' });

export const CreateUserBody = z.strictObject({
  username,
  fullName: plainName(200),
  email: z.email().max(200).nullable().default(null),
  roles: z.array(Role).min(1).max(7),
  agencyId: z.uuid(),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(1000),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.strictObject({
  fullName: plainName(200).optional(),
  email: z.email().max(200).nullable().optional(),
  roles: z.array(Role).min(1).max(7).optional(),
  isActive: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.strictObject({
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(1000),
});
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

export const UserListQuery = pageQuery(['username', 'fullName', 'createdAt', 'lastLoginAt']).extend({
  q: z.string().trim().max(200).optional(),
  agencyId: z.uuid().optional(),
  role: Role.optional(),
  isActive: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserPage = pageOf(User);
export type UserPage = z.infer<typeof UserPage>;
