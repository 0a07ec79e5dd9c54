/** Operator variables ({{support_phone}}, ...) in answers: the allowed names, neutral defaults, and filling them in. */
import type { Lang } from './types.js';

/** The only variables an answer may use; each is set by the operator through the environment variable in upper case. */
export const VARIABLE_NAMES = [
  'service_name',
  'help_url',
  'inquiry_url',
  'support_email',
  'support_phone',
  'phone_hours',
  'response_hours',
] as const;

/** The name of an operator variable. */
export type VariableName = (typeof VARIABLE_NAMES)[number];

/** Values the operator configured; one value serves both languages, and unset names fall back to DEFAULT_VARIABLES. */
export type OperatorVariables = Partial<Record<VariableName, string>>;

/**
 * What answers say when the operator has not configured a value. Defaults never invent contact data:
 * they say what belongs there and which setting provides it, so a missing setting is visible, not misleading.
 */
export const DEFAULT_VARIABLES: Readonly<Record<Lang, Readonly<Record<VariableName, string>>>> = {
  ko: {
    service_name: 'deskbot',
    help_url: '(운영자가 HELP_URL로 설정하는 도움말 센터 주소)',
    inquiry_url: '(운영자가 INQUIRY_URL로 설정하는 1:1 문의 페이지 주소)',
    support_email: '(운영자가 SUPPORT_EMAIL로 설정하는 고객센터 이메일 주소)',
    support_phone: '(운영자가 SUPPORT_PHONE으로 설정하는 대표 전화번호)',
    phone_hours: '(운영자가 PHONE_HOURS로 설정하는 전화 상담 시간)',
    response_hours: '24',
  },
  en: {
    service_name: 'deskbot',
    help_url: '(the help centre address, set by the operator as HELP_URL)',
    inquiry_url: '(the 1:1 inquiry page address, set by the operator as INQUIRY_URL)',
    support_email: '(the support e-mail address, set by the operator as SUPPORT_EMAIL)',
    support_phone: '(the support phone number, set by the operator as SUPPORT_PHONE)',
    phone_hours: '(the phone support hours, set by the operator as PHONE_HOURS)',
    response_hours: '24',
  },
};

/** One {{...}} found in a template; `name` is null when the braces do not hold a valid name. */
export interface VariableUse {
  /** Offset of the opening braces in the template. */
  index: number;
  /** The text as written, e.g. "{{ support_phone }}". */
  raw: string;
  name: string | null;
}

// `{{ name }}` with optional spaces; a lone `{{` or `}}` is reported as broken rather than shown to users.
const USE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}|\{\{[^{}\n]*\}\}|\{\{|\}\}/g;

/** Lists every {{variable}} in a template, including broken ones ("{{support phone}}", a lone "{{"). */
export function findVariables(template: string): VariableUse[] {
  return [...template.matchAll(USE)].map((m) => ({ index: m.index, raw: m[0], name: m[1] ?? null }));
}

/** Whether a name is one of the operator variables. */
export function isVariableName(name: string): name is VariableName {
  return (VARIABLE_NAMES as readonly string[]).includes(name);
}

/**
 * Fills {{variables}} with the operator's values, falling back to the defaults of `lang`.
 * Unknown names stay as written: the loader rejects them, so one showing up means the text bypassed validation.
 */
export function fillVariables(template: string, vars: OperatorVariables, lang: Lang = 'ko'): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (raw, name: string) => {
    if (!isVariableName(name)) return raw;
    const value = vars[name]?.trim();
    return value ? value : DEFAULT_VARIABLES[lang][name];
  });
}
