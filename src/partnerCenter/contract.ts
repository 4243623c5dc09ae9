import { z } from 'zod';

/**
 * What Partner Center's REST API answers, checked at the boundary (zod). Where its sources
 * disagree (../shared/partner-center-api.md), every documented variant is accepted: 200 or 201, a
 * bare array or a `{qualifications: […]}` wrapper, `vettingCreateDate` or `vettingCreatedDate`,
 * and vetting statuses this code does not know (kept as sent).
 */

/** An address as Partner Center spells it (the billing profile's `defaultAddress`). */
const addressSchema = z.looseObject({
  addressLine1: z.string().max(200).optional(),
  addressLine2: z.string().max(200).nullish(),
  city: z.string().max(200).nullish(),
  state: z.string().max(200).nullish(),
  postalCode: z.string().max(64).nullish(),
  country: z.string().max(2),
  firstName: z.string().max(100).nullish(),
  lastName: z.string().max(100).nullish(),
  phoneNumber: z.string().max(64).nullish(),
});
export type PartnerCenterAddress = z.infer<typeof addressSchema>;

const attributesSchema = z.looseObject({ etag: z.string().max(200).optional() }).optional();

/** `GET`/`PUT /v1/customers/{id}/profiles/billing`: kept whole, since a PUT sends it back whole. */
export const billingProfileSchema = z.looseObject({
  companyName: z.string().max(255),
  email: z.string().max(320).nullish(),
  firstName: z.string().max(100).nullish(),
  lastName: z.string().max(100).nullish(),
  culture: z.string().max(35).nullish(),
  language: z.string().max(35).nullish(),
  defaultAddress: addressSchema,
  attributes: attributesSchema,
});
export type BillingProfile = z.infer<typeof billingProfileSchema>;

/** `POST /v1/customers` (201, or 200 as the swagger says) and the items of a customer search. */
export const customerSchema = z.looseObject({
  id: z.string().min(1).max(64),
  companyProfile: z.looseObject({
    tenantId: z.string().max(64).optional(),
    domain: z.string().max(256),
    companyName: z.string().max(255).nullish(),
    organizationRegistrationNumber: z.string().max(64).nullish(),
  }),
  billingProfile: billingProfileSchema.optional(),
});
export type PartnerCenterCustomer = z.infer<typeof customerSchema>;

/** A page of a collection: `items`, and `links.next` with its continuation token when there is more. */
export const customerPageSchema = z.looseObject({
  totalCount: z.number().int().nonnegative().optional(),
  items: z.array(customerSchema).max(1_000),
  links: z
    .looseObject({
      next: z
        .looseObject({
          uri: z.string().max(2_048),
          headers: z
            .array(z.looseObject({ key: z.string().max(100), value: z.string().max(4_096) }))
            .max(20)
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

/**
 * A date as the store keeps it (UTC, `Z`); undefined when unreadable. Partner Center's times are
 * UTC: one written without a zone is read as UTC, never in the machine's zone.
 */
function isoInstant(text: string | null | undefined): string | undefined {
  const zoned = text && /T[\d:.]+$/.test(text) ? `${text}Z` : text;
  const ms = zoned ? Date.parse(zoned) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** One qualification as read or as requested. */
const qualificationItemSchema = z
  .looseObject({
    qualification: z.string().max(64),
    vettingStatus: z.string().max(64).optional(),
    vettingReason: z.string().max(1_000).nullish(),
    vettingCreateDate: z.string().max(64).nullish(),
    vettingCreatedDate: z.string().max(64).nullish(),
    // Not confirmed to be echoed by a read (§4.2); kept when they are.
    educationSegment: z.string().max(64).nullish(),
    website: z.string().max(2_048).nullish(),
  })
  .transform(({ vettingCreateDate, vettingCreatedDate, vettingReason, ...item }) => {
    const created = isoInstant(vettingCreateDate ?? vettingCreatedDate);
    return {
      qualification: item.qualification,
      ...(item.educationSegment ? { educationSegment: item.educationSegment } : {}),
      ...(item.website ? { website: item.website } : {}),
      vettingStatus: item.vettingStatus,
      ...(vettingReason ? { vettingReason } : {}),
      ...(created ? { vettingCreateDate: created } : {}),
    };
  });
export type Qualification = z.output<typeof qualificationItemSchema>;

/**
 * `GET …/qualifications` (a bare array since 2021, a wrapper in the swagger) and the answer of
 * `POST …/qualifications` (one object in the docs and the SDK, a wrapper in the swagger).
 */
export const qualificationsSchema = z
  .union([
    z.array(qualificationItemSchema).max(20),
    z.looseObject({ qualifications: z.array(qualificationItemSchema).max(20) }),
    qualificationItemSchema,
  ])
  .transform((answer): Qualification[] =>
    Array.isArray(answer) ? answer : 'qualifications' in answer ? answer.qualifications : [answer],
  );

/** `GET /v1/agreements?agreementType=MicrosoftCustomerAgreement`: the template to confirm. */
export const agreementTemplatesSchema = z.looseObject({
  items: z
    .array(
      z.looseObject({
        templateId: z.string().min(1).max(100),
        agreementType: z.string().max(100).optional(),
        versionRank: z.number().optional(),
      }),
    )
    .max(100),
});

/** `GET /v1/customers/{id}/agreements?agreementType=…`: who confirmed each agreement, and when. */
export const customerAgreementsSchema = z.looseObject({
  items: z
    .array(
      z.looseObject({
        primaryContact: z
          .looseObject({
            firstName: z.string().max(100).nullish(),
            lastName: z.string().max(100).nullish(),
            email: z.string().max(320).nullish(),
          })
          .nullish(),
        dateAgreed: z.string().max(64).nullish(),
        type: z.string().max(100).nullish(),
      }),
    )
    .max(100),
});
export type CustomerAgreement = z.infer<typeof customerAgreementsSchema>['items'][number];

/** An error body: the classic `{code, description}`, the newer `{code, message, errorName}`, or a 429's `{statusCode, message}`. */
const errorBodySchema = z.looseObject({
  code: z.union([z.number(), z.string().max(100)]).optional(),
  description: z.string().max(2_000).optional(),
  message: z.string().max(2_000).optional(),
  errorName: z.string().max(200).optional(),
});

/** Partner Center's error code in an answer's body, as text, when it gave one. */
export function errorCodeOf(body: unknown): { code?: string } {
  const code = errorBodySchema.safeParse(body).data?.code;
  return code === undefined ? {} : { code: String(code) };
}

/** The token endpoint's answer to a refresh-token exchange. */
export const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1).max(20_000),
  expires_in: z.coerce.number().int().positive().max(86_400),
  refresh_token: z.string().min(1).max(20_000).optional(),
});
