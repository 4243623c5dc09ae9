import { z } from 'zod';
import { companyNameWarnings } from './fieldRules.js';
import {
  COUNTRY_DEPENDENT_FIELDS,
  CUSTOMER_FIELDS,
  CUSTOMER_SECTIONS,
  CUSTOMER_SECTIONS_IN_ORDER,
  customerFieldSchemas,
  FIELDS,
  requiredInCountry,
  type CustomerField,
  type CustomerSection,
} from './fields.js';
import type { Issue, IssueCode, ValidationReport } from './issues.js';
import { latestCalendarDate } from './clock.js';

/** The whole new-customer form, parsed. */
const newCustomerSchema = z.object(customerFieldSchemas);
export type NewCustomerInput = z.infer<typeof newCustomerSchema>;

/** Fields no step asks for (the bot sets them): checked only with the whole form. */
const UNASKED_FIELDS = CUSTOMER_FIELDS.filter((f) => FIELDS[f].section === undefined);

export function makeIssue(field: string, code: IssueCode, params?: Issue['params']): Issue {
  return params ? { field, code, params } : { field, code };
}

/** Turns zod's issues into ours: one per failure, on the field it concerns. */
export function issuesFromZod(error: z.ZodError, input: unknown): Issue[] {
  return error.issues.flatMap((zodIssue): Issue[] => {
    const field = zodIssue.path.map(String).join('.') || 'body';
    if (zodIssue.code === 'custom' && typeof zodIssue.params?.issueCode === 'string') {
      const { issueCode, ...params } = zodIssue.params as {
        issueCode: IssueCode;
      } & Issue['params'];
      return [makeIssue(field, issueCode, Object.keys(params).length ? params : undefined)];
    }
    const missing = valueAt(input, zodIssue.path) === undefined;
    if ((zodIssue.code === 'invalid_type' || zodIssue.code === 'invalid_value') && missing) {
      return [makeIssue(field, 'required')];
    }
    if (zodIssue.code === 'invalid_value') {
      return [
        makeIssue(field, 'invalidChoice', { choices: zodIssue.values.map(String).join(', ') }),
      ];
    }
    if (zodIssue.code === 'unrecognized_keys') {
      return zodIssue.keys.map((key) => makeIssue(key, 'unknownField'));
    }
    if (zodIssue.code === 'too_big' && typeof zodIssue.maximum === 'number') {
      return [makeIssue(field, 'tooLong', { max: zodIssue.maximum })];
    }
    return [makeIssue(field, 'invalidFormat')];
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
    if (typeof current === 'string' && current.trim() === '') return undefined;
  }
  return current;
}

export interface ValidationContext {
  /** Now, for "the agreement date cannot be in the future" (in no time zone: see latestCalendarDate). */
  now: Date;
}

/** One schema per set of fields, built once: picking and compiling it costs more than parsing. */
const schemasByFields = new Map<string, z.ZodType<Partial<NewCustomerInput>>>();
function schemaFor(fields: readonly CustomerField[]): z.ZodType<Partial<NewCustomerInput>> {
  const key = fields.join(',');
  let schema = schemasByFields.get(key);
  if (!schema) {
    const mask = Object.fromEntries(fields.map((f) => [f, true])) as Record<CustomerField, true>;
    schema = newCustomerSchema.pick(mask);
    schemasByFields.set(key, schema);
  }
  return schema;
}

/**
 * Validates the fields of the given sections of a (possibly partial) draft, including the rules
 * that cross fields (a country that requires a registration ID, an agreement dated in the
 * future). Every failure is reported, not only the first.
 */
export function validateSections(
  input: unknown,
  sections: readonly CustomerSection[],
  context: ValidationContext,
): ValidationReport<Partial<NewCustomerInput>> {
  const fields = new Set<CustomerField>(sections.flatMap((s) => CUSTOMER_SECTIONS[s]));
  if (sections.length === CUSTOMER_SECTIONS_IN_ORDER.length)
    for (const field of UNASKED_FIELDS) fields.add(field);
  const parsed = schemaFor([...fields]).safeParse(input ?? {});
  const issues = parsed.success ? [] : issuesFromZod(parsed.error, input);
  const failed = new Set(issues.map((i) => i.field));
  const fieldValue = <K extends CustomerField>(field: K): NewCustomerInput[K] | undefined => {
    // A draft that parsed whole has every value parsed already (the usual case: no second parse).
    if (parsed.success && fields.has(field)) return parsed.data[field];
    const result = customerFieldSchemas[field].safeParse(valueAt(input, [field]));
    return result.success ? (result.data as NewCustomerInput[K]) : undefined;
  };

  // The country can come from an earlier step of the draft.
  const country = fieldValue('country');
  if (country) {
    for (const field of COUNTRY_DEPENDENT_FIELDS) {
      if (
        fields.has(field) &&
        requiredInCountry(field, country) &&
        !failed.has(field) &&
        fieldValue(field) === undefined
      ) {
        issues.push(makeIssue(field, 'requiredForCountry', { country }));
      }
    }
  }
  if (fields.has('mcaDateAgreed') && !failed.has('mcaDateAgreed')) {
    const agreed = fieldValue('mcaDateAgreed');
    if (agreed && agreed > latestCalendarDate(context.now)) {
      issues.push(makeIssue('mcaDateAgreed', 'futureDate'));
    }
  }

  const warnings: Issue[] = [];
  const companyName =
    fields.has('companyName') && !failed.has('companyName') ? fieldValue('companyName') : undefined;
  if (companyName) {
    warnings.push(...companyNameWarnings(companyName).map((w) => makeIssue('companyName', w.code)));
  }
  return {
    value: issues.length === 0 && parsed.success ? parsed.data : undefined,
    issues,
    warnings,
  };
}

/** Validates a complete new-customer form. */
export function validateNewCustomer(
  input: unknown,
  context: ValidationContext,
): ValidationReport<NewCustomerInput> {
  const report = validateSections(input, CUSTOMER_SECTIONS_IN_ORDER, context);
  return { ...report, value: report.value as NewCustomerInput | undefined };
}

/**
 * A draft as the service takes it: nobody types the customer's culture and language; they are
 * the partner's language and the customer's country ("fr" and FR: fr-FR).
 */
export function withCulture(
  draft: Readonly<Record<string, string>>,
  language: string,
): Record<string, string> {
  const country = (draft.country ?? '').toUpperCase();
  const culture = /^[A-Z]{2}$/.test(country) ? `${language}-${country}` : undefined;
  return { ...(culture ? { culture, language } : {}), ...draft };
}
