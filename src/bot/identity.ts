import fs from 'node:fs';
import { z } from 'zod';
import {
  PARTNER_ROLES,
  PARTNER_TYPES,
  type PartnerRole,
  type PartnerType,
  type PartnerUser,
} from '../domain/roles.js';

/**
 * Who a Teams user is at the partner: their Partner Center role, and their organisation's partner
 * type. Kept in a seed file (PARTNER_USERS_FILE); an unmapped user gets no role, never a default,
 * except in emulator mode where DEV_USER_ROLE / DEV_PARTNER_TYPE apply to local testing.
 */

const partnerUsersFileSchema = z.object({
  partners: z.array(
    z.object({
      tenantId: z.string().min(1),
      name: z.string().optional(),
      partnerType: z.enum(PARTNER_TYPES),
      users: z.array(
        z.object({
          aadObjectId: z.string().min(1),
          role: z.enum(PARTNER_ROLES),
          name: z.string().optional(),
        }),
      ),
    }),
  ),
});
export type PartnerUsersFile = z.infer<typeof partnerUsersFileSchema>;

/** What the channel tells us about the person writing. */
export interface ChannelUser {
  /** The channel's user id (Teams: 29:…). */
  id: string;
  name: string;
  /** Microsoft Entra object id, when the channel gives it (Teams does). */
  aadObjectId?: string;
  tenantId?: string;
}

export interface DevIdentity {
  role: PartnerRole;
  partnerType: PartnerType;
}

export const LOCAL_TENANT = 'local-development';

export class PartnerUserDirectory {
  private readonly byTenant = new Map<
    string,
    { partnerType: PartnerType; roles: Map<string, PartnerRole> }
  >();

  constructor(
    file: PartnerUsersFile,
    private readonly dev?: DevIdentity,
  ) {
    for (const partner of file.partners) {
      this.byTenant.set(partner.tenantId, {
        partnerType: partner.partnerType,
        roles: new Map(partner.users.map((u) => [u.aadObjectId.toLowerCase(), u.role])),
      });
    }
  }

  /** Reads and validates the seed file; a missing file is an empty directory. */
  static load(path: string, dev?: DevIdentity): PartnerUserDirectory {
    if (!fs.existsSync(path)) return new PartnerUserDirectory({ partners: [] }, dev);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(
        `PARTNER_USERS_FILE ${path} is not valid JSON (${(error as Error).message}).`,
      );
    }
    const parsed = partnerUsersFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `PARTNER_USERS_FILE ${path}: ${issue?.path.join('.')} ${issue?.message}. See docs/configuration.md, "Partner users file".`,
      );
    }
    return new PartnerUserDirectory(parsed.data, dev);
  }

  /** The partner tenants the seed file lists. */
  get tenantIds(): string[] {
    return [...this.byTenant.keys()];
  }

  /** Whether the seed file lists this partner tenant. */
  hasTenant(tenantId: string): boolean {
    return this.byTenant.has(tenantId);
  }

  /**
   * The user's role from the seed file; unmapped users get the development identity only when
   * there is one and the caller allows it (never for a signed-in tab user).
   */
  resolve(user: ChannelUser, { allowDevelopmentIdentity = true } = {}): PartnerUser {
    const tenantId = user.tenantId ?? LOCAL_TENANT;
    const partner = this.byTenant.get(tenantId);
    const role = user.aadObjectId ? partner?.roles.get(user.aadObjectId.toLowerCase()) : undefined;
    if (role && partner)
      return {
        id: user.aadObjectId ?? user.id,
        name: user.name,
        tenantId,
        role,
        partnerType: partner.partnerType,
      };
    if (this.dev && allowDevelopmentIdentity)
      return {
        id: user.aadObjectId ?? user.id,
        name: user.name,
        tenantId,
        role: this.dev.role,
        partnerType: this.dev.partnerType,
      };
    return {
      id: user.aadObjectId ?? user.id,
      name: user.name,
      tenantId,
      role: null,
      partnerType: partner?.partnerType ?? null,
    };
  }
}
