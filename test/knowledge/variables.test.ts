import { describe, expect, it } from 'vitest';
import { DEFAULT_VARIABLES, fillVariables, findVariables, VARIABLE_NAMES } from '../../src/knowledge/variables.js';

describe('fillVariables', () => {
  it('fills operator values, the same in both languages', () => {
    const vars = { support_phone: '1588-0000', service_name: 'Portal' };
    expect(fillVariables('Call {{support_phone}} ({{service_name}})', vars, 'en')).toBe('Call 1588-0000 (Portal)');
    expect(fillVariables('{{service_name}} 고객센터 {{support_phone}}', vars, 'ko')).toBe('Portal 고객센터 1588-0000');
  });

  it('falls back to defaults in the answer language for unset or blank values', () => {
    expect(fillVariables('전화: {{support_phone}}', {}, 'ko')).toBe('전화: (운영자가 SUPPORT_PHONE으로 설정하는 대표 전화번호)');
    expect(fillVariables('Phone: {{support_phone}}', { support_phone: '  ' }, 'en')).toBe(
      'Phone: (the support phone number, set by the operator as SUPPORT_PHONE)',
    );
    expect(fillVariables('within {{response_hours}} hours at {{service_name}}', {}, 'en')).toBe('within 24 hours at deskbot');
  });

  it('accepts spaces inside the braces and fills every occurrence', () => {
    expect(fillVariables('{{ help_url }} and {{help_url}}', { help_url: 'https://help.example' }, 'en')).toBe(
      'https://help.example and https://help.example',
    );
  });

  it('inserts values literally, without replacement patterns or a second pass', () => {
    expect(fillVariables('{{service_name}}', { service_name: "$& $' {{help_url}}" }, 'en')).toBe("$& $' {{help_url}}");
  });

  it('leaves unknown names as written', () => {
    expect(fillVariables('{{weather}} {{service_name}}', {}, 'en')).toBe('{{weather}} deskbot');
  });
});

describe('DEFAULT_VARIABLES', () => {
  it('covers every variable in both languages and never invents contact data', () => {
    for (const lang of ['ko', 'en'] as const) {
      expect(Object.keys(DEFAULT_VARIABLES[lang]).sort()).toEqual([...VARIABLE_NAMES].sort());
      for (const name of ['help_url', 'inquiry_url', 'support_email', 'support_phone', 'phone_hours'] as const) {
        const value = DEFAULT_VARIABLES[lang][name];
        expect(value).toContain(name.toUpperCase());
        expect(value).not.toMatch(/\d{2,}|@|https?:|www\./);
      }
    }
  });
});

describe('findVariables', () => {
  it('finds names, and flags braces that hold no valid name', () => {
    expect(findVariables('a {{x}} b {{ y_1 }} {{bad name}} {{c } }}')).toEqual([
      { index: 2, raw: '{{x}}', name: 'x' },
      { index: 10, raw: '{{ y_1 }}', name: 'y_1' },
      { index: 20, raw: '{{bad name}}', name: null },
      { index: 33, raw: '{{', name: null },
      { index: 39, raw: '}}', name: null },
    ]);
  });
});
