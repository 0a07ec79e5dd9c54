import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseRoutes } from '../../src/config.js';
import { unservedRouteProblems } from '../../src/route-checks.js';

describe('configuration', () => {
  it('has working defaults for the console on the embedded store', () => {
    const c = loadConfig({});
    expect(c.dataDir).toBe('./data');
    expect(c.timeZone).toBe('Asia/Seoul');
    expect(c.routes.default).toEqual({ route: 'default', channel: 'console', target: '' });
    expect(c.businessHours).toEqual({ startHour: 9, startMinute: 0, endHour: 18, endMinute: 0 });
    expect(c.peakHours).toEqual([{ from: '13:00', to: '14:00' }, { from: '18:00', to: '24:00' }]);
    expect(c.variables).toEqual({ response_hours: '24' });
  });

  it('parses routes to several platforms', () => {
    expect(parseRoutes('default=slack:C1, payment=discord:99')).toEqual({
      default: { route: 'default', channel: 'slack', target: 'C1' },
      payment: { route: 'payment', channel: 'discord', target: '99' },
    });
  });

  it('names the variable and what to fix', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Base' })).toThrow(/TIME_ZONE: unknown IANA time zone/);
    expect(() => loadConfig({ BUSINESS_HOURS: '18-9' })).toThrow(/BUSINESS_HOURS/);
    expect(() => loadConfig({ RESPONSE_HOURS: 'soon' })).toThrow(/RESPONSE_HOURS/);
    expect(() => parseRoutes('account=slack:C1')).toThrow(/default/);
    expect(() => parseRoutes('default=slack')).toThrow(/needs a channel id/);
    expect(() => parseRoutes('default=teams:1')).toThrow(ConfigError);
    expect(() => loadConfig({ CHANNELS: 'slack,irc' })).toThrow(/unknown channel "irc"/);
  });

  it('fills operator variables from the environment', () => {
    const c = loadConfig({ SERVICE_NAME: 'Example', SUPPORT_PHONE: '  ', RESPONSE_HOURS: '48' });
    expect(c.variables).toEqual({ service_name: 'Example', response_hours: '48' });
  });

  it.each([
    ['9-18', { startHour: 9, startMinute: 0, endHour: 18, endMinute: 0 }],
    ['09:00-18:00', { startHour: 9, startMinute: 0, endHour: 18, endMinute: 0 }],
    ['9:30-18', { startHour: 9, startMinute: 30, endHour: 18, endMinute: 0 }],
    ['08:45 - 17:15', { startHour: 8, startMinute: 45, endHour: 17, endMinute: 15 }],
    ['0-24', { startHour: 0, startMinute: 0, endHour: 24, endMinute: 0 }],
  ])('BUSINESS_HOURS=%s is accepted', (spec, hours) => {
    expect(loadConfig({ BUSINESS_HOURS: spec }).businessHours).toEqual(hours);
  });

  it.each(['18-9', '9', '09:60-18:00', '9-24:30', 'nine-six', '9-18-20'])('BUSINESS_HOURS=%s is refused with how to write it', (spec) => {
    expect(() => loadConfig({ BUSINESS_HOURS: spec })).toThrow(/BUSINESS_HOURS: .* e\.g\. 9-18 or 09:00-18:30/);
  });

  it('keeps the turn log and closed transcripts RETENTION_DAYS days, a year unless set, and says what a bad value must be', () => {
    expect(loadConfig({}).retentionDays).toBe(365);
    expect(loadConfig({ RETENTION_DAYS: ' 30 ' }).retentionDays).toBe(30);
    for (const bad of ['0', '-3', '1.5', 'a year']) {
      expect(() => loadConfig({ RETENTION_DAYS: bad })).toThrow(`RETENTION_DAYS must be a whole number of days, at least 1, got '${bad}'`);
    }
  });

  it('says what NLU_THRESHOLD, LOG_LEVEL and DATABASE_URL must look like', () => {
    expect(() => loadConfig({ NLU_THRESHOLD: 'abc' })).toThrow("NLU_THRESHOLD must be a number between 0 and 1, got 'abc'");
    expect(() => loadConfig({ NLU_THRESHOLD: '1.5' })).toThrow("NLU_THRESHOLD must be a number between 0 and 1, got '1.5'");
    expect(loadConfig({ NLU_THRESHOLD: '0.2' }).nluThreshold).toBe(0.2);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow('LOG_LEVEL: "verbose" is not a log level; use one of fatal, error, warn, info, debug, trace, silent');
    expect(loadConfig({ LOG_LEVEL: 'debug' })).toBeDefined();
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u@h/db' })).toThrow(/DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    expect(() => loadConfig({ DATABASE_URL: 'localhost:5432/deskbot' })).toThrow(/DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://postgres@localhost:5432/postgres' }).databaseUrl).toBe('postgresql://postgres@localhost:5432/postgres');
  });

  it('lists every problem at once, each naming its variable', () => {
    const error = (() => {
      try {
        loadConfig({ NLU_THRESHOLD: 'abc', LOG_LEVEL: 'loud', ROUTES: 'payment=slack:C1', CHANNELS: 'irc', PEAK_HOURS: '14-13', BUSINESS_HOURS: 'x' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems.map((p) => /^[A-Z_]+/.exec(p)?.[0]).sort()).toEqual(['BUSINESS_HOURS', 'CHANNELS', 'LOG_LEVEL', 'NLU_THRESHOLD', 'PEAK_HOURS', 'ROUTES']);
    expect(error?.problems).toContain("NLU_THRESHOLD must be a number between 0 and 1, got 'abc'");
  });

  it('reports a bad BUSINESS_DAYS and HOLIDAYS with the other problems, before anything starts', () => {
    const problems = (() => {
      try {
        loadConfig({ BUSINESS_DAYS: 'mon-funday', HOLIDAYS: '2026-12-24,christmas', RESPONSE_HOURS: '-1' });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    })();
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^BUSINESS_DAYS: "mon-funday"/), expect.stringMatching(/^HOLIDAYS: "christmas" is not a date/), expect.stringMatching(/^RESPONSE_HOURS/)]),
    );
    expect(loadConfig({ BUSINESS_DAYS: 'sun-thu', HOLIDAYS: '2026-12-24' })).toMatchObject({ workdays: [1, 2, 3, 4, 7], holidays: ['2026-12-24'] });
  });

  it('.env.example is valid as shipped and ships no route that deskbot start would refuse', () => {
    const example = parse(readFileSync('.env.example', 'utf8'));
    const config = loadConfig(example);
    // Whatever platforms an operator turns on, the shipped routes (none: cases default to the console) never lose a case
    // silently: either they name a platform that runs, or `deskbot start` stops with a message.
    expect(example.ROUTES).toBeUndefined();
    for (const channels of [['slack'], ['discord'], ['slack', 'discord']] as const) {
      expect(unservedRouteProblems(config.routes, channels)[0]).toMatch(/^ROUTES: default=console .* write ROUTES=default=/);
    }
    // The examples in its comments are valid too.
    for (const line of readFileSync('.env.example', 'utf8').split('\n')) {
      const m = /^# (ROUTES|DATABASE_URL|HOLIDAYS|BUSINESS_HOURS)=(\S+)$/.exec(line);
      if (m) expect(() => loadConfig({ [m[1]]: m[2] }), line).not.toThrow();
    }
  });
});

